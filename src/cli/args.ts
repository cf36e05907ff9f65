// Command-line parsing, derived from the question registry: every answer key is a kebab-case flag.
import { suggest } from '../suggest.ts';
import type { Question } from '../answers/registry.ts';
import { QUESTION_BY_FLAG } from '../answers/registry.ts';
import { flagName, setPath } from '../answers/paths.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { UsageError } from '../errors.ts';

export const COMMANDS = ['create', 'validate', 'add', 'update', 'check', 'upgrade'] as const;

export interface CliOptions {
  command: (typeof COMMANDS)[number];
  /** `add service` or `add addon`. */
  addKind?: 'service' | 'addon';
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
  /** A template pack: a folder or an npm package. */
  template?: string;
  /** The project folder of add, update and check. */
  project?: string;
  /** upgrade --to: the Kubernetes minor version to move to. */
  to?: string;
  /** update --answer key=value, in order. */
  answerSets: string[];
  /** --pack-<question> flags, checked once the pack is loaded. */
  packFlags: Record<string, string[]>;
  /** Options no registry question matched, when parsed leniently (before a pack's add-ons are known). */
  unknown: string[];
}

const TOOL_BOOLEANS: Record<string, keyof CliOptions> = {
  yes: 'yes',
  y: 'yes',
  'dry-run': 'dryRun',
  overwrite: 'overwrite',
  help: 'help',
  h: 'help',
  version: 'version',
  v: 'version',
  json: 'json',
  strict: 'strict',
  'require-cluster': 'requireCluster',
};
const TOOL_VALUES: Record<string, keyof CliOptions> = { answers: 'answersFile', context: 'context', template: 'template', project: 'project', to: 'to' };
// `add service api --image ...`: the service's answers without the app- prefix of the first application's flags.
const SERVICE_ALIASES: Record<string, string> = { namespace: 'app-namespace', image: 'app-image', port: 'app-port', replicas: 'app-replicas' };

/** Every option of create, update, check and add, and whether it takes a value. */
export function optionKinds(): Map<string, boolean> {
  const kinds = new Map<string, boolean>();
  for (const [name, q] of QUESTION_BY_FLAG) kinds.set(name, q.kind !== 'boolean');
  for (const name of Object.keys(TOOL_BOOLEANS)) if (name.length > 1) kinds.set(name, false);
  for (const name of Object.keys(TOOL_VALUES)) kinds.set(name, true);
  kinds.set('answer', true);
  // npm answers --help and --version itself; --yes is reported only where answers are missing.
  for (const name of ['yes', 'help', 'version']) kinds.delete(name);
  return kinds;
}

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
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      return [...((previous as string[] | undefined) ?? []), ...items];
    }
    case 'map': {
      const eq = raw.indexOf('=');
      if (eq <= 0) throw new UsageError(`${q.key}: expected key=value, got ${JSON.stringify(raw)} (repeat ${flag} for more)`);
      return { ...((previous as Record<string, string> | undefined) ?? {}), [raw.slice(0, eq)]: raw.slice(eq + 1) };
    }
    case 'groups': {
      // An empty value says "none" (as --storage '' does), so a script can answer without a prompt.
      if (raw.trim() === '') return previous ?? [];
      const item = q.item?.(raw) ?? raw;
      if (typeof item === 'string') throw new UsageError(`${flag}: ${item}`);
      return [...((previous as unknown[] | undefined) ?? []), item];
    }
    default:
      return raw;
  }
}

/** `lenient` records unknown options instead of refusing them: a pack's add-on flags exist only once the pack is loaded. */
export function parseArgs(argv: string[], lenient = false): CliOptions {
  const opts: CliOptions = {
    command: 'create',
    positionals: [],
    yes: false,
    dryRun: false,
    overwrite: false,
    help: false,
    version: false,
    flags: {},
    json: false,
    strict: false,
    requireCluster: false,
    answerSets: [],
    packFlags: {},
    unknown: [],
  };
  const given = new Map<string, unknown>();
  let i = 0;
  if (argv[0] !== 'create' && (COMMANDS as readonly string[]).includes(argv[0])) {
    opts.command = argv[0] as CliOptions['command'];
    i = 1;
  }
  if (opts.command === 'add') {
    const kind = argv[1];
    if (kind !== 'service' && kind !== 'addon') {
      if (!argv.includes('--help') && !argv.includes('-h'))
        throw new UsageError(`add needs what to add: add service <name>, or add addon <id>${kind ? ` (got ${JSON.stringify(kind)})` : ''}`);
    } else {
      opts.addKind = kind;
      i = 2;
    }
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
    const inline = m[2];
    if (!arg.startsWith('--') && name.length > 1) throw new UsageError(`unknown option ${arg}; see --help`);
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      // A flag, long or short (-y), is never taken as the value of the one before it.
      if (next === undefined || (next.startsWith('--') && next.length > 2) || /^-[a-zA-Z]$/.test(next)) throw new UsageError(`--${name} needs a value`);
      i++;
      return next;
    };
    if (TOOL_BOOLEANS[name] && inline !== undefined) throw new UsageError(`--${name} takes no value`);
    if (TOOL_BOOLEANS[name]) {
      (opts as any)[TOOL_BOOLEANS[name]] = true;
      continue;
    }
    if (TOOL_VALUES[name]) {
      (opts as any)[TOOL_VALUES[name]] = takeValue();
      continue;
    }
    if (name === 'answer') {
      opts.answerSets.push(takeValue());
      continue;
    }
    if (opts.addKind === 'service' && SERVICE_ALIASES[name]) name = SERVICE_ALIASES[name];
    if (name.startsWith('pack-') && !QUESTION_BY_FLAG.has(name)) {
      (opts.packFlags[name] ??= []).push(takeValue());
      continue;
    }
    let negated = false;
    if (!QUESTION_BY_FLAG.has(name) && name.startsWith('no-') && QUESTION_BY_FLAG.get(name.slice(3))?.kind === 'boolean') {
      name = name.slice(3);
      negated = true;
      if (inline !== undefined) throw new UsageError(`--no-${name} takes no value`);
    }
    const q = QUESTION_BY_FLAG.get(name);
    if (!q && lenient) {
      opts.unknown.push(name);
      // Its value, if it has one, must not be taken for a positional.
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) i++;
      continue;
    }
    if (!q) {
      const near = suggest(name, optionKinds().keys());
      throw new UsageError(`unknown option --${name}${near ? `; did you mean --${near}?` : ''} (see --help for the list)`);
    }
    let raw: string;
    if (q.kind === 'boolean') raw = negated ? 'false' : (inline ?? 'true');
    else raw = takeValue();
    given.set(q.key, coerceFlag(q, raw, given.get(q.key)));
  }
  for (const [key, value] of given) setPath(opts.flags, key, value);
  return opts;
}
