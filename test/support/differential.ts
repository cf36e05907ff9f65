// The offline validator against the real API server: seeded mutations of real manifests (every
// preset's, and hand-written ones in test/fixtures/differential/), each judged by both. Used by
// test/differential.test.ts and by `npm run bench`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { APPLY_TIME_SAMPLES, validateFiles } from '../../src/validate/index.ts';
import { ensureNamespaces, kubectl, resourceFor, serverVerdict, type ApiServer } from './apiserver.ts';
import { SERVER_PRESETS } from './presets.ts';
import { renderAnswers } from './project.ts';

export const DIFF_NAMESPACE = 'differential';
const FIXTURES = fileURLToPath(new URL('../fixtures/differential/', import.meta.url));
// The offline validator's rules that stand for the API server's own checks; the others (lint, cross-file
// references, Pod Security admission of the pods a workload would create) judge what a server accepts.
const SERVER_RULE = /^(parse-error|k8s-)/;
// Values the README's steps export before envsubst fills apply-time files (*.tmpl): the validator's own.
export const STEP_VALUES = APPLY_TIME_SAMPLES;

export interface Base {
  source: string;
  obj: any;
}

/** Every object of every server preset's manifests, and every hand-written fixture, once each (by kind and source). */
export async function corpus(): Promise<Base[]> {
  const out: Base[] = [];
  const seen = new Set<string>();
  const add = (source: string, obj: any) => {
    const key = JSON.stringify(obj);
    if (obj && typeof obj === 'object' && !seen.has(key)) {
      seen.add(key);
      out.push({ source, obj });
    }
  };
  for (const [name, answers] of Object.entries(SERVER_PRESETS)) {
    const { files } = await renderAnswers(answers);
    for (const [p, content] of files) {
      if (!p.startsWith('k8s/')) continue;
      const text = content.replace(/\$\{(\w+)\}/g, (_, v) => STEP_VALUES[v] ?? `\${${v}}`);
      for (const d of parseAllDocuments(text)) add(`${name}:${p}`, d.toJS());
    }
  }
  for (const f of readdirSync(FIXTURES)
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    for (const d of parseAllDocuments(readFileSync(path.join(FIXTURES, f), 'utf8'))) add(`fixture:${f}`, d.toJS());
  }
  return out;
}

/** A small seeded PRNG (mulberry32), so a run's mutations can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Path = (string | number)[];
function paths(v: any, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...at, k], out);
  return out;
}
const get = (o: any, p: Path) => p.reduce((x, k) => (x == null ? undefined : x[k]), o);
function set(o: any, p: Path, value: any): void {
  const parent = get(o, p.slice(0, -1));
  const k = p[p.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(k), 1);
    else delete parent[k];
  } else parent[k] = value;
}

const BAD_STRINGS = ['', 'Bad_Name!', 'x'.repeat(300), 'UPPER', '-lead', 'a..b', '99999', 'true', '1.5Gi', 'Bogus'];
const BAD_NUMBERS = [-1, 0, 1.5, 2147483648, 65536, 1e12];
const OTHER_TYPES = (v: any) => [typeof v === 'string' ? 7 : 'seven', true, null, {}, [], typeof v === 'number' ? String(v) : 0];

export interface Mutation {
  op: string;
  path: string;
  obj: any;
}

/** One seeded mutation of an object: drop, retype, an unknown field, a bad number or string, a duplicated or emptied list. */
export function mutate(base: any, rand: () => number): Mutation {
  const obj = structuredClone(base);
  // The namespace says where the object goes, not what it is: the test puts every object in its own.
  const all = paths(obj).filter(
    (p) => p.length > 0 && !(p.length === 1 && (p[0] === 'apiVersion' || p[0] === 'kind')) && !(p[0] === 'metadata' && p[1] === 'namespace'),
  );
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const p = pick(all);
  const v = get(obj, p);
  const ops = ['drop', 'retype', 'unknown'];
  if (typeof v === 'number') ops.push('number', 'number');
  if (typeof v === 'string') ops.push('string', 'string');
  if (Array.isArray(v)) ops.push('duplicate', 'empty');
  const op = pick(ops);
  let at = p;
  switch (op) {
    case 'drop':
      set(obj, p, undefined);
      break;
    case 'retype':
      set(obj, p, pick(OTHER_TYPES(v)));
      break;
    case 'number':
      set(obj, p, pick(BAD_NUMBERS));
      break;
    case 'string':
      set(obj, p, pick(BAD_STRINGS));
      break;
    case 'duplicate':
      v.push(structuredClone(v[0] ?? 'x'));
      break;
    case 'empty':
      set(obj, p, []);
      break;
    case 'unknown': {
      // Into the nearest object: a misspelt sibling, or a field no version has.
      const parent = v && typeof v === 'object' && !Array.isArray(v) ? p : p.slice(0, -1);
      const target = get(obj, parent);
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        const keys = Object.keys(target);
        const name = keys.length && rand() < 0.5 ? `${pick(keys)}s` : 'unknownField';
        target[name] = 'x';
        at = [...parent, name];
      }
      break;
    }
  }
  return { op, path: at.join('.'), obj };
}

/** Prepares an object for both judges: its namespace the test's own, cluster-scoped names made new. */
export async function prepare(api: ApiServer, base: any, i: number): Promise<any> {
  const obj = structuredClone(base);
  const res = typeof obj.apiVersion === 'string' && typeof obj.kind === 'string' ? await resourceFor(api, obj.apiVersion, obj.kind) : undefined;
  obj.metadata ??= {};
  if (res?.namespaced) obj.metadata.namespace = DIFF_NAMESPACE;
  // A dry-run create of an object that exists is a conflict; cluster-scoped objects get names no one uses.
  else if (typeof obj.metadata.name === 'string') obj.metadata.name = `diff-${i}-${obj.metadata.name}`.slice(0, 63).replace(/[^a-z0-9]$/, 'x');
  return obj;
}

/**
 * Where the two verdicts may differ for a reason that is not a validator defect. Each is explained
 * in docs/validator-differences.md; anything else is a defect.
 */
export const DOCUMENTED: { id: string; applies: (j: Judged) => boolean }[] = [
  // A dry run allocates no node port, so it does not check the port's range; a real create does.
  {
    id: 'node-port-allocation',
    applies: (j) => j.server && !j.offline && j.offlineMessages.every((m) => /^k8s-port-range spec\.ports\[\d+\]\.nodePort:/.test(m)),
  },
  // Fields added after 1.32: the test server refuses them as unknown; the offline schemas (1.36) know them.
  {
    id: 'newer-than-the-test-server',
    applies: (j) => !j.server && j.offline && j.op !== 'unknown' && /strict decoding error: unknown field/.test(j.serverMessage),
  },
];

export interface Summary {
  judged: number;
  agreed: number;
  documented: Record<string, number>;
  defects: Judged[];
}

export function summarize(judged: Judged[]): Summary {
  const out: Summary = { judged: judged.length, agreed: 0, documented: {}, defects: [] };
  for (const j of judged) {
    if (j.server === j.offline) {
      out.agreed++;
      continue;
    }
    const doc = DOCUMENTED.find((d) => d.applies(j));
    if (doc) out.documented[doc.id] = (out.documented[doc.id] ?? 0) + 1;
    else out.defects.push(j);
  }
  return out;
}

export interface Judged {
  source: string;
  op: string;
  path: string;
  obj: any;
  server: boolean;
  serverMessage: string;
  offline: boolean;
  offlineMessages: string[];
}

export function offlineVerdict(obj: any, kubernetesVersion: string): { accepted: boolean; messages: string[] } {
  const findings = validateFiles([{ path: 'm.yaml', content: JSON.stringify(obj) }], { kubernetesVersion }).findings.filter(
    (f) => f.severity === 'error' && SERVER_RULE.test(f.rule),
  );
  return { accepted: findings.length === 0, messages: findings.map((f) => `${f.rule} ${f.path}: ${f.message}`) };
}

/** `count` mutations, spread over the corpus, each judged by the server and offline. */
export async function runDifferential(api: ApiServer, count: number, seed: number, kubernetesVersion: string): Promise<{ judged: Judged[]; bases: number }> {
  await ensureNamespaces(api, [DIFF_NAMESPACE]);
  // Pods need their ServiceAccount to exist, and no controller makes "default" here.
  await kubectl(api, ['create', 'serviceaccount', 'default', '-n', DIFF_NAMESPACE]);
  const bases = await corpus();
  const prepared = await Promise.all(bases.map((b, i) => prepare(api, b.obj, i)));
  const rand = rng(seed);
  const judged: Judged[] = [];
  // Unmutated objects first: both must accept every one.
  const jobs: { source: string; op: string; path: string; obj: any }[] = prepared.map((obj, i) => ({ source: bases[i].source, op: 'none', path: '', obj }));
  for (let n = 0; n < count; n++) {
    const i = Math.floor(rand() * bases.length);
    const m = mutate(prepared[i], rand);
    jobs.push({ source: bases[i].source, ...m });
  }
  for (let i = 0; i < jobs.length; i += 16) {
    const batch = jobs.slice(i, i + 16);
    const verdicts = await Promise.all(batch.map((j) => serverVerdict(api, j.obj, DIFF_NAMESPACE)));
    batch.forEach((j, k) => {
      const off = offlineVerdict(j.obj, kubernetesVersion);
      const s = verdicts[k];
      judged.push({ ...j, server: s.accepted, serverMessage: s.accepted ? '' : s.message, offline: off.accepted, offlineMessages: off.messages });
    });
  }
  return { judged, bases: bases.length };
}
