// The CLI's edge: reads flags and files, drives the wizard, and writes the result. Everything it
// needs from the outside world (streams, prompts, terminal, time) is injected, so tests drive it whole.
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AnswersFileError, parseAnswersFile } from '../answers/file.ts';
import { flagName } from '../answers/paths.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { TOOL_VERSION } from '../version.ts';
import { UserError } from '../errors.ts';
import { parseArgs, UsageError, type CliOptions } from './args.ts';
import { colorEnabled, makeColors, type Colors } from './color.ts';
import { PromptCancelled, type Prompter } from './prompter.ts';
import { missingQuestions, runWizard } from './wizard.ts';
import type { Plan } from '../plan/resolve.ts';
import type { RenderedFile } from '../render/render.ts';
import { validationOptions } from '../plan/validate-options.ts';

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
    opts = parseArgs(io.argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message, EXIT.error);
    throw e;
  }
  const today = io.today ?? new Date();
  if (opts.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  if (opts.help) {
    const { helpText } = await import('./help.ts');
    io.stdout.write(helpText(today));
    return EXIT.ok;
  }
  if (opts.command === 'validate') {
    const { runValidate } = await import('./validate-command.ts');
    return runValidate(opts, io, color);
  }
  try {
    return await create(opts, io, color, today);
  } catch (e) {
    if (e instanceof PromptCancelled) {
      io.stderr.write(`\n${color.yellow('cancelled')}: nothing was written\n`);
      return EXIT.interrupted;
    }
    if (e instanceof UserError) return fail(e.message.split('\n')[0]);
    throw e;
  }
}


async function loadAnswersFile(file: string, cwd: string): Promise<PartialAnswers> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new AnswersFileError(`${file}: cannot read the answers file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path`);
  }
  return parseAnswersFile(text, file);
}

/** Flags win over the answers file; nested app answers merge key by key. */
function mergeGiven(file: PartialAnswers, flags: PartialAnswers): PartialAnswers {
  return { ...file, ...flags, ...(file.app || flags.app ? { app: { ...file.app, ...flags.app } } : {}) };
}

/** Step 5: the project's own validator over everything rendered; an error here is a bug, and nothing is written. */
async function checkRendered(plan: Plan, files: RenderedFile[], io: Io, color: Colors): Promise<void> {
  const { validateFiles } = await import('../validate/index.ts');
  const { findings } = validateFiles(files.map((f) => ({ path: f.path, content: f.content })), validationOptions(plan));
  for (const f of findings.filter((x) => x.severity === 'warning')) io.stderr.write(`${color.yellow('warning')} ${f.file}: ${f.path}: ${f.message} [${f.rule}]\n`);
  const error = findings.find((x) => x.severity === 'error');
  if (error) throw new Error(`generated ${error.file} fails validation at ${error.path}: ${error.message} [${error.rule}]; nothing was written. Please report this.`);
}

async function create(opts: CliOptions, io: Io, color: Colors, today: Date): Promise<number> {
  if (opts.positionals.length > 1) throw new UsageError(`expected one target folder, got ${opts.positionals.length}: ${opts.positionals.join(' ')}`);
  const fromFile = opts.answersFile ? await loadAnswersFile(opts.answersFile, io.cwd) : {};
  let given = mergeGiven(fromFile, opts.flags);
  const positional = opts.positionals[0];
  if (positional !== undefined && given.name === undefined) given.name = path.basename(path.resolve(io.cwd, positional));

  const { assertWritableTarget } = await import('../write/target.ts');
  const targetFor = (name: string | undefined) => path.resolve(io.cwd, positional ?? name ?? 'my-cluster');
  // Refuse a non-empty target before asking anything.
  if (positional !== undefined || given.name !== undefined) assertWritableTarget(targetFor(given.name), opts.overwrite);

  if (!opts.yes) {
    const missing = missingQuestions(given);
    if (missing.length > 0 && !io.interactive) {
      throw new UsageError(`missing answers and no terminal to ask them: ${missing.map((q) => `--${flagName(q.key)}`).join(' ')}; give them as flags or in --answers FILE, or pass --yes for the defaults`);
    }
    if (missing.length > 0) {
      const prompter = await (io.prompter ?? (async () => (await import('./prompter.ts')).inquirerPrompter()))();
      given = await runWizard(given, prompter, today);
    }
  }

  const { resolve } = await import('../plan/resolve.ts');
  const plan = resolve(given, today);
  const target = targetFor(plan.answers.name);
  for (const w of plan.warnings) io.stderr.write(`${color.yellow('warning')} ${w}\n`);

  const { renderPlan } = await import('../render/render.ts');
  if (opts.dryRun) {
    // Render into a throwaway folder so the preview is only shown for output that really renders.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'eks-app-dry-run-'));
    try {
      await renderPlan(plan, scratch);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    io.stdout.write(`${color.bold('Dry run')}: would write ${plan.files.length} files to ${target}\n`);
    const width = Math.max(...plan.files.map((f) => f.path.length)) + 2;
    for (const f of plan.files) io.stdout.write(`  ${f.path.padEnd(width)}${color.dim(f.purpose)}\n`);
    return EXIT.ok;
  }

  const { createStaging, commitStaging } = await import('../write/target.ts');
  assertWritableTarget(target, opts.overwrite);
  const staging = await createStaging(target);
  try {
    const files = await renderPlan(plan, staging.dir);
    await checkRendered(plan, files, io, color);
    await commitStaging(staging, target, files.map((f) => f.path));
  } finally {
    staging.dispose();
  }
  const { summaryText } = await import('./summary.ts');
  io.stdout.write(summaryText(plan, path.relative(io.cwd, target) || '.', color));
  return EXIT.ok;
}
