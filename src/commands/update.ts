// `create-eks-app update`: re-render with this version, the saved answers and any --answer changes,
// three-way merged with the user's edits against the base snapshot in .eks-app/base.
import { EXIT } from '../cli/io.ts';
import { addedDependencies } from '../plan/addons.ts';
import { applyDefaults } from '../plan/defaults.ts';
import { commitChanges } from '../project/commit.ts';
import { checkProject, planProject, renderToMemory } from '../project/render.ts';
import {
  applyAnswerSets,
  applyPack,
  refuseNewerProject,
  inputOf,
  label,
  mergeAll,
  printDiff,
  renderChecked,
  versionGaps,
  withPackApplied,
  type ProjectRun,
} from '../project/run.ts';
import { readBase, snapshotOf } from '../project/state.ts';
import { TOOL_NAME } from '../version.ts';

export async function runUpdate(run: ProjectRun): Promise<number> {
  const { io, color, dir } = run;
  refuseNewerProject(run);
  const input = inputOf(run, run.state);
  const changed = applyAnswerSets(run, input);
  for (const n of applyPack(run, input)) io.stderr.write(`${color.yellow('note')} ${n}\n`);
  const { pp, files: theirs } = await renderChecked(run, input);
  // What a newly chosen add-on needs comes with it, and is said once.
  const had = new Set(addedDependencies(applyDefaults(run.state.answers, run.today)).map((d) => d.id));
  for (const d of addedDependencies(pp.plan.answers)) if (!had.has(d.id)) io.stderr.write(`${color.cyan('note')} added ${d.id}, which ${d.for} needs\n`);

  let base = readBase(dir);
  if (!base) {
    // Without a snapshot, a render of the saved answers is the base only if nothing but the answers changed.
    if (versionGaps(run).length === 0) base = await renderToMemory(planProject(withPackApplied(run, inputOf(run, run.state)), run.today));
    else {
      io.stderr.write(
        `${color.yellow('warning')} no base snapshot in .eks-app/base, so your edits cannot be told from the old version's output: every file that differs is a conflict\n`,
      );
      base = new Map();
    }
  }
  const m = mergeAll(run, base, theirs, label(pp));
  if (run.opts.dryRun) {
    printDiff(run, m.changes);
    io.stdout.write(
      `${color.bold('Dry run')}: ${m.changes.length} file(s) would change${changed.length ? ` (answers changed: ${changed.join(', ')})` : ''}; nothing was written\n`,
    );
    for (const c of m.conflicts) io.stdout.write(`  ${color.red('conflict')} ${c.path}: ${c.reason}\n`);
    return m.conflicts.length > 0 ? EXIT.error : EXIT.ok;
  }
  await commitChanges(dir, m.changes, snapshotOf(theirs), io.hooks);
  if (m.changes.length === 0) io.stdout.write(`${color.green('✔')} already up to date with ${label(pp)}\n`);
  else
    io.stdout.write(
      `${m.conflicts.length ? `${color.yellow('!')} updated with ${m.conflicts.length} conflict(s) to` : `${color.green('✔')} updated to`} ${label(pp)}${changed.length ? ` (answers changed: ${changed.join(', ')})` : ''}\n${m.lines.join('\n')}${m.lines.length ? '\n' : ''}`,
    );
  if (m.conflicts.length === 0) {
    const { errors } = await checkProject(pp.plan, m.result);
    for (const e of errors) io.stderr.write(`${color.yellow('warning')} ${e.file}: ${e.path}: ${e.message} [${e.rule}] (after merging your edits)\n`);
    return EXIT.ok;
  }
  for (const c of m.conflicts) io.stdout.write(`  ${color.red('conflict')} ${c.path}: ${c.reason}\n`);
  io.stderr.write(
    `${color.red('error')} ${m.conflicts.length} conflict(s): resolve the <<<<<<< ======= >>>>>>> markers (or the .rej files), then run ${TOOL_NAME} check\n`,
  );
  return EXIT.error;
}
