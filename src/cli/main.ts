// The CLI's edge: reads flags and files, drives the wizard, and writes the result. Everything it
// needs from the outside world (streams, prompts, terminal, time) is injected, so tests drive it whole.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { flagName } from '../answers/paths.ts';
import { QUESTION_BY_KEY } from '../answers/registry.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { TOOL_VERSION } from '../version.ts';
import { UserError, writeFailure } from '../errors.ts';
import { pausePoint } from '../write/interrupt.ts';
import { parseArgs, UsageError, type CliOptions } from './args.ts';
import { colorEnabled, makeColors, type Colors } from './color.ts';
import { PromptCancelled, type Prompter } from './prompter.ts';
import { missingQuestions, runWizard } from './wizard.ts';
import type { RenderedFile } from '../render/render.ts';
import type { CommitHooks } from '../project/commit.ts';
import type { PackSession } from '../packs/session.ts';
import type { ProjectState } from '../project/state.ts';
import type { ProjectPlan } from '../project/render.ts';

export interface Io {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** True when a person can answer prompts (stdin and stdout are terminals). */
  interactive: boolean;
  /** Loaded on first use, so runs that ask nothing never load the prompt library. */
  prompter?: () => Promise<Prompter>;
  today?: Date;
  /** Test seams around the write of add and update (see src/project/commit.ts). */
  hooks?: CommitHooks;
}

export const EXIT = { ok: 0, error: 1, usage: 2, interrupted: 130 } as const;

export async function main(io: Io): Promise<number> {
  const color = makeColors(colorEnabled(io.env, io.interactive));
  const fail = (msg: string, code: number = EXIT.error) => {
    io.stderr.write(`${color.red('error')} ${msg}\n`);
    return code;
  };
  let opts: CliOptions;
  try {
    // Lenient first: a template pack's add-on flags are known only once the pack is loaded.
    opts = parseArgs(io.argv, true);
  } catch (e) {
    // validate reports usage problems with its own status (2); create and the others use 1.
    if (e instanceof UsageError) return fail(e.message, io.argv[0] === 'validate' ? EXIT.usage : EXIT.error);
    throw e;
  }
  const today = io.today ?? new Date();
  if (opts.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  if (opts.help && !opts.template) {
    const { helpText } = await import('./help.ts');
    io.stdout.write(helpText(today));
    return EXIT.ok;
  }
  if (opts.command === 'validate') {
    if (opts.unknown.length > 0) return fail(`unknown option --${opts.unknown[0]}; see --help for the list`, EXIT.usage);
    const { runValidate } = await import('./validate-command.ts');
    return runValidate(opts, io, color);
  }
  let session: (PackSession & { state?: ProjectState }) | undefined;
  try {
    session = await packSession(opts, io, today);
    if (opts.unknown.length > 0) opts = parseArgs(io.argv);
    if (opts.help) {
      const { helpText } = await import('./help.ts');
      io.stdout.write(helpText(today, session.pack));
      return EXIT.ok;
    }
    if (opts.command === 'create') return await create(opts, io, color, today, session);
    if (Object.keys(opts.packFlags).length > 0) throw new UsageError(`--${Object.keys(opts.packFlags)[0]} is for creating a project; change a pack answer with update --answer pack.<key>=value`);
    if (opts.answerSets.length > 0 && opts.command === 'check') throw new UsageError('--answer is for update');
    const commands = await import('../project/commands.ts');
    const run = { dir: projectDir(opts, io)!, state: session.state!, session, opts, io, color, today };
    if (opts.command === 'check') return await commands.runCheck(run);
    if (opts.command === 'update') return await commands.runUpdate(run);
    return await commands.runAdd(run);
  } catch (e) {
    if (e instanceof PromptCancelled) {
      io.stderr.write(`\n${color.yellow('cancelled')}: nothing was written\n`);
      return EXIT.interrupted;
    }
    if (e instanceof UserError) return fail(e.message.split('\n')[0], e instanceof UsageError && io.argv[0] === 'validate' ? EXIT.usage : EXIT.error);
    const fsError = writeFailure(e, (e as NodeJS.ErrnoException).path ?? 'the project');
    if (fsError) return fail(fsError.message);
    throw e;
  } finally {
    session?.dispose();
  }
}

/** The project folder of add, update and check: --project, else update/check's folder argument, else the current folder. */
function projectDir(opts: CliOptions, io: Io): string | undefined {
  if (opts.command === 'create' || opts.command === 'validate') return undefined;
  if (opts.command !== 'add' && opts.positionals.length > 1) throw new UsageError(`${opts.command} takes one project folder, got ${opts.positionals.join(' ')}`);
  return path.resolve(io.cwd, opts.project ?? (opts.command === 'add' ? undefined : opts.positionals[0]) ?? '.');
}

/** The run's template pack: --template, else the one the project recorded. */
async function packSession(opts: CliOptions, io: Io, today: Date): Promise<PackSession & { state?: ProjectState }> {
  const dir = projectDir(opts, io);
  const state = dir ? (await import('../project/state.ts')).readState(dir) : undefined;
  const spec = opts.template ?? state?.pack?.source;
  const { NO_PACK, openPack } = await import('../packs/session.ts');
  if (!spec) return { ...NO_PACK, state };
  // A recorded folder is relative to the project; --template is relative to where the user is.
  const from = opts.template ? io.cwd : dir!;
  const session = await openPack(spec, { cwd: from, searchFrom: [from, io.cwd], env: io.env }, today).catch((e) => {
    if (!opts.template && state?.pack && e instanceof UserError) {
      throw new UserError(`template pack ${state.pack.name} (.eks-app.json pack.source ${state.pack.source}): ${e.message.replace(/^--template \S+: /, '')}; pass --template <folder or package> to say where it is now`);
    }
    throw e;
  });
  return Object.assign(session, { state });
}


async function loadAnswersFile(file: string, cwd: string, pack?: PackSession['pack']): Promise<PartialAnswers> {
  // The YAML parser loads only when a file is read, keeping it off the start-up path.
  const { AnswersFileError, parseAnswersFile } = await import('../answers/file.ts');
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new AnswersFileError(`${file}: cannot read the answers file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  // A project's own state file re-renders the project only with everything it holds: send those to update.
  let state: any;
  try { state = JSON.parse(text); } catch { /* YAML or broken: the parser below reports it */ }
  if (state?.tool && Array.isArray(state.services) && state.services.length > 0) {
    throw new AnswersFileError(`${file}: this project also has services added with add service (${state.services.map((x: any) => x?.name).join(', ')}), which an answers file does not carry; run create-eks-app update in that project instead`);
  }
  if (!pack) return parseAnswersFile(text, file);
  // The answers-file reader knows only the built-in add-ons' options; a pack add-on's are taken out first.
  const split = (await import('../packs/questions.ts')).splitPackAddonOptions(text, pack);
  const answers = parseAnswersFile(split.text, file);
  if (Object.keys(split.options).length > 0) answers.addon = { ...answers.addon, ...split.options };
  return answers;
}

/** Flags win over the answers file; nested app answers merge key by key. */
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

/** Step 4: the checks every command runs; an error here is a bug, and nothing is written. */
async function checkRendered(pp: ProjectPlan, files: RenderedFile[], io: Io, color: Colors, pack?: { name: string; version: string }): Promise<void> {
  const { checkProject } = await import('../project/render.ts');
  const { errors, warnings } = await checkProject(pp.plan, new Map(files.map((f) => [f.path, f.content])));
  for (const f of warnings) io.stderr.write(`${color.yellow('warning')} ${f.file}: ${f.path}: ${f.message} [${f.rule}]\n`);
  const error = errors[0];
  if (error) throw new Error(`generated ${error.file} fails validation at ${error.path}: ${error.message} [${error.rule}]; nothing was written. ${pack ? `Check template pack ${pack.name} ${pack.version}, or report this.` : 'Please report this.'}`);
}

async function create(opts: CliOptions, io: Io, color: Colors, today: Date, session: PackSession): Promise<number> {
  if (opts.positionals.length > 1) throw new UsageError(`expected one target folder, got ${opts.positionals.length}: ${opts.positionals.join(' ')}`);
  if (opts.answerSets.length > 0 || opts.project) throw new UsageError(`${opts.answerSets.length > 0 ? '--answer' : '--project'} is for add, update and check; a new project takes answers as flags`);
  const pack = session.pack;
  const packs = pack || Object.keys(opts.packFlags).length > 0 ? await import('../packs/questions.ts') : undefined;
  const fromFile = opts.answersFile ? await loadAnswersFile(opts.answersFile, io.cwd, pack) : {};
  // A pack project's .eks-app.json as the answers file also carries the pack's answers; flags win.
  const packFromFile = pack && opts.answersFile ? packs!.packAnswersFromFile(pack, await readFile(path.resolve(io.cwd, opts.answersFile), 'utf8'), opts.answersFile) : {};
  const packGiven = packs ? { ...packFromFile, ...packs.packFlagAnswers(pack, opts.packFlags) } : {};
  let given = mergeGiven(fromFile, opts.flags);
  // The team's fixed answers are in force before anything is asked, so the wizard skips them.
  if (pack) given = (await import('../packs/manifest.ts')).applyFixed(given, pack, 'error').answers;
  const positional = opts.positionals[0];
  const nameFromFolder = positional !== undefined && given.name === undefined;
  if (nameFromFolder) given.name = path.basename(path.resolve(io.cwd, positional));
  // Answers already given are checked before anything is asked, so nobody answers twenty questions to learn the first was wrong.
  const { firstGivenProblem } = await import('../plan/validation.ts');
  const early = firstGivenProblem(given, today);
  if (early) throw new UsageError(early.field === 'name' && nameFromFolder ? `name: the folder name ${JSON.stringify(given.name)} is not a valid cluster name (letters, digits and hyphens, starting with a letter); pass --name my-cluster` : `${early.field}: ${early.message}`);

  const { assertWritableTarget } = await import('../write/target.ts');
  const targetFor = (name: string | undefined) => path.resolve(io.cwd, positional ?? name ?? 'my-cluster');
  const getPrompter = async () => (io.prompter ?? (async () => (await import('./prompter.ts')).inquirerPrompter()))();
  // Refuse a non-empty target before asking anything.
  if (positional !== undefined || given.name !== undefined) assertWritableTarget(targetFor(given.name), opts.overwrite);

  if (!opts.yes) {
    const missing = missingQuestions(given);
    if (missing.length > 0 && !io.interactive) {
      throw new UsageError(`missing answers and no terminal to ask them: ${missing.map((q) => `--${flagName(q.key)}`).join(' ')}; give them as flags or in --answers FILE, or pass --yes for the defaults`);
    }
    if (missing.length > 0) {
      const prompter = await getPrompter();
      given = await runWizard(given, pack ? packs!.withPackDefaults(prompter, pack) : prompter, today);
    }
  }
  if (pack) given = (await import('../packs/manifest.ts')).applyPackDefaults(given, pack);
  const packAnswers = pack ? await packs!.collectPackAnswers(pack, packGiven, !opts.yes && io.interactive ? getPrompter : undefined) : undefined;

  const { planProject, renderProject } = await import('../project/render.ts');
  const name = given.name ?? String((await import('../plan/defaults.ts')).defaultFor('name', given, today));
  const pp = planProject({ answers: given, services: [], pack, packSource: session.sourceFor(targetFor(name)), packAnswers }, today);
  const plan = pp.plan;
  const target = targetFor(plan.answers.name);
  for (const w of plan.warnings) io.stderr.write(`${color.yellow('warning')} ${w}\n`);

  // Rendered in memory and checked before anything is shown or written, so a preview never
  // promises output that a real run would refuse.
  const files = await renderProject(pp);
  await checkRendered(pp, files, io, color, pack);
  if (opts.dryRun) {
    io.stdout.write(`${color.bold('Dry run')}: would write ${plan.files.length} files to ${target}\n`);
    const width = Math.max(...plan.files.map((f) => f.path.length)) + 2;
    const { existsSync } = await import('node:fs');
    for (const f of plan.files) {
      const mark = existsSync(path.join(target, f.path)) ? ` ${color.yellow('(replaces your file)')}` : '';
      io.stdout.write(`  ${f.path.padEnd(width)}${color.dim(f.purpose)}${mark}\n`);
    }
    return EXIT.ok;
  }

  const { createStaging, commitStaging, writeFiles } = await import('../write/target.ts');
  assertWritableTarget(target, opts.overwrite);
  const staging = await createStaging(target).catch((e) => { throw writeFailure(e, path.dirname(target)) ?? e; });
  const pause = (phase: string) => pausePoint(phase, io.env, io.stderr);
  try {
    await pause('render');
    await writeFiles(staging.dir, files);
    await pause('validate');
    // The base snapshot: what `update` later merges against (.eks-app/base/).
    const { snapshotOf, META_DIR } = await import('../project/state.ts');
    await (await import('../project/commit.ts')).writeSnapshot(staging.dir, snapshotOf(new Map(files.map((f) => [f.path, f.content]))));
    await io.hooks?.staged?.();
    const replaced = await commitStaging(staging, target, [...files.map((f) => f.path), META_DIR], () => pause('commit'));
    // --overwrite is consent, but never silent: name every file of the user's that was replaced.
    for (const f of replaced) io.stderr.write(`${color.yellow('replaced')} ${f} (it existed before; --overwrite)\n`);
  } catch (e) {
    throw writeFailure(e, target) ?? e;
  } finally {
    staging.dispose();
  }
  const { summaryText } = await import('./summary.ts');
  io.stdout.write(summaryText(plan, path.relative(io.cwd, target) || '.', color));
  return EXIT.ok;
}
