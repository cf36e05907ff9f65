// Runs under `npm create` / `npm exec`: npm takes every option written before `--` as its own
// config and passes it on only as npm_config_<name> in the environment. This finds the tool's own
// options that npm kept, so the run can say so instead of failing with a puzzling error.

/** True when npm (npm create, npm init, npm exec, npx) started this process. */
export function underNpm(env: Record<string, string | undefined>): boolean {
  return env.npm_lifecycle_event === 'npx' || env.npm_command === 'exec' || env.npm_command === 'init';
}

export interface Eaten {
  /** Options npm kept, as --flags, in name order. */
  flags: string[];
  /** The same options written the way that works: after --, with a placeholder for values. */
  workingForm: string;
}

/**
 * The tool's options (`known`: flag name -> whether it takes a value) that npm kept for itself:
 * present as npm_config_<name> and absent from argv. `yes` counts only when `includeYes`, because a
 * user may set npm_config_yes=true on purpose to let npm install without asking.
 */
export function eatenByNpm(env: Record<string, string | undefined>, argv: string[], known: Map<string, boolean>, includeYes: boolean): Eaten | undefined {
  if (!underNpm(env)) return undefined;
  const given = new Set(argv.filter((a) => a.startsWith('-')).map((a) => a.replace(/^--?(no-)?/, '').replace(/=.*$/s, '')));
  const flags: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('npm_config_') || value === undefined) continue;
    const name = key.slice('npm_config_'.length).replace(/_/g, '-');
    if (!known.has(name) || given.has(name) || (name === 'yes' && !includeYes)) continue;
    flags.push(name);
  }
  if (flags.length === 0) return undefined;
  flags.sort();
  const folder = argv.find((a) => !a.startsWith('-'));
  const written = flags.map((f) => (known.get(f) ? `--${f} <value>` : `--${f}`)).join(' ');
  return { flags: flags.map((f) => `--${f}`), workingForm: `npm create eks-app@latest ${folder ?? 'my-cluster'} -- ${written}` };
}

/** "--a", "--a and --b", "--a, --b and --c" */
export function listed(flags: string[]): string {
  return flags.length <= 1 ? flags.join('') : `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}`;
}
