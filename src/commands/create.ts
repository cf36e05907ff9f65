// `create-eks-app [folder]`: a new project. Answers come from flags, an answers file and the wizard;
// resolve() plans, the plan renders in memory and is checked, and only then is anything written.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { flagName } from '../answers/paths.ts';
import { QUESTION_BY_KEY } from '../answers/registry.ts';
import type { PartialAnswers } from '../answers/types.ts';
import type { CliOptions } from '../cli/args.ts';
import type { Colors } from '../cli/color.ts';
import { EXIT, prompterOf, type Io } from '../cli/io.ts';
import { equivalentCommand, summaryText } from '../cli/summary.ts';
import { eatenByNpm } from '../cli/npm.ts';
import { missingQuestions, RECOMMENDED_QUESTIONS, runWizard } from '../cli/wizard.ts';
import { PromptCancelled } from '../cli/prompter.ts';
import { UsageError, writeFailure } from '../errors.ts';
import type { PackSession } from '../packs/session.ts';
import { defaultFor } from '../plan/defaults.ts';
import { addedDependencies } from '../plan/addons.ts';
import { firstGivenProblem } from '../plan/answer-rules.ts';
import { writeSnapshot } from '../project/commit.ts';
import { planProject, renderChecked } from '../project/render.ts';
import { snapshotOf } from '../project/layout.ts';
import { pausePoint } from '../write/interrupt.ts';
import { assertWritableTarget, commitStaging, inspectTarget, openTarget, writeFiles } from '../write/target.ts';

export interface CreateContext {
  opts: CliOptions;
  io: Io;
  color: Colors;
  today: Date;
  session: PackSession;
}

async function loadAnswersFile(file: string, cwd: string, pack?: PackSession['pack']): Promise<{ answers: PartialAnswers; text: string }> {
  // The YAML parser that keeps positions loads only when an answers file is read.
  const { ANSWERS_FILE_LIMIT, AnswersFileError, parseAnswersFile } = await import('../answers/file.ts');
  let text: string;
  const full = path.resolve(cwd, file);
  try {
    // Only a regular file: a FIFO or device could block the run for ever, and size is checked before reading.
    const st = statSync(full);
    if (!st.isFile()) throw new AnswersFileError(`${file}: not a regular file; give the path of a JSON or YAML answers file`);
    if (st.size > ANSWERS_FILE_LIMIT)
      throw new AnswersFileError(
        `${file}: ${Math.round(st.size / 1024)} KiB is too large for an answers file (at most ${ANSWERS_FILE_LIMIT / 1024} KiB); it should hold only the answers`,
      );
    text = readFileSync(full, 'utf8');
  } catch (e) {
    if (e instanceof AnswersFileError) throw e;
    throw new AnswersFileError(`${file}: cannot read the answers file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  // A project's own state file re-renders the project only with everything it holds: send those to update.
  let state: any;
  try {
    state = JSON.parse(text);
  } catch {
    /* YAML or broken: the parser below reports it */
  }
  if (state?.tool && Array.isArray(state.services) && state.services.length > 0) {
    throw new AnswersFileError(
      `${file}: this project also has services added with add service (${state.services.map((x: any) => x?.name).join(', ')}), which an answers file does not carry; run create-eks-app update in that project instead`,
    );
  }
  if (!pack) return { answers: parseAnswersFile(text, file), text };
  // The answers-file reader knows only the built-in add-ons' options; a pack add-on's are taken out first.
  const split = (await import('../packs/questions.ts')).splitPackAddonOptions(text, pack);
  const answers = parseAnswersFile(split.text, file);
  if (Object.keys(split.options).length > 0) answers.addon = { ...answers.addon, ...split.options };
  return { answers, text };
}

/** Flags win over the answers file answer by answer; groups such as app, coreDns or addon.* merge key by key. */
function mergeGiven(file: PartialAnswers, flags: PartialAnswers, prefix = ''): PartialAnswers {
  const out: Record<string, unknown> = { ...file };
  for (const [k, v] of Object.entries(flags)) {
    const key = prefix ? `${prefix}.${k}` : k;
    const isGroup = !QUESTION_BY_KEY.has(key) && v !== null && typeof v === 'object' && !Array.isArray(v);
    const fromFile = (file as Record<string, unknown>)[k];
    out[k] = isGroup && fromFile && typeof fromFile === 'object' ? mergeGiven(fromFile as PartialAnswers, v as PartialAnswers, key) : v;
  }
  return out as PartialAnswers;
}

export async function runCreate({ opts, io, color, today, session }: CreateContext): Promise<number> {
  if (opts.positionals.length > 1) throw new UsageError(`expected one target folder, got ${opts.positionals.length}: ${opts.positionals.join(' ')}`);
  if (opts.answerSets.length > 0 || opts.project)
    throw new UsageError(`${opts.answerSets.length > 0 ? '--answer' : '--project'} is for add, update and check; a new project takes answers as flags`);
  const pack = session.pack;
  const packs = pack || Object.keys(opts.packFlags).length > 0 ? await import('../packs/questions.ts') : undefined;
  if (opts.answersFile === '') throw new UsageError('--answers: give the path of a JSON or YAML answers file');
  const file = opts.answersFile ? await loadAnswersFile(opts.answersFile, io.cwd, pack) : undefined;
  const fromFile = file?.answers ?? {};
  // A pack project's .eks-app.json as the answers file also carries the pack's answers; flags win.
  const packFromFile = pack && file && opts.answersFile ? packs!.packAnswersFromFile(pack, file.text, opts.answersFile) : {};
  const packGiven = packs ? { ...packFromFile, ...packs.packFlagAnswers(pack, opts.packFlags) } : {};
  let given = mergeGiven(fromFile, opts.flags);
  // The team's fixed answers are in force before anything is asked, so the wizard skips them.
  if (pack) given = (await import('../packs/manifest.ts')).applyFixed(given, pack, 'error').answers;
  const positional = opts.positionals[0];
  const asking = !opts.yes && io.interactive && missingQuestions(given).length > 0;
  // A non-empty target is refused before anything is asked; at a terminal, the user may keep its other files.
  let overwrite = opts.overwrite;
  if (positional !== undefined && asking && !overwrite && inspectTarget(path.resolve(io.cwd, positional)) === 'non-empty') {
    const keep = await (await prompterOf(io)).select({
      message: `${positional} is not empty`,
      hint: 'the generated files replace files of the same name; every other file stays',
      choices: [
        { value: 'cancel', name: 'Cancel' },
        { value: 'write', name: 'Write the generated files and keep the others' },
      ],
      default: 'cancel',
    });
    if (keep === 'cancel') throw new PromptCancelled('cancelled');
    overwrite = true;
  }
  if (positional !== undefined) assertWritableTarget(path.resolve(io.cwd, positional), overwrite);
  // The opening choice: a new cluster (the recommended setup, or every question), or a service on one that exists.
  let only: readonly string[] | undefined;
  if (given.service === undefined && asking) {
    const start = await (await prompterOf(io)).select({
      message: 'What do you want to create?',
      hint: 'the recommended setup asks 6 questions; every other answer takes a secure default you can change later',
      choices: [
        {
          value: 'recommended',
          name: 'A new cluster: recommended setup',
          description: 'name, region, compute, identity, and the image and port of the first application',
        },
        { value: 'every', name: 'A new cluster: every question', description: 'network, access, node groups, storage, add-ons and the edge too' },
        {
          value: 'service',
          name: 'A service on a cluster that already exists',
          description: 'the workload, its IAM role, ECR repository and CI; no ClusterConfig',
        },
      ],
      default: 'recommended',
    });
    given.service = start === 'service';
    if (start === 'recommended') only = RECOMMENDED_QUESTIONS;
  }
  const service = given.service === true;
  const folderName = positional === undefined ? undefined : path.basename(path.resolve(io.cwd, positional));
  const nameFromFolder = folderName !== undefined && (service ? given.app?.name === undefined : given.name === undefined);
  if (nameFromFolder) {
    if (service) given.app = { ...given.app, name: folderName };
    else given.name = folderName;
  }
  // Answers already given are checked before anything is asked, so nobody answers twenty questions to learn the first was wrong.
  const early = firstGivenProblem(given, today);
  if (early)
    throw new UsageError(
      nameFromFolder && early.field === (service ? 'app.name' : 'name')
        ? service
          ? `app.name: the folder name ${JSON.stringify(folderName)} is not a valid service name (lowercase letters, digits and hyphens, starting with a letter); pass --app-name my-api`
          : `name: the folder name ${JSON.stringify(given.name)} is not a valid cluster name (letters, digits and hyphens, starting with a letter); pass --name my-cluster`
        : `${early.field}: ${early.message}`,
    );

  const targetFor = (name: string | undefined) => path.resolve(io.cwd, positional ?? (service ? given.app?.name : name) ?? 'my-cluster');
  const getPrompter = () => prompterOf(io);
  // Refuse a non-empty target before asking anything.
  if (positional !== undefined || given.name !== undefined) assertWritableTarget(targetFor(given.name), overwrite);

  let wizardRan = false;
  if (!opts.yes) {
    const missing = missingQuestions(given);
    // `npm create eks-app x --yes` gives --yes to npm, not to this tool.
    const yesEaten = missing.length > 0 ? eatenByNpm(io.env, io.argv, new Map([['yes', false]]), true) : undefined;
    if (missing.length > 0 && !io.interactive) {
      const fix = yesEaten
        ? `; npm keeps a --yes written before -- for itself, so write: ${yesEaten.workingForm}`
        : '; give them as flags or in --answers FILE, or pass --yes for the defaults';
      throw new UsageError(`missing answers and no terminal to ask them: ${missing.map((q) => `--${flagName(q.key)}`).join(' ')}${fix}`);
    }
    if (yesEaten)
      io.stderr.write(
        `${color.yellow('note')} npm keeps a --yes written before -- for itself; to take the defaults instead of answering: ${yesEaten.workingForm}\n`,
      );
    if (missing.length > 0) {
      const prompter = await getPrompter();
      given = await runWizard(given, pack ? packs!.withPackDefaults(prompter, pack) : prompter, today, {
        only,
        recap: true,
        note: (line) => io.stderr.write(`  ${color.dim(line)}\n`),
      });
      wizardRan = true;
    }
  }
  if (pack) given = (await import('../packs/manifest.ts')).applyPackDefaults(given, pack);
  const packAnswers = pack ? await packs!.collectPackAnswers(pack, packGiven, !opts.yes && io.interactive ? getPrompter : undefined) : undefined;

  const name = given.name ?? String(defaultFor('name', given, today));
  const pp = planProject({ answers: given, services: [], pack, packSource: session.sourceFor(targetFor(name)), packAnswers }, today);
  const plan = pp.plan;
  const target = targetFor(plan.answers.name);
  for (const w of plan.warnings) io.stderr.write(`${color.yellow('warning')} ${w}\n`);
  for (const d of addedDependencies(plan.answers)) io.stderr.write(`${color.cyan('note')} added ${d.id}, which ${d.for} needs\n`);

  // Rendered in memory and checked before anything is shown or written, so a preview never
  // promises output that a real run would refuse.
  const rendered = await renderChecked(pp, (f) => io.stderr.write(`${color.yellow('warning')} ${f.file}: ${f.path}: ${f.message} [${f.rule}]\n`));
  const files = [...rendered].map(([p, content]) => ({ path: p, content }));
  if (opts.dryRun) {
    io.stdout.write(`${color.bold('Dry run')}: would write ${plan.files.length} files to ${target}\n`);
    const width = Math.max(...plan.files.map((f) => f.path.length)) + 2;
    for (const f of plan.files) {
      const mark = existsSync(path.join(target, f.path)) ? ` ${color.yellow('(replaces your file)')}` : '';
      io.stdout.write(`  ${f.path.padEnd(width)}${color.dim(f.purpose)}${mark}\n`);
    }
    return EXIT.ok;
  }

  assertWritableTarget(target, overwrite);
  const open = await openTarget(target, overwrite).catch((e) => {
    throw writeFailure(e, path.dirname(target)) ?? e;
  });
  const pause = (phase: string) => pausePoint(phase, io.env, io.stderr);
  let ok = false;
  try {
    await pause('render');
    await writeFiles(open.staging.dir, files);
    await pause('validate');
    // The base snapshot: what `update` later merges against (.eks-app/base/).
    await writeSnapshot(open.staging.dir, snapshotOf(new Map(files.map((f) => [f.path, f.content]))));
    await io.hooks?.staged?.();
    const replaced = await commitStaging(open.staging, target, () => pause('commit'));
    ok = true;
    // --overwrite is consent, but never silent: name every file of the user's that was replaced.
    for (const f of replaced) io.stderr.write(`${color.yellow('replaced')} ${f} (it existed before${opts.overwrite ? '; --overwrite' : ''})\n`);
  } catch (e) {
    throw writeFailure(e, target) ?? e;
  } finally {
    open.finish(ok);
  }
  const where = path.relative(io.cwd, target) || '.';
  io.stdout.write(summaryText(plan, where, color, files.length + snapshotOf(new Map(files.map((f) => [f.path, f.content]))).size));
  // What the wizard was told, as one command that repeats the run without questions.
  if (wizardRan) io.stdout.write(`\n${color.bold('The same, without questions')}:\n  ${equivalentCommand(where, given, today)}\n`);
  return EXIT.ok;
}
