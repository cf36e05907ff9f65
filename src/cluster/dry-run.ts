// The API server's own verdict: `kubectl apply --dry-run=server` with strict field validation,
// run through execa against the user's cluster. Only reached when a cluster answers.
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { parseYaml } from '../validate/yaml.ts';

export type DryRunStatus = 'accepted' | 'rejected' | 'unchecked';

export interface DryRunResult {
  file: string;
  object: string;
  status: DryRunStatus;
  message: string;
}

export interface KubectlOptions {
  context?: string;
  env?: Record<string, string | undefined>;
  /** How long the cluster may take to answer the reachability probe. */
  timeoutSeconds?: number;
}

const contextArgs = (o: KubectlOptions) => (o.context ? ['--context', o.context] : []);

export type Reachability = { reachable: true; server: string } | { reachable: false; reason: string; kubectlMissing?: boolean };

/** Is kubectl installed, and does the chosen (or current) context's API server answer in time? */
export async function probeCluster(o: KubectlOptions = {}): Promise<Reachability> {
  const timeout = o.timeoutSeconds ?? 3;
  let r;
  try {
    r = await execa('kubectl', [...contextArgs(o), 'version', '-o', 'json', `--request-timeout=${timeout}s`], {
      reject: false,
      env: o.env,
      extendEnv: o.env === undefined,
      timeout: (timeout + 5) * 1000,
    });
  } catch (e) {
    return { reachable: false, reason: `kubectl could not run: ${(e as Error).message.split('\n')[0]}`, kubectlMissing: true };
  }
  if ((r as any).code === 'ENOENT' || /ENOENT/.test(String((r as any).message ?? ''))) {
    return { reachable: false, reason: 'kubectl is not installed (not found on PATH)', kubectlMissing: true };
  }
  try {
    const v = JSON.parse(r.stdout);
    if (v.serverVersion?.gitVersion) return { reachable: true, server: v.serverVersion.gitVersion };
  } catch {
    /* not JSON: fall through to the error text */
  }
  const why = r.stderr.split('\n').find((l) => l.trim() !== '') ?? 'no answer';
  return { reachable: false, reason: `no cluster answered (${why.trim()})` };
}

const ERROR_LINE = /^Error from server \((\w+)\): error when (?:creating|applying patch|retrieving current configuration of)[^"]*"([^"]+)": (.*)$/;
const INVALID_LINE = /^The (\w+) "([^"]+)" is invalid: ?(.*)$/;
const STRICT_LINE = /^Error from server \((\w+)\): error when creating "([^"]+)": (.*strict decoding error.*)$/;

/** Dry-runs each file on its own, so every result names its file. */
export async function serverDryRun(files: string[], o: KubectlOptions = {}): Promise<DryRunResult[]> {
  const results: DryRunResult[] = [];
  for (const file of files) {
    const r = await execa('kubectl', [...contextArgs(o), 'apply', '--dry-run=server', '--validate=strict', '-f', file], {
      reject: false,
      env: o.env,
      extendEnv: o.env === undefined,
    });
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const m = /^(\S+) (created|configured|unchanged|serverside-applied)/.exec(line);
      if (m) results.push({ file, object: m[1], status: 'accepted', message: m[2] });
    }
    for (const line of r.stderr.split('\n').filter(Boolean)) {
      // kubectl prints 422 Invalid as `The Kind "name" is invalid: cause`, one `* cause` per line when several.
      const invalid = INVALID_LINE.exec(line);
      if (invalid) {
        results.push({ file, object: `${invalid[1]} "${invalid[2]}"`, status: 'rejected', message: invalid[3].trim() });
        continue;
      }
      const last = results[results.length - 1];
      if (line.startsWith('* ') && last?.status === 'rejected') {
        last.message = [last.message, line.slice(2)].filter(Boolean).join('; ');
        continue;
      }
      const m = STRICT_LINE.exec(line) ?? ERROR_LINE.exec(line);
      if (!m) {
        if (!/^Warning:/.test(line)) results.push({ file, object: '', status: 'rejected', message: line });
        continue;
      }
      const [, reason, , message] = m;
      const object = /^([\w.]+ "[^"]+")/.exec(message)?.[1] ?? objectOfUndecodable(file, message);
      // A namespace this project creates does not exist yet; a dry run cannot create it first.
      const nsMissing = reason === 'NotFound' && /namespaces "[^"]+" not found/.test(message);
      results.push({
        file,
        object,
        status: nsMissing ? 'unchecked' : 'rejected',
        message: nsMissing ? `${message}; dry-run again after the namespace exists` : message,
      });
    }
  }
  return results;
}

/**
 * A body the server could not decode ("Service in version "v1" cannot be handled as a Service:
 * strict decoding error ...") names no object; name the file's object of that kind when it has one.
 */
function objectOfUndecodable(file: string, message: string): string {
  const kind = /cannot be handled as an? (\w+)/.exec(message)?.[1];
  if (!kind) return '';
  let docs: unknown[] = [];
  try {
    docs = parseYaml(readFileSync(file, 'utf8')).docs ?? [];
  } catch {
    /* unreadable: the kind alone */
  }
  const names = docs.flatMap((d: any) => (d?.kind === kind && typeof d?.metadata?.name === 'string' ? [d.metadata.name] : []));
  return names.length === 1 ? `${kind} "${names[0]}"` : kind;
}
