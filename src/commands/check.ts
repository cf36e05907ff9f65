// `create-eks-app check`: a CI gate. Exit 1 when the project is behind (or ahead of) this tool or its
// pack, or when a generated file differs from a fresh render of the saved answers.
import { EXIT } from '../cli/io.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { UserError } from '../errors.ts';
import { inputOf, versionGaps, type ProjectRun } from '../project/run.ts';
import { planProject, renderToMemory } from '../project/render.ts';
import { readProjectFile, STATE_FILE } from '../project/state.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

export async function runCheck(run: ProjectRun): Promise<number> {
  const { io, color } = run;
  const reasons = versionGaps(run);
  let count = 0;
  const version = String(run.state.answers.kubernetesVersion ?? '');
  const info = KUBERNETES_VERSIONS.find((v) => v.version === version);
  const status = supportStatus(version, run.today);
  if (info && status !== 'standard') {
    const next = `1.${Number(version.split('.')[1]) + 1}`;
    const line = `kubernetes ${version} left standard support on ${info.endOfStandardSupport}${status === 'extended' ? ' (EKS bills extended support for it)' : ' and is no longer supported'}; run ${TOOL_NAME} upgrade --to ${next}`;
    // Extended support chosen in the answers is a decision, not a finding.
    if (status === 'extended' && run.state.answers.supportType === 'extended') io.stdout.write(`${color.yellow('note')} ${line}\n`);
    else reasons.push(line);
  }
  if (reasons.length === 0 || reasons.every((r) => r.startsWith('kubernetes '))) {
    let fresh: Map<string, string>;
    try {
      fresh = await renderToMemory(planProject(inputOf(run, run.state), run.today));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      reasons.push(e.message.split('\n')[0]);
      fresh = new Map();
    }
    for (const [p, content] of fresh) {
      if (p === STATE_FILE) continue;
      count++;
      const ours = readProjectFile(run.dir, p);
      if (ours === undefined) reasons.push(`drift: ${p} is missing; run ${TOOL_NAME} update to restore it`);
      else if (ours !== content)
        reasons.push(`drift: ${p} differs from what the answers produce (edited by hand, or answers changed); review it, or run ${TOOL_NAME} update`);
    }
  }
  for (const r of reasons) io.stdout.write(`${color.red('✖')} ${r}\n`);
  if (reasons.length > 0) return EXIT.error;
  const pack = run.session.pack;
  io.stdout.write(
    `${color.green('✔')} up to date: ${TOOL_NAME} ${TOOL_VERSION}${pack ? `, template pack ${pack.name} ${pack.version}` : ''}; ${count} generated files match a fresh render\n`,
  );
  return EXIT.ok;
}
