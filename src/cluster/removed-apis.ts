// The live cluster's side of an upgrade: the API server counts requests made with a deprecated API
// (metric apiserver_requested_deprecated_apis, with the release that removes it). A client that
// still calls one that the target removes would break after the upgrade. Read with kubectl, at the edge.
import { execa } from 'execa';
import { minorNumber } from '../data/kubernetes-apis.ts';
import type { KubectlOptions } from './dry-run.ts';

export interface LiveApiFinding {
  groupVersion: string;
  resource: string;
  removedIn: string;
}

async function kubectl(args: string[], o: KubectlOptions): Promise<string> {
  const r = await execa('kubectl', [...(o.context ? ['--context', o.context] : []), ...args, '--request-timeout=20s'], {
    reject: false,
    env: o.env,
    extendEnv: o.env === undefined,
  });
  if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr.split('\n').find((l) => l.trim()) ?? 'failed'}`);
  return r.stdout;
}

const METRIC = /^apiserver_requested_deprecated_apis\{([^}]*)\}\s+1\b/;
const label = (labels: string, name: string) => new RegExp(`(?:^|,)${name}="([^"]*)"`).exec(labels)?.[1] ?? '';

/** APIs clients of the live cluster have called that Kubernetes `to` removes. */
export async function liveRemovedApis(to: string, o: KubectlOptions): Promise<LiveApiFinding[]> {
  const out: LiveApiFinding[] = [];
  for (const line of (await kubectl(['get', '--raw', '/metrics'], o)).split('\n')) {
    const m = METRIC.exec(line);
    if (!m) continue;
    const removedIn = label(m[1], 'removed_release');
    if (!removedIn || minorNumber(to) < minorNumber(removedIn)) continue;
    const group = label(m[1], 'group');
    out.push({ groupVersion: `${group ? `${group}/` : ''}${label(m[1], 'version')}`, resource: label(m[1], 'resource'), removedIn });
  }
  return out;
}
