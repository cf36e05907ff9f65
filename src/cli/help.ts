// --help is generated from the question registry, so it cannot drift from the flags.
import { QUESTIONS } from '../answers/registry.ts';
import { flagName } from '../answers/paths.ts';
import { defaultFor } from '../plan/defaults.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { Pack } from '../packs/manifest.ts';

const VALUE_HINT: Record<string, string> = { string: '<text>', integer: '<n>', boolean: '', choice: '<choice>', list: '<a,b>', map: '<key=value>' };

/** With a pack (`--help --template <pack>`), its questions and fixed answers are listed too. */
const table = (rows: string[][]) => {
  const w = Math.max(...rows.map((r) => r[0].length)) + 2;
  return rows.map(([a, b]) => `  ${a.padEnd(w)}${b}`);
};

export function helpText(today: Date, pack?: Pack): string {
  const lines = [
    `${TOOL_NAME} ${TOOL_VERSION}: scaffold an Amazon EKS project (eksctl, IAM, manifests, README)`,
    '',
    'Usage:',
    ...table([
      ['[folder] [options]', 'create a project (asks for what is missing)'],
      ['validate [path] [options]', 'validate a project folder or one file'],
      ['add service <name> [options]', 'add a workload: namespace, service account, deployment, service, IAM role'],
      ['add addon <id> [options]', 'add an add-on from the catalog (and the add-ons it depends on)'],
      ['update [folder] [options]', 're-render with this version and the saved answers; three-way merge with your edits'],
      ['check [folder] [options]', 'exit 1 when the project is behind this tool or its pack, or differs from a fresh render'],
    ].map(([a, b]) => [`${TOOL_NAME} ${a}`, b])),
    '',
    'Options:',
    '  -y, --yes                take the default for every answer not given',
    '  --answers <file>         read answers from a JSON or YAML file (or a project\'s .eks-app.json)',
    '  --dry-run                print the files that would be written (update and add: the diff), write nothing',
    '  --overwrite              allow a non-empty folder; generated files are replaced, others kept',
    '  --template <pack>        a template pack: a folder, an installed npm package, or npm:<spec> to fetch one',
    '  --project <folder>       the project of add, update and check [default: the current folder]',
    '  --answer <key=value>     update: change a saved answer (dot path, e.g. app.replicas=3, pack.team=x); repeatable;',
    '                           answer flags (--app-replicas 3) work too',
    '  --namespace, --image, --port, --replicas   add service: the service\'s answers (or --app-* flags)',
    '  --json                   validate: the stable machine format',
    '  --strict                 validate: security and reliability findings are errors',
    '  --context <name>         validate: also dry-run on that kubeconfig context\'s API server',
    '  --require-cluster        validate: exit 1 when no cluster answers',
    '  -h, --help               show this help',
    '  -v, --version            print the version',
    '',
    'Answers (flag > answers file > prompt > default):',
  ];
  const rows = QUESTIONS.map((q) => {
    // Lists with a fixed set of values (add-ons, storage, log types) show them as well.
    const choices = q.kind === 'choice' || q.kind === 'list' ? q.choices?.({}, today).map((c) => c.value).join(q.kind === 'list' ? ',' : '|') : undefined;
    const def = defaultFor(q.key, {}, today);
    const shown = Array.isArray(def) ? def.join(',') : typeof def === 'object' ? '' : String(def);
    const flag = `--${flagName(q.key)} ${choices ? `<${choices}>` : VALUE_HINT[q.kind]}`.trimEnd();
    return { flag, text: `${q.hint}${shown !== '' ? ` [default: ${shown}]` : ''}` };
  });
  // A long flag (a list of add-ons) puts its text on the next line instead of widening every row.
  const width = Math.min(44, Math.max(...rows.map((r) => r.flag.length)) + 2);
  for (const r of rows) lines.push(r.flag.length < width ? `  ${r.flag.padEnd(width)}${r.text}` : `  ${r.flag}\n  ${' '.repeat(width)}${r.text}`);
  if (pack) {
    lines.push('', `Template pack ${pack.name} ${pack.version}:`);
    const packRows = pack.questions.map((q) => ({ flag: `--pack-${flagName(q.key)} ${q.choices ? `<${q.choices.join('|')}>` : VALUE_HINT[q.kind]}`.trimEnd(), text: `${q.hint}${q.default !== undefined ? ` [default: ${JSON.stringify(q.default)}]` : ''}` }));
    for (const [k, v] of Object.entries(pack.fixed)) packRows.push({ flag: `--${flagName(k)}`, text: `fixed by the pack to ${JSON.stringify(v)}` });
    const w = Math.max(0, ...packRows.map((r) => r.flag.length)) + 2;
    for (const r of packRows) lines.push(`  ${r.flag.padEnd(w)}${r.text}`);
  }
  lines.push(
    '',
    'Environment: NO_COLOR turns colour off, FORCE_COLOR turns it on. Without a terminal (or with CI=true)',
    'nothing is asked: give --yes or every answer, or the missing ones are listed and the exit status is 1.',
  );
  return lines.join('\n') + '\n';
}
