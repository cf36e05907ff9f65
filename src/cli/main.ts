// The CLI's edge: parse the command line and dispatch to one command (src/commands/*), each loaded
// only when it runs. Everything from the outside world is injected through Io.
import path from 'node:path';
import { UsageError, UserError, writeFailure } from '../errors.ts';
import { TOOL_VERSION } from '../version.ts';
import { readCodeCacheOnly } from './code-cache.ts';
import { colorEnabled, makeColors } from './color.ts';
import { EXIT, type Io } from './io.ts';
import { PromptCancelled } from './prompter.ts';
import { eatenByNpm, listed } from './npm.ts';
import type { CliOptions } from './args.ts';
import type { PackSession } from '../packs/session.ts';
import type { ProjectState } from '../project/state.ts';

export type { Io } from './io.ts';
export { EXIT } from './io.ts';

export async function main(io: Io): Promise<number> {
  const useColor = colorEnabled(io.env, io.interactive);
  const color = makeColors(useColor);
  const fail = (msg: string, code: number = EXIT.error) => {
    io.stderr.write(`${color.red('error')} ${msg}\n`);
    return code;
  };
  if (io.argv[0] === 'validate') {
    readCodeCacheOnly();
    return (await import('../commands/validate.ts')).runValidate({ io, color, useColor });
  }
  const { parseArgs, optionKinds } = await import('./args.ts');
  let opts: CliOptions;
  try {
    // Options npm kept for itself (`npm create eks-app x --region r`) are named, not misread.
    const eaten = eatenByNpm(io.env, io.argv, optionKinds(), false);
    if (eaten) throw new UsageError(`npm kept ${listed(eaten.flags)} for itself (it takes the options written before --); write: ${eaten.workingForm}`);
    // Lenient first: a template pack's add-on flags are known only once the pack is loaded.
    opts = parseArgs(io.argv, true);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }
  const today = io.today ?? new Date();
  if (opts.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  let session: (PackSession & { state?: ProjectState }) | undefined;
  try {
    if (opts.help && !opts.template) return await help(opts, io, today);
    session = await packSession(opts, io, today);
    if (opts.unknown.length > 0) opts = parseArgs(io.argv);
    if (opts.help) return await help(opts, io, today, session.pack);
    if (opts.command === 'create') return await (await import('../commands/create.ts')).runCreate({ opts, io, color, today, session });
    if (Object.keys(opts.packFlags).length > 0)
      throw new UsageError(`--${Object.keys(opts.packFlags)[0]} is for creating a project; change a pack answer with update --answer pack.<key>=value`);
    if (opts.answerSets.length > 0 && (opts.command === 'check' || opts.command === 'upgrade')) throw new UsageError('--answer is for update');
    if (opts.to !== undefined && opts.command !== 'upgrade') throw new UsageError('--to is for upgrade');
    const run = { dir: projectDir(opts, io)!, state: session.state!, session, opts, io, color, today };
    if (opts.command === 'check') return await (await import('../commands/check.ts')).runCheck(run);
    if (opts.command === 'update') return await (await import('../commands/update.ts')).runUpdate(run);
    if (opts.command === 'upgrade') return await (await import('../commands/upgrade.ts')).runUpgrade(run);
    return await (await import('../commands/add.ts')).runAdd(run);
  } catch (e) {
    // A cancel at a prompt is the user's choice, not a failure (npm create stays quiet); a signal exits 130 or 143.
    if (e instanceof PromptCancelled) {
      io.stderr.write(`\n${color.yellow('cancelled')}: nothing was written\n`);
      return EXIT.ok;
    }
    if (e instanceof UserError) return fail(e.message.split('\n')[0]);
    const fsError = writeFailure(e, (e as NodeJS.ErrnoException).path ?? 'the project');
    if (fsError) return fail(fsError.message);
    throw e;
  } finally {
    session?.dispose();
  }
}

/** --help, --help all, --help <topic>; with a pack, its questions too. */
async function help(opts: CliOptions, io: Io, today: Date, pack?: PackSession['pack']): Promise<number> {
  const { fullHelp, HELP_TOPICS, shortHelp } = await import('./help.ts');
  const topic = opts.positionals[opts.command === 'add' ? 0 : opts.positionals.length - 1];
  if (topic !== undefined && topic !== 'all' && !(topic in HELP_TOPICS))
    throw new UsageError(`--help ${topic}: no such topic; the topics are all, ${Object.keys(HELP_TOPICS).join(', ')}`);
  io.stdout.write(topic === undefined && !pack ? shortHelp(today) : fullHelp(today, topic, pack));
  return EXIT.ok;
}

/** The project folder of add, update and check: --project, else update/check's folder argument, else the current folder. */
function projectDir(opts: CliOptions, io: Io): string | undefined {
  if (opts.command === 'create' || opts.command === 'validate') return undefined;
  if (opts.command !== 'add' && opts.positionals.length > 1)
    throw new UsageError(`${opts.command} takes one project folder, got ${opts.positionals.join(' ')}`);
  return path.resolve(io.cwd, opts.project ?? (opts.command === 'add' ? undefined : opts.positionals[0]) ?? '.');
}

/** The run's template pack: --template, else the one the project recorded. */
async function packSession(opts: CliOptions, io: Io, today: Date): Promise<PackSession & { state?: ProjectState }> {
  const dir = projectDir(opts, io);
  const state = dir ? (await import('../project/state.ts')).readState(dir) : undefined;
  const spec = opts.template ?? state?.pack?.source;
  if (!spec) return { sourceFor: () => undefined, dispose: () => {}, state };
  const { openPack } = await import('../packs/session.ts');
  // A recorded folder is relative to the project; --template is relative to where the user is.
  const from = opts.template ? io.cwd : dir!;
  const session = await openPack(spec, { cwd: from, searchFrom: [from, io.cwd], env: io.env }, today).catch((e) => {
    if (!opts.template && state?.pack && e instanceof UserError) {
      throw new UserError(
        `template pack ${state.pack.name} (.eks-app.json pack.source ${state.pack.source}): ${e.message.replace(/^--template \S+: /, '')}; pass --template <folder or package> to say where it is now`,
      );
    }
    throw e;
  });
  return Object.assign(session, { state });
}
