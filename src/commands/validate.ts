// `create-eks-app validate [path]`: offline checks first, then the API server's own verdict
// through `kubectl apply --dry-run=server` when a cluster answers. It reads only its own options,
// so it never loads the question registry.
// Synchronous reads: one command reading a project, and node:fs/promises costs start-up time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { Colors } from '../cli/color.ts';
import { EXIT, type Io } from '../cli/io.ts';
import { eatenByNpm, listed } from '../cli/npm.ts';
import { parseYaml } from '../validate/yaml.ts';

export interface ValidateOptions {
  path: string;
  json: boolean;
  strict: boolean;
  context?: string;
  requireCluster: boolean;
}

const BOOLEANS: Record<string, 'json' | 'strict' | 'requireCluster'> = { json: 'json', strict: 'strict', 'require-cluster': 'requireCluster' };

/** validate's own options; anything else is a usage mistake (exit 2). */
export function parseValidateArgs(argv: string[]): ValidateOptions | 'help' {
  const opts: Omit<ValidateOptions, 'path'> = { json: false, strict: false, requireCluster: false };
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = m?.[1];
    if (name && BOOLEANS[name]) {
      if (m![2] !== undefined) throw new UsageError(`--${name} takes no value`);
      opts[BOOLEANS[name]] = true;
    } else if (name === 'context') {
      const value = m![2] ?? argv[++i];
      if (value === undefined || value === '' || (m![2] === undefined && value.startsWith('-')))
        throw new UsageError('--context needs a kubeconfig context name');
      opts.context = value;
    } else
      throw new UsageError(`unknown option ${name ? `--${name}` : arg} for validate; its options are --json, --strict, --context <name> and --require-cluster`);
  }
  if (positionals.length > 1) throw new UsageError(`validate takes one path, got ${positionals.length}: ${positionals.join(' ')}`);
  return { ...opts, path: positionals[0] ?? '.' };
}

const HELP = `Usage: create-eks-app validate [path] [options]

Checks a project folder, or one file within its project: schemas, API-server rules, eksctl's own
rules, cross-resource references, IAM and security lint. With a kubeconfig, it also runs
kubectl apply --dry-run=server --validate=strict against that cluster.

  --json               the stable machine format
  --strict             security and reliability findings are errors
  --context <name>     dry-run on that kubeconfig context's API server
  --require-cluster    exit 1 when no cluster answers

Exit status: 0 clean, 1 errors found, 2 a usage mistake.
`;

/** YAML files holding Kubernetes objects (not eksctl configs, not Helm values). */
async function manifestFiles(target: string): Promise<string[]> {
  const st = statSync(target);
  const all: string[] = [];
  const walk = async (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !['node_modules', '.git', 'helm'].includes(e.name)) await walk(p);
      else if (e.isFile() && /\.ya?ml$/.test(e.name)) all.push(p);
    }
  };
  if (st.isDirectory()) await walk(target);
  else all.push(target);
  const out: string[] = [];
  for (const f of all.sort()) {
    const objs = (parseYaml(readFileSync(f, 'utf8')).docs ?? []).filter((o): o is Record<string, unknown> => !!o && typeof o === 'object');
    if (objs.some((o) => typeof o.apiVersion === 'string' && typeof o.kind === 'string' && !(o.apiVersion as string).startsWith('eksctl.io/'))) out.push(f);
  }
  return out;
}

export async function runValidate(ctx: { io: Io; color: Colors; useColor: boolean }): Promise<number> {
  const { io, color } = ctx;
  const fail = (msg: string) => {
    io.stderr.write(`${color.red('error')} ${msg}\n`);
    return EXIT.usage;
  };
  let opts: ValidateOptions | 'help';
  try {
    const eaten = eatenByNpm(
      io.env,
      io.argv,
      new Map([
        ['json', false],
        ['strict', false],
        ['context', true],
        ['require-cluster', false],
      ]),
      false,
    );
    if (eaten)
      throw new UsageError(
        `npm kept ${listed(eaten.flags)} for itself (it takes the options written before --); write them after --, e.g. npm exec create-eks-app -- validate ${eaten.flags.join(' ')}`,
      );
    opts = parseValidateArgs(io.argv.slice(1));
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }
  if (opts === 'help') {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const target = path.resolve(io.cwd, opts.path);
  try {
    statSync(target);
  } catch {
    return fail(`${opts.path}: no such file or folder`);
  }
  const [{ validatePath }, { formatHuman, formatJson }] = await Promise.all([import('../validate/path.ts'), import('../validate/report.ts')]);
  const result = await validatePath(target, { strict: opts.strict });
  const rel = (f: string) =>
    path
      .relative(path.extname(target) ? path.dirname(target) : target, f)
      .split(path.sep)
      .join('/');

  const { kubeconfigIn } = await import('../cluster/kubeconfig.ts');
  // Without a kubeconfig (or --context) no cluster can answer: say so without starting kubectl.
  const dryRun = kubeconfigIn(io.env) || opts.context ? await import('../cluster/dry-run.ts') : undefined;
  const probe = dryRun
    ? await dryRun.probeCluster({ context: opts.context, env: io.env })
    : { reachable: false as const, reason: 'no kubeconfig (KUBECONFIG is unset and ~/.kube/config does not exist)' };
  // A context that is not in the kubeconfig is a mistake in the command, not an absent cluster.
  if (!probe.reachable && opts.context && /context "[^"]*" (does not exist|not found)/.test(probe.reason))
    return fail(`--context ${opts.context}: no such context in the kubeconfig (kubectl config get-contexts lists them)`);
  let clusterNote: string;
  let clusterFailed = false;
  if (probe.reachable) {
    const files = await manifestFiles(target);
    const runs = await dryRun!.serverDryRun(files, { context: opts.context, env: io.env });
    for (const r of runs) {
      if (r.status === 'accepted') continue;
      result.findings.push({
        rule: 'server-dry-run',
        severity: r.status === 'rejected' ? 'error' : 'unchecked',
        file: rel(r.file),
        path: r.object,
        message: r.message,
      });
    }
    const accepted = runs.filter((r) => r.status === 'accepted').length;
    clusterNote = `API server ${probe.server}${opts.context ? ` (context ${opts.context})` : ''}: ${accepted} of ${runs.length} objects accepted by kubectl apply --dry-run=server --validate=strict`;
  } else {
    clusterFailed = opts.requireCluster;
    clusterNote = `cluster checks skipped: ${probe.reason}; once the cluster exists run: kubectl apply --dry-run=server --validate=strict -R -f k8s/`;
  }
  if (opts.json) {
    const out = JSON.parse(formatJson(result));
    out.cluster = probe.reachable ? { checked: true, server: probe.server } : { checked: false, reason: probe.reason };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout.write(formatHuman(result, { color: ctx.useColor }));
    (clusterFailed ? io.stderr : io.stdout).write(`${clusterFailed ? `${color.red('error')} ` : ''}${clusterNote}\n`);
  }
  const errors = result.findings.some((f) => f.severity === 'error');
  return errors || clusterFailed ? EXIT.error : EXIT.ok;
}
