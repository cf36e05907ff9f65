// One real kube-apiserver (v1.32.13, ../shared/tools/kube-apiserver) per test run, started on first
// use and stopped when the process exits, with the CRDs the output uses applied for real. Tests talk
// to it through the real kubectl and helm (test/support/tools.ts), and, where thousands of requests
// are needed, straight over HTTPS with the same token.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { SHARED_UPSTREAM } from './oracles.ts';
import { realTools } from './tools.ts';

export { skip } from './skip.ts';

export const APISERVER_DIR = path.join(SHARED_UPSTREAM, '..', 'tools', 'kube-apiserver');
const ETCD = process.env.ETCD_BIN ?? '/usr/bin/etcd';
/** The API server's Kubernetes minor: charts are rendered for it when their objects go to it. */
export const SERVER_VERSION = '1.32';

export interface ApiServer {
  kubeconfig: string;
  kubectl: string;
  helm: string;
  /** PATH with the real kubectl and helm first, and KUBECONFIG set. */
  env: Record<string, string>;
  server: string;
}
export type Missing = { missing: string };

function whyMissing(): string | undefined {
  if (!existsSync(path.join(APISERVER_DIR, 'start.sh'))) return '../shared/tools/kube-apiserver not present';
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'the kube-apiserver build is for linux x86_64';
  if (!existsSync(ETCD)) return `etcd not found at ${ETCD}: apt-get install -y etcd-server`;
  return undefined;
}

let started: Promise<ApiServer | Missing> | undefined;

/** The run's API server, started once; or why it cannot run here. */
export function realApiServer(): Promise<ApiServer | Missing> {
  started ??= start();
  return started;
}

async function start(): Promise<ApiServer | Missing> {
  const why = whyMissing();
  if (why) return { missing: why };
  const tools = realTools();
  if ('missing' in tools) return tools;
  const state = mkdtempSync(path.join(os.tmpdir(), 'eks-app-apiserver-'));
  rmSync(state, { recursive: true });
  process.on('exit', () => {
    try {
      execFileSync('bash', [path.join(APISERVER_DIR, 'stop.sh'), '--wipe', state], { stdio: 'ignore' });
    } catch {
      /* the machine is going away with the run */
    }
  });
  const r = await execa('bash', [path.join(APISERVER_DIR, 'start.sh'), state], { reject: false });
  const line = r.stdout.split('\n').find((l) => l.startsWith('KUBECONFIG='));
  if (r.exitCode !== 0 || !line) throw new Error(`kube-apiserver did not start:\n${r.stderr.split('\n').slice(-15).join('\n')}`);
  const kubeconfig = line.slice('KUBECONFIG='.length);
  const env = {
    PATH: `${path.dirname(tools.kubectl)}${path.delimiter}${process.env.PATH}`,
    KUBECONFIG: kubeconfig,
    HOME: mkdtempSync(path.join(os.tmpdir(), 'eks-app-kube-home-')),
  };
  const api: ApiServer = { kubeconfig, kubectl: tools.kubectl, helm: tools.helm, env, server: '' };
  const version = JSON.parse((await kubectl(api, ['version', '-o', 'json'])).stdout);
  api.server = version.serverVersion.gitVersion;
  await applyCrds(api);
  return api;
}

export function kubectl(api: ApiServer, args: string[], input?: string) {
  return execa(api.kubectl, args, { env: api.env, extendEnv: true, reject: false, input });
}

/** Every CRD in ../shared/upstream/crds, created for real (server-side: some exceed the annotation limit). */
async function applyCrds(api: ApiServer): Promise<void> {
  const dir = path.join(SHARED_UPSTREAM, 'crds');
  const r = await kubectl(api, ['apply', '--server-side', '-R', '-f', dir]);
  if (r.exitCode !== 0) throw new Error(`CRDs were not applied: ${r.stderr}`);
  const w = await kubectl(api, ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
  if (w.exitCode !== 0) throw new Error(`CRDs did not become established: ${w.stderr}`);
}

/** CRDs a chart brings (its crds/ folder, or templates it renders): created for real, then waited for. */
export async function applyCrdDocs(api: ApiServer, docs: any[]): Promise<void> {
  const crds = docs.filter((d) => d?.kind === 'CustomResourceDefinition');
  if (!crds.length) return;
  const r = await kubectl(api, ['apply', '--server-side', '--force-conflicts', '-f', '-'], crds.map((d) => JSON.stringify(d)).join('\n---\n'));
  if (r.exitCode !== 0) throw new Error(`chart CRDs were not applied: ${r.stderr}`);
  const w = await kubectl(api, ['wait', '--for=condition=Established', '--timeout=60s', ...crds.map((d) => `crd/${d.metadata.name}`)]);
  if (w.exitCode !== 0) throw new Error(`chart CRDs did not become established: ${w.stderr}`);
}

const madeNamespaces = new Set<string>();
/** Namespaces created for real: a dry run cannot create the namespace its objects go into. */
export async function ensureNamespaces(api: ApiServer, names: Iterable<string>): Promise<void> {
  for (const ns of names) {
    if (madeNamespaces.has(ns)) continue;
    const r = await kubectl(api, ['create', 'namespace', ns]);
    if (r.exitCode !== 0 && !/AlreadyExists/.test(r.stderr)) throw new Error(`namespace ${ns}: ${r.stderr}`);
    madeNamespaces.add(ns);
  }
}

/** The Namespace objects among YAML files, and the namespaces their objects name. */
export function namespacesOf(yamlTexts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of yamlTexts) {
    for (const doc of text.split(/^---\s*$/m)) {
      const obj = parse(doc) as any;
      if (!obj || typeof obj !== 'object') continue;
      if (obj.kind === 'Namespace' && obj.metadata?.name) out.add(obj.metadata.name);
      if (obj.metadata?.namespace) out.add(obj.metadata.namespace);
    }
  }
  return out;
}

// --- straight HTTPS, for thousands of dry runs ------------------------------------------------------

interface Conn {
  server: URL;
  ca: Buffer;
  token: string;
  agent: https.Agent;
}
const conns = new Map<string, Conn>();
function conn(api: ApiServer): Conn {
  let c = conns.get(api.kubeconfig);
  if (!c) {
    const cfg = parse(readFileSync(api.kubeconfig, 'utf8'));
    c = {
      server: new URL(cfg.clusters[0].cluster.server),
      ca: Buffer.from(cfg.clusters[0].cluster['certificate-authority-data'], 'base64'),
      token: cfg.users[0].user.token,
      agent: new https.Agent({ keepAlive: true, maxSockets: 8 }),
    };
    conns.set(api.kubeconfig, c);
  }
  return c;
}

export function request(api: ApiServer, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  const c = conn(api);
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: c.server.hostname,
        port: c.server.port,
        path: urlPath,
        method,
        ca: c.ca,
        agent: c.agent,
        headers: {
          Authorization: `Bearer ${c.token}`,
          Accept: 'application/json',
          ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* plain text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

interface Resource {
  plural: string;
  namespaced: boolean;
}
const discovered = new Map<string, Map<string, Resource>>();
/** The resource for an apiVersion and kind, from the server's discovery; undefined when it serves none. */
export async function resourceFor(api: ApiServer, apiVersion: string, kind: string): Promise<Resource | undefined> {
  let kinds = discovered.get(apiVersion);
  if (!kinds) {
    kinds = new Map();
    const r = await request(api, 'GET', apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);
    if (r.status === 200)
      for (const res of r.body.resources ?? []) if (!res.name.includes('/')) kinds.set(res.kind, { plural: res.name, namespaced: res.namespaced });
    discovered.set(apiVersion, kinds);
  }
  return kinds.get(kind);
}

export type Verdict = { accepted: true } | { accepted: false; status: number; message: string };

/**
 * The server's verdict on creating one object: a dry run with strict field validation, as
 * `kubectl apply --dry-run=server --validate=strict` asks for a new object.
 */
export async function serverVerdict(api: ApiServer, obj: any, namespace: string): Promise<Verdict> {
  const apiVersion = typeof obj?.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj?.kind === 'string' ? obj.kind : '';
  // kubectl refuses these before any request: the object cannot be sent.
  if (!apiVersion || !kind) return { accepted: false, status: 0, message: 'apiVersion and kind must be set' };
  const res = await resourceFor(api, apiVersion, kind);
  if (!res) return { accepted: false, status: 404, message: `no ${kind} in ${apiVersion}` };
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = res.namespaced ? (typeof obj.metadata?.namespace === 'string' && obj.metadata.namespace ? obj.metadata.namespace : namespace) : undefined;
  const url = `${base}${ns ? `/namespaces/${encodeURIComponent(ns)}` : ''}/${res.plural}?dryRun=All&fieldValidation=Strict`;
  const r = await request(api, 'POST', url, obj);
  if (r.status >= 200 && r.status < 300) return { accepted: true };
  return { accepted: false, status: r.status, message: typeof r.body === 'object' ? String(r.body.message ?? '') : String(r.body) };
}
