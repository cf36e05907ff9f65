// `create-eks-app check`: a CI gate, giving the same answer as `update` to "is anything to do?".
// Exit 1 when the project is behind (or ahead of) this tool or its pack, when update would change a
// file or could not merge it, when conflict markers are left, or when its Kubernetes version has
// left standard support. An edit of yours that update keeps is not drift.
import { EXIT } from '../cli/io.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { UserError } from '../errors.ts';
import { inputOf, label, mergeAll, versionGaps, type ProjectRun } from '../project/run.ts';
import { planProject, renderToMemory } from '../project/render.ts';
import { readBase, readProjectFile, STATE_FILE } from '../project/state.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

const MARKER_LINE = /^(<<<<<<<|>>>>>>>) /;

export async function runCheck(run: ProjectRun): Promise<number> {
  const { io, color } = run;
  const reasons = versionGaps(run);
  let count = 0;
  const version = String(run.state.answers.kubernetesVersion ?? '');
  const info = KUBERNETES_VERSIONS.find((v) => v.version === version);
  const status = supportStatus(version, run.today);
  if (info && status !== 'standard') {
    const next = `1.${Number(version.split('.')[1]) + 1}`;
    const chosen = run.state.answers.supportType === 'extended';
    const what =
      status !== 'extended'
        ? ' and is no longer supported'
        : chosen
          ? ' (EKS bills extended support for it, as the answers chose)'
          : ': with upgradePolicy STANDARD, EKS moves the control plane up by itself, so the files and the nodes fall behind it';
    const line = `kubernetes ${version} left standard support on ${info.endOfStandardSupport}${what}; run ${TOOL_NAME} upgrade --to ${next}`;
    // Extended support chosen in the answers is a decision, not a finding.
    if (status === 'extended' && chosen) io.stdout.write(`${color.yellow('note')} ${line}\n`);
    else reasons.push(line);
  }
  if (reasons.length === 0 || reasons.every((r) => r.startsWith('kubernetes '))) {
    let pp: ReturnType<typeof planProject> | undefined;
    let fresh = new Map<string, string>();
    try {
      pp = planProject(inputOf(run, run.state), run.today);
      fresh = await renderToMemory(pp);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      reasons.push(e.message.split('\n')[0]);
    }
    const base = readBase(run.dir);
    const markers: string[] = [];
    for (const p of new Set([...fresh.keys(), ...(base?.keys() ?? [])])) {
      const lines = (readProjectFile(run.dir, p) ?? '').split('\n');
      const at = lines.findIndex((l) => MARKER_LINE.test(l));
      if (at >= 0)
        markers.push(`conflict markers: ${p} line ${at + 1} still holds <<<<<<< / >>>>>>> from an update; resolve them, then run ${TOOL_NAME} check`);
    }
    reasons.push(...markers);
    if (pp && markers.length === 0) {
      count = [...fresh.keys()].filter((p) => p !== STATE_FILE).length;
      if (base) {
        // What update would do: the three-way merge of the base, your files and a fresh render.
        const m = mergeAll(run, base, fresh, label(pp));
        for (const c of m.changes)
          if (c.path !== STATE_FILE) reasons.push(`behind: update would ${c.content === undefined ? 'remove' : 'change'} ${c.path}; run ${TOOL_NAME} update`);
        for (const c of m.conflicts) reasons.push(`conflict: update cannot merge ${c.path} (${c.reason}); run ${TOOL_NAME} update and resolve it`);
      } else {
        for (const [p, content] of fresh) {
          if (p === STATE_FILE) continue;
          const ours = readProjectFile(run.dir, p);
          if (ours === undefined) reasons.push(`drift: ${p} is missing; run ${TOOL_NAME} update to restore it`);
          else if (ours !== content)
            reasons.push(`drift: ${p} differs from what the answers produce, and there is no .eks-app/base to tell your edits apart; review it`);
        }
      }
    }
  }
  for (const r of reasons) io.stdout.write(`${color.red('✖')} ${r}\n`);
  if (reasons.length > 0) return EXIT.error;
  const pack = run.session.pack;
  io.stdout.write(
    `${color.green('✔')} up to date: ${TOOL_NAME} ${TOOL_VERSION}${pack ? `, template pack ${pack.name} ${pack.version}` : ''}; update would change none of the ${count} generated files (your edits are kept)\n`,
  );
  return EXIT.ok;
}
