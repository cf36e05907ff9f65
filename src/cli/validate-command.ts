// `create-eks-app validate [path]`: offline checks first, then the API server's own verdict
// through `kubectl apply --dry-run=server` when a cluster answers.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { CliOptions } from './args.ts';
import { colorEnabled, type Colors } from './color.ts';
import type { Io } from './main.ts';

const USAGE = 2;

/** YAML files holding Kubernetes objects (not eksctl configs, not Helm values). */
async function manifestFiles(target: string): Promise<string[]> {
  const st = await stat(target);
  const all: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !['node_modules', '.git', 'helm'].includes(e.name)) await walk(p);
      else if (e.isFile() && /\.ya?ml$/.test(e.name)) all.push(p);
    }
  };
  if (st.isDirectory()) await walk(target);
  else all.push(target);
  const out: string[] = [];
  for (const f of all.sort()) {
    const docs = parseAllDocuments(await readFile(f, 'utf8'));
    const objs = (Array.isArray(docs) ? docs : []).map((d) => d.toJSON()).filter((o) => o && typeof o === 'object');
    if (objs.some((o) => typeof o.apiVersion === 'string' && typeof o.kind === 'string' && !o.apiVersion.startsWith('eksctl.io/'))) out.push(f);
  }
  return out;
}

export async function runValidate(opts: CliOptions, io: Io, color: Colors): Promise<number> {
  const fail = (msg: string) => {
    io.stderr.write(`${color.red('error')} ${msg}\n`);
    return USAGE;
  };
  if (opts.positionals.length > 1) return fail(`validate takes one path, got ${opts.positionals.length}: ${opts.positionals.join(' ')}`);
  const target = path.resolve(io.cwd, opts.positionals[0] ?? '.');
  try {
    await stat(target);
  } catch {
    return fail(`${opts.positionals[0] ?? '.'}: no such file or folder`);
  }
  const { validatePath, formatHuman, formatJson } = await import('../validate/index.ts');
  const result = await validatePath(target, { strict: opts.strict });
  const rel = (f: string) => path.relative(path.extname(target) ? path.dirname(target) : target, f).split(path.sep).join('/');

  const { probeCluster, serverDryRun } = await import('../cluster/dry-run.ts');
  const probe = await probeCluster({ context: opts.context, env: io.env });
  // A context that is not in the kubeconfig is a mistake in the command, not an absent cluster.
  if (!probe.reachable && opts.context && /context "[^"]*" (does not exist|not found)/.test(probe.reason)) return fail(`--context ${opts.context}: no such context in the kubeconfig (kubectl config get-contexts lists them)`);
  let clusterNote: string;
  let clusterFailed = false;
  if (probe.reachable) {
    const files = await manifestFiles(target);
    const runs = await serverDryRun(files, { context: opts.context, env: io.env });
    for (const r of runs) {
      if (r.status === 'accepted') continue;
      result.findings.push({ rule: 'server-dry-run', severity: r.status === 'rejected' ? 'error' : 'unchecked', file: rel(r.file), path: r.object, message: r.message });
    }
    const accepted = runs.filter((r) => r.status === 'accepted').length;
    clusterNote = `API server ${probe.server}${opts.context ? ` (context ${opts.context})` : ''}: ${accepted} of ${runs.length} objects accepted by kubectl apply --dry-run=server --validate=strict`;
  } else {
    clusterFailed = opts.requireCluster;
    clusterNote = `cluster checks skipped: ${probe.reason}; once the cluster exists run: kubectl apply --dry-run=server --validate=strict -R -f k8s/`;
  }
  const useColor = colorEnabled(io.env, io.interactive);
  if (opts.json) {
    const out = JSON.parse(formatJson(result));
    out.cluster = probe.reachable ? { checked: true, server: probe.server } : { checked: false, reason: probe.reason };
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    io.stdout.write(formatHuman(result, { color: useColor }));
    (clusterFailed ? io.stderr : io.stdout).write(`${clusterFailed ? color.red('error') + ' ' : ''}${clusterNote}\n`);
  }
  const errors = result.findings.some((f) => f.severity === 'error');
  return errors || clusterFailed ? 1 : 0;
}
