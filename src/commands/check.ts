// `create-eks-app check`: a CI gate. Exit 1 when the project is behind (or ahead of) this tool or its
// pack, or when a generated file differs from a fresh render of the saved answers.
import { EXIT } from '../cli/io.ts';
import { inputOf, versionGaps, type ProjectRun } from '../project/run.ts';
import { planProject, renderToMemory } from '../project/render.ts';
import { readProjectFile, STATE_FILE } from '../project/state.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

export async function runCheck(run: ProjectRun): Promise<number> {
  const { io, color } = run;
  const reasons = versionGaps(run);
  let count = 0;
  if (reasons.length === 0) {
    const fresh = await renderToMemory(planProject(inputOf(run, run.state), run.today));
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
