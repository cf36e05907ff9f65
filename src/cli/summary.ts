import type { Plan } from '../plan/resolve.ts';
import type { Colors } from './color.ts';
import { shellWord } from '../render/escape.ts';

export function summaryText(plan: Plan, where: string, c: Colors): string {
  const lines = [`${c.green('✔')} Created ${c.bold(plan.answers.name)} in ${c.bold(where)} (${plan.files.length} files)`, ''];
  for (const f of plan.files) lines.push(`  ${f.path}`);
  lines.push('', `${c.bold('Next steps')} (also in README.md):`, `  cd ${shellWord(where)}`);
  for (const step of plan.steps) {
    lines.push(`  ${c.dim(`# ${step.title}`)}`);
    for (const cmd of step.commands) lines.push(`  ${c.cyan(cmd)}`);
  }
  return `${lines.join('\n')}\n`;
}
