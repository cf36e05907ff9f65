import type { Plan } from '../plan/resolve.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { FLAG_ALIASES, QUESTIONS } from '../answers/registry.ts';
import { flagName, getPath } from '../answers/paths.ts';
import { defaultFor } from '../plan/defaults.ts';
import type { Colors } from './color.ts';
import { shellWord } from '../render/escape.ts';

/** The end of a run: the folder once, every file written, then the README's commands. */
export function summaryText(plan: Plan, where: string, c: Colors, written = plan.files.length): string {
  const base = written - plan.files.length;
  const lines = [
    `${c.green('✔')} Created ${c.bold(where)}: ${written} files written${base > 0 ? ` (${plan.files.length} in the project, ${base} in .eks-app/base, the copy update merges against)` : ''}`,
    '',
  ];
  for (const f of plan.files) lines.push(`  ${f.path}`);
  lines.push('', `${c.bold('Next steps')} (also in README.md):`, `  cd ${shellWord(where)}`);
  for (const step of plan.steps) {
    lines.push(`  ${c.dim(`# ${step.title}`)}`);
    for (const cmd of step.commands) lines.push(`  ${c.cyan(cmd)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One answer as the flags that give it (maps repeat their flag, booleans are a switch). */
function flagsFor(key: string, kind: string, v: unknown, flag = flagName(key)): string[] {
  const f = `--${flag}`;
  if (kind === 'boolean') return [v ? f : `--no-${flagName(key)}`];
  if (kind === 'map') return Object.entries(v as Record<string, string>).flatMap(([k, x]) => [f, shellWord(`${k}=${x}`)]);
  if (Array.isArray(v)) return [f, shellWord(v.join(','))];
  return [f, shellWord(String(v))];
}

/** The npm create command that gives the same answers without asking: every answer that is not its default. */
export function equivalentCommand(where: string, given: PartialAnswers, today: Date): string {
  const out = ['npm', 'create', 'eks-app@latest', shellWord(where), '--', '--yes'];
  for (const q of QUESTIONS) {
    const v = getPath(given, q.key);
    if (v === undefined) continue;
    // A node group is given as its flag text, which the answers do not keep: name them with --answers instead.
    if (q.kind === 'groups') continue;
    // The folder names the cluster (or the service) already.
    if ((q.key === 'name' || q.key === 'app.name') && v === where.split('/').pop()) continue;
    const d = defaultFor(q.key, given, today);
    if (JSON.stringify(v) === JSON.stringify(d)) continue;
    // A service project names a cluster that exists: --cluster says so where --name would not.
    const alias = given.service === true ? Object.keys(FLAG_ALIASES).find((a) => FLAG_ALIASES[a] === q.key) : undefined;
    out.push(...flagsFor(q.key, q.kind, v, alias));
  }
  return out.join(' ');
}
