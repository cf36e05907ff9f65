// The live cluster's side of an upgrade: group versions it still serves that the target version
// removes, and how many objects of each resource it holds there. Read with kubectl, at the edge.
import { execa } from 'execa';
import { REMOVED_APIS, minorNumber } from '../data/kubernetes-apis.ts';
import type { KubectlOptions } from './dry-run.ts';

export interface LiveApiFinding {
  groupVersion: string;
  resource: string;
  count: number;
  removedIn: string;
  use: string;
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

/** Objects the cluster holds under group versions Kubernetes `to` removes. */
export async function liveRemovedApis(to: string, o: KubectlOptions): Promise<LiveApiFinding[]> {
  const served = (await kubectl(['api-versions'], o)).split('\n').filter(Boolean);
  const out: LiveApiFinding[] = [];
  for (const gv of served) {
    const removed = REMOVED_APIS.find(([re]) => re.test(gv));
    if (!removed || minorNumber(to) < minorNumber(removed[1])) continue;
    const list = JSON.parse(await kubectl(['get', '--raw', `/apis/${gv}`], o)) as { resources?: { name: string; verbs?: string[] }[] };
    for (const res of list.resources ?? []) {
      if (res.name.includes('/') || !res.verbs?.includes('list')) continue;
      const items = JSON.parse(await kubectl(['get', '--raw', `/apis/${gv}/${res.name}`], o)) as { items?: unknown[] };
      out.push({ groupVersion: gv, resource: res.name, count: items.items?.length ?? 0, removedIn: removed[1], use: removed[2] });
    }
  }
  return out;
}
