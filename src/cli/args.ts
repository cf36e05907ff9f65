// Command-line parsing, derived from the question registry: every answer key is a kebab-case flag.
import type { Question } from '../answers/registry.ts';
import { QUESTION_BY_FLAG } from '../answers/registry.ts';
import { flagName, setPath } from '../answers/paths.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { UserError } from '../errors.ts';

export class UsageError extends UserError {}

export interface CliOptions {
  command: 'create' | 'validate';
  positionals: string[];
  yes: boolean;
  answersFile?: string;
  dryRun: boolean;
  overwrite: boolean;
  help: boolean;
  version: boolean;
  flags: PartialAnswers;
  // validate
  json: boolean;
  strict: boolean;
  context?: string;
  requireCluster: boolean;
}

const TOOL_BOOLEANS: Record<string, keyof CliOptions> = {
  yes: 'yes', y: 'yes', 'dry-run': 'dryRun', overwrite: 'overwrite', help: 'help', h: 'help', version: 'version', v: 'version',
  json: 'json', strict: 'strict', 'require-cluster': 'requireCluster',
};
const TOOL_VALUES: Record<string, keyof CliOptions> = { answers: 'answersFile', context: 'context' };

/** Turns one flag's text into the answer's type; lists and maps accumulate over repeated flags. */
export function coerceFlag(q: Question, raw: string, previous: unknown): unknown {
  const flag = `--${flagName(q.key)}`;
  switch (q.kind) {
    case 'integer':
      if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${q.key}: expected a whole number, got ${JSON.stringify(raw)}`);
      return Number(raw.trim());
    case 'boolean':
      if (/^(true|yes|1)$/i.test(raw)) return true;
      if (/^(false|no|0)$/i.test(raw)) return false;
      throw new UsageError(`${q.key}: expected true or false, got ${JSON.stringify(raw)}`);
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      return [...((previous as string[] | undefined) ?? []), ...items];
    }
    case 'map': {
      const eq = raw.indexOf('=');
      if (eq <= 0) throw new UsageError(`${q.key}: expected key=value, got ${JSON.stringify(raw)} (repeat ${flag} for more)`);
      return { ...((previous as Record<string, string> | undefined) ?? {}), [raw.slice(0, eq)]: raw.slice(eq + 1) };
    }
    default:
      return raw;
  }
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = {
    command: 'create', positionals: [], yes: false, dryRun: false, overwrite: false, help: false, version: false,
    flags: {}, json: false, strict: false, requireCluster: false,
  };
  const given = new Map<string, unknown>();
  let i = 0;
  if (argv[0] === 'validate') {
    opts.command = 'validate';
    i = 1;
  }
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      opts.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      opts.positionals.push(arg);
      continue;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg)!;
    let name = m[1];
    let inline = m[2];
    if (!arg.startsWith('--') && name.length > 1) throw new UsageError(`unknown option ${arg}; see --help`);
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${name} needs a value`);
      i++;
      return next;
    };
    if (TOOL_BOOLEANS[name] && inline === undefined) {
      (opts as any)[TOOL_BOOLEANS[name]] = true;
      continue;
    }
    if (TOOL_VALUES[name]) {
      (opts as any)[TOOL_VALUES[name]] = takeValue();
      continue;
    }
    let negated = false;
    if (!QUESTION_BY_FLAG.has(name) && name.startsWith('no-') && QUESTION_BY_FLAG.get(name.slice(3))?.kind === 'boolean') {
      name = name.slice(3);
      negated = true;
      if (inline !== undefined) throw new UsageError(`--no-${name} takes no value`);
    }
    const q = QUESTION_BY_FLAG.get(name);
    if (!q) throw new UsageError(`unknown option --${name}; see --help for the list`);
    let raw: string;
    if (q.kind === 'boolean') raw = negated ? 'false' : inline ?? 'true';
    else raw = takeValue();
    given.set(q.key, coerceFlag(q, raw, given.get(q.key)));
  }
  for (const [key, value] of given) setPath(opts.flags, key, value);
  return opts;
}
