// --help is generated from the question registry, so it cannot drift from the flags.
import { QUESTIONS } from '../answers/registry.ts';
import { flagName } from '../answers/paths.ts';
import { defaultFor } from '../plan/defaults.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

const VALUE_HINT: Record<string, string> = { string: '<text>', integer: '<n>', boolean: '', choice: '<choice>', list: '<a,b>', map: '<key=value>' };

export function helpText(today: Date): string {
  const lines = [
    `${TOOL_NAME} ${TOOL_VERSION}: scaffold an Amazon EKS project (eksctl, IAM, manifests, README)`,
    '',
    'Usage:',
    `  ${TOOL_NAME} [folder] [options]        create a project (asks for what is missing)`,
    `  ${TOOL_NAME} validate [path] [options] validate a project folder or one file`,
    '',
    'Options:',
    '  -y, --yes              take the default for every answer not given',
    '  --answers <file>       read answers from a JSON or YAML file (or a project\'s .eks-app.json)',
    '  --dry-run              print the files that would be written, write nothing',
    '  --overwrite            allow a non-empty folder; generated files are replaced, others kept',
    '  -h, --help             show this help',
    '  -v, --version          print the version',
    '',
    'Answers (flag > answers file > prompt > default):',
  ];
  const rows = QUESTIONS.map((q) => {
    const choices = q.kind === 'choice' ? q.choices?.({}, today).map((c) => c.value).join('|') : undefined;
    const def = defaultFor(q.key, {}, today);
    const shown = Array.isArray(def) ? def.join(',') : typeof def === 'object' ? '' : String(def);
    const flag = `--${flagName(q.key)} ${choices ? `<${choices}>` : VALUE_HINT[q.kind]}`.trimEnd();
    return { flag, text: `${q.hint}${shown !== '' ? ` [default: ${shown}]` : ''}` };
  });
  const width = Math.max(...rows.map((r) => r.flag.length)) + 2;
  for (const r of rows) lines.push(`  ${r.flag.padEnd(width)}${r.text}`);
  lines.push(
    '',
    'Environment: NO_COLOR turns colour off, FORCE_COLOR turns it on. Without a terminal (or with CI=true)',
    'nothing is asked: give --yes or every answer, or the missing ones are listed and the exit status is 1.',
  );
  return lines.join('\n') + '\n';
}
