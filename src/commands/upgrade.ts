// `create-eks-app upgrade --to <minor>`: one Kubernetes minor version up. Refuses a downgrade or a
// skipped minor; looks for APIs the target removes in the project's manifests (and, with --context,
// in the live cluster); then re-renders through update's three-way merge with the new version and
// the README's runbook from the old one.
import { TOOL_NAME } from '../version.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT } from '../cli/io.ts';
import { apiProblem } from '../data/kubernetes-apis.ts';
import { UsageError, UserError } from '../errors.ts';
import type { ProjectRun } from '../project/run.ts';
import { upgradeProblem } from '../plan/upgrade.ts';
import { parseYaml } from '../validate/yaml.ts';
import { runUpdate } from './update.ts';

const SKIP = new Set(['.eks-app', '.git', 'node_modules', 'helm']);

/** Every Kubernetes object in the project's YAML files (apply-time files too), with its file. */
function objectsIn(dir: string): { file: string; apiVersion: string; kind: string; name: string }[] {
  const out: { file: string; apiVersion: string; kind: string; name: string }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(p);
      } else if (/\.ya?ml(\.tmpl)?$/.test(e.name)) {
        for (const o of parseYaml(readFileSync(p, 'utf8')).docs ?? []) {
          const obj = o as Record<string, any> | null;
          if (obj && typeof obj.apiVersion === 'string' && typeof obj.kind === 'string' && !obj.apiVersion.startsWith('eksctl.io/'))
            out.push({ file: path.relative(dir, p), apiVersion: obj.apiVersion, kind: obj.kind, name: String(obj.metadata?.name ?? '') });
        }
      }
    }
  };
  walk(dir);
  return out;
}

export async function runUpgrade(run: ProjectRun): Promise<number> {
  const { io, color, dir, opts } = run;
  if (run.state.answers.service === true)
    throw new UserError(
      `${run.dir}: a service project deploys onto cluster ${String(run.state.answers.name)}, which it does not own; upgrade that cluster from its own project, then run ${TOOL_NAME} update here`,
    );
  const from = String(run.state.answers.kubernetesVersion ?? '');
  if (!opts.to) throw new UsageError(`upgrade needs the version to move to: upgrade --to 1.${Number(from.split('.')[1]) + 1} (the project is on ${from})`);
  const problem = upgradeProblem(from, opts.to, run.today);
  if (problem) throw new UserError(problem);
  const to = opts.to;

  const removed: string[] = [];
  for (const o of objectsIn(dir)) {
    const p = apiProblem(o.apiVersion, o.kind, to);
    if (!p) continue;
    if (p.removed) removed.push(`${o.file}: ${o.kind} ${o.name}: ${p.message}`);
    else io.stderr.write(`${color.yellow('warning')} ${o.file}: ${o.kind} ${o.name}: ${p.message}\n`);
  }
  if (opts.context) {
    const { liveRemovedApis } = await import('../cluster/removed-apis.ts');
    let live: Awaited<ReturnType<typeof liveRemovedApis>>;
    try {
      live = await liveRemovedApis(to, { context: opts.context, env: io.env });
    } catch (e) {
      throw new UserError(`--context ${opts.context}: ${(e as Error).message}`);
    }
    for (const f of live)
      removed.push(
        `context ${opts.context}: clients call ${f.resource} in ${f.groupVersion}, which Kubernetes ${f.removedIn} removes (apiserver_requested_deprecated_apis); move them to a served version`,
      );
  }
  if (removed.length) {
    for (const line of removed) io.stderr.write(`${color.red('error')} ${line}\n`);
    io.stderr.write(
      `${color.red('error')} Kubernetes ${to} removes ${removed.length === 1 ? 'an API' : 'APIs'} listed above; move them, then run upgrade again (nothing was written)\n`,
    );
    return EXIT.error;
  }
  run.opts.answerSets.push(`kubernetesVersion=${to}`, `upgradeFrom=${from}`);
  const code = await runUpdate(run);
  if (code === EXIT.ok) io.stdout.write(`Next: the README's "Upgrade from ${from} to ${to}" section, in order, on the cluster\n`);
  return code;
}
