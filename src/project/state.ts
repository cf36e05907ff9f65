// A generated project on disk: .eks-app.json (tool, answers, pack, services) and the base snapshot
// under .eks-app/base/, the files exactly as the tool last rendered them (the merge base of `update`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DELIVERY_FIELDS, type AppAnswers, type DeliveryField, type PartialAnswers } from '../answers/types.ts';
import { UserError } from '../errors.ts';
import { ANSWERS_FILE_LIMIT, AnswersFileError, parseAnswersFile } from '../answers/file.ts';
import { LineCounter, parseDocument } from 'yaml';
import { migrateAnswers } from '../answers/renamed.ts';

/** line:col of the first syntax error; JSON is YAML, and the YAML parser reports where it stopped. */
function syntaxPosition(text: string): string {
  const lc = new LineCounter();
  const err = parseDocument(text, { lineCounter: lc }).errors[0];
  const { line, col } = lc.linePos(err?.pos[0] ?? text.length);
  return `${line}:${col}`;
}

export { BASE_DIR, BASE_SUFFIX, META_DIR, snapshotOf, STATE_FILE } from './layout.ts';
import { BASE_DIR, BASE_SUFFIX, STATE_FILE } from './layout.ts';

export class ProjectError extends UserError {}

const TOP_KEYS = ['tool', 'answers', 'pack', 'services'];
const REQUIRED_SERVICE_FIELDS = { name: 'text', namespace: 'text', image: 'text', port: 'integer', replicas: 'integer' } as const;
const SERVICE_FIELDS: Record<string, 'text' | 'integer' | 'boolean' | 'list'> = { ...REQUIRED_SERVICE_FIELDS, ...DELIVERY_FIELDS };

export interface PackRecord {
  name: string;
  version: string;
  /** Where the pack was loaded from: a folder relative to the project, or an npm package name. */
  source: string;
  /** Answers to the pack's own questions. */
  answers: Record<string, unknown>;
}

/** Another workload beside the first application, added with `add service`. */
export type ServiceAnswers = Pick<AppAnswers, keyof typeof REQUIRED_SERVICE_FIELDS> & Partial<Pick<AppAnswers, DeliveryField>>;

export interface ProjectState {
  tool: { name: string; version: string };
  answers: PartialAnswers;
  pack?: PackRecord;
  services: ServiceAnswers[];
}

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function readState(dir: string): ProjectState {
  const file = path.join(dir, STATE_FILE);
  if (!existsSync(file))
    throw new ProjectError(
      `${dir}: no ${STATE_FILE}, so this is not a project create-eks-app generated; run the command in the project folder or pass --project <folder>`,
    );
  const st = statSync(file);
  if (!st.isFile()) throw new ProjectError(`${file}: not a regular file; it should be the project's state (JSON); restore it from version control`);
  if (st.size > ANSWERS_FILE_LIMIT)
    throw new ProjectError(`${file}: ${Math.round(st.size / 1024)} KiB is too large for a project's state file; restore it from version control`);
  const text = readFileSync(file, 'utf8');
  let raw: any;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ProjectError(`${file}:${syntaxPosition(text)}: not valid JSON (${(e as Error).message.split('\n')[0]}); restore it from version control`);
  }
  // The answers get the same checks as an answers file: types and unknown keys, with line and column.
  // A pack's own add-on options are only known once the pack is loaded, so those are left to resolve().
  try {
    parseAnswersFile(text, file);
  } catch (e) {
    if (!(e instanceof AnswersFileError) || !/: addon\.[^:]+: unknown answer key/.test(e.message)) throw e;
  }
  const fail = (field: string, msg: string): never => {
    throw new ProjectError(`${file}: ${field}: ${msg}`);
  };
  if (!isObj(raw)) return fail('(file)', 'expected an object with tool and answers');
  if (!isObj(raw.tool) || typeof raw.tool.version !== 'string') fail('tool.version', 'missing; it records which create-eks-app version generated the project');
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(raw.tool.version))
    fail('tool.version', `${JSON.stringify(raw.tool.version)} is not a version (x.y.z); restore it from version control`);
  if (!isObj(raw.answers)) fail('answers', 'missing; it holds the answers the project was generated from');
  let pack: PackRecord | undefined;
  if (raw.pack !== undefined) {
    const p = raw.pack;
    if (!isObj(p)) return fail('pack', 'expected {name, version, source, answers}');
    for (const k of ['name', 'version', 'source']) if (typeof p[k] !== 'string') fail(`pack.${k}`, 'expected text');
    if (p.answers !== undefined && !isObj(p.answers)) fail('pack.answers', 'expected a map of answers');
    pack = { name: p.name, version: p.version, source: p.source, answers: p.answers ?? {} };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const at = (keyPath: (string | number)[]) => {
    const node = doc.getIn(keyPath, true) as { range?: [number] } | undefined;
    const { line, col } = lc.linePos(node?.range?.[0] ?? 0);
    return `${line}:${col}`;
  };
  const failAt = (keyPath: (string | number)[], msg: string): never => {
    throw new ProjectError(`${file}:${at(keyPath)}: ${keyPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('')}: ${msg}`);
  };
  for (const k of Object.keys(raw)) if (!TOP_KEYS.includes(k)) failAt([k], `unknown key; a project state file holds ${TOP_KEYS.join(', ')}`);
  const services = raw.services ?? [];
  if (!Array.isArray(services) || !services.every(isObj)) fail('services', 'expected a list of {name, namespace, image, port, replicas}');
  // Every field is required: a missing one would silently become a default (another image, say).
  services.forEach((svc: Record<string, unknown>, i: number) => {
    for (const k of Object.keys(svc))
      if (!(k in SERVICE_FIELDS)) failAt(['services', i, k], `unknown key; a service has ${Object.keys(SERVICE_FIELDS).join(', ')}`);
    for (const [k, type] of Object.entries(SERVICE_FIELDS)) {
      // A workload's delivery and resources came later: a project written before them has none.
      if (svc[k] === undefined && !(k in REQUIRED_SERVICE_FIELDS)) continue;
      const ok =
        type === 'integer'
          ? Number.isInteger(svc[k])
          : type === 'boolean'
            ? typeof svc[k] === 'boolean'
            : type === 'list'
              ? Array.isArray(svc[k]) && svc[k].every((x: unknown) => typeof x === 'string')
              : typeof svc[k] === 'string';
      if (!ok)
        failAt(
          svc[k] === undefined ? ['services', i] : ['services', i, k],
          `${svc[k] === undefined ? `missing ${k}` : k}: expected ${{ integer: 'a whole number', boolean: 'true or false', list: 'a list of text', text: 'text' }[type]}`,
        );
    }
  });
  // A project written before answers were nested reads as if it had been written now.
  return { tool: { name: String(raw.tool.name ?? ''), version: raw.tool.version }, answers: migrateAnswers(raw.answers), pack, services };
}

/** Files under a folder, by project-relative path with forward slashes. */
export function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(root)) return out;
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath ?? (e as any).path, e.name);
    out.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return out;
}

/** The base snapshot, or undefined for a project generated before snapshots existed. */
export function readBase(dir: string): Map<string, string> | undefined {
  const root = path.join(dir, BASE_DIR);
  if (!existsSync(root)) return undefined;
  return new Map([...readTree(root)].filter(([p]) => p.endsWith(BASE_SUFFIX)).map(([p, c]) => [p.slice(0, -BASE_SUFFIX.length), c]));
}

export function readProjectFile(dir: string, rel: string): string | undefined {
  try {
    return readFileSync(path.join(dir, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** What goes into the snapshot: every generated file but the state file, which is always rewritten. */
