// --help, generated from the question registry so it cannot drift from the flags. The short form
// (--help) has the common options and examples; --help all and --help <topic> list every option.
import { FLAG_ALIASES, QUESTION_BY_KEY, QUESTIONS, type Group, type Question } from '../answers/registry.ts';
import { flagName } from '../answers/paths.ts';
import { defaultFor } from '../plan/defaults.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { Pack } from '../packs/manifest.ts';

export const WIDTH = 100;
const VALUE_HINT: Record<string, string> = {
  string: '<text>',
  integer: '<n>',
  boolean: '',
  choice: '<choice>',
  list: '<a,b>',
  map: '<key=value>',
  groups: '<field=value,...>',
};

/** Topics of --help <topic>: the registry's groups, and the options of the day-two commands. */
export const HELP_TOPICS: Record<Group | 'project', string> = {
  cluster: 'name, region, version, API endpoint, access, encryption, logs',
  network: 'VPC, subnets, IP family, VPC CNI modes, CoreDNS',
  compute: 'node groups, Karpenter, Fargate, Auto Mode',
  identity: 'Pod Identity or IRSA',
  app: 'the first application and how it is reached',
  storage: 'EBS, EFS, FSx for Lustre, snapshots',
  addons: "the add-on catalog and each add-on's options",
  project: 'validate, add, update and check',
};

/** Words wrapped to `width`, every line after the first indented by `indent`. */
export function wrap(text: string, indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = width - (lines.length === 0 ? 0 : indent);
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l));
}

/** Two columns: the left one padded to `col`, the right one wrapped beside it (or below a long left). */
function rows(pairs: [string, string][], col: number): string[] {
  const out: string[] = [];
  for (const [left, right] of pairs) {
    const l = `  ${left}`;
    const text = wrap(right, 0, WIDTH - col).map((x) => ' '.repeat(col) + x);
    if (l.length + 1 > col) out.push(l, ...text);
    else out.push(l.padEnd(col) + (text[0] ?? '').trimStart(), ...text.slice(1));
  }
  return out.map((x) => x.trimEnd());
}

const flag = (q: Question, today: Date) => {
  const choices = q.kind === 'choice' ? q.choices?.({}, today).map((c) => c.value) : undefined;
  const hint = choices && choices.join('|').length <= 50 ? `<${choices.join('|')}>` : VALUE_HINT[q.kind];
  // Another name of the same flag (--cluster for --name) is shown beside it.
  const alias = Object.entries(FLAG_ALIASES).find(([, key]) => key === q.key)?.[0];
  return `--${flagName(q.key)}${alias ? `, --${alias}` : ''} ${hint}`.trimEnd();
};

const USAGE = [
  'Usage:',
  ...rows(
    [
      ['npm create eks-app@latest [folder] -- [options]', 'npm keeps the options that come before --'],
      [`${TOOL_NAME} [folder] [options]`, 'create a project; the wizard asks what is missing'],
      [`${TOOL_NAME} validate [path] [options]`, 'check a project, or one file in it'],
      [`${TOOL_NAME} add service <name> [options]`, 'add a workload to a project'],
      [`${TOOL_NAME} add addon <id> [options]`, 'add an add-on (and those it needs) to a project'],
      [`${TOOL_NAME} update [folder] [options]`, 're-render with this version; your edits are kept'],
      [`${TOOL_NAME} upgrade [folder] --to <1.x>`, 'one Kubernetes minor up: the files, and a README runbook'],
      [`${TOOL_NAME} check [folder]`, 'exit 1 when the project is behind or was changed'],
    ],
    52,
  ),
];

const COMMON_ANSWERS = ['region', 'kubernetesVersion', 'compute', 'identity', 'endpoint', 'app.image', 'app.port', 'ingress', 'addons'];

/** --help: what most runs need, and examples. Depends on nothing that changes with the date. */
export function shortHelp(today: Date = new Date()): string {
  const answer = (key: string): [string, string] => {
    const q = QUESTION_BY_KEY.get(key)!;
    return [q.key === 'kubernetesVersion' ? `--${flagName(q.key)} <1.x>` : flag(q, today), q.hint];
  };
  return `${[
    `${TOOL_NAME} ${TOOL_VERSION}: an Amazon EKS project you can apply straight away (eksctl config, IAM,`,
    'Kubernetes manifests, Helm values and a README), checked before anything is written.',
    '',
    ...USAGE,
    '',
    'Common options:',
    ...rows(
      [
        ['-y, --yes', 'take the default for every answer not given'],
        ['--answers <file>', 'answers from a JSON or YAML file'],
        ['--dry-run', 'list the files and what they are for; write nothing'],
        ...COMMON_ANSWERS.map(answer),
        ['--template <pack>', 'a template pack: a folder, an installed package, or npm:<spec>'],
        ['-h, --help [topic|all]', `every option (all), or those of one topic: ${Object.keys(HELP_TOPICS).join(', ')}`],
        ['-v, --version', 'print the version'],
      ],
      30,
    ),
    '',
    'Examples:',
    '  npm create eks-app@latest my-cluster -- --yes',
    '  npm create eks-app@latest my-cluster -- --region eu-west-1 --compute karpenter --yes',
    `  ${TOOL_NAME} my-cluster --answers answers.yaml`,
    `  ${TOOL_NAME} validate my-cluster --strict`,
    `  cd my-cluster && ${TOOL_NAME} add addon metrics-server`,
    '  npm create eks-app@latest my-api -- --service --cluster prod --region eu-west-1 --yes \\',
    '    --account-id 123456789012 --github-repository my-org/my-api   # a service on a cluster you have',
    '',
    ...wrap(
      'Without a terminal (or with CI=true) nothing is asked: give --yes or every answer. Flags win over the answers file, which wins over the defaults.',
      0,
    ),
  ].join('\n')}\n`;
}

const TOOL_OPTIONS: [string, string][] = [
  ['-y, --yes', 'take the default for every answer not given'],
  ['--answers <file>', "read answers from a JSON or YAML file (or a project's .eks-app.json)"],
  ['--dry-run', 'print the files that would be written (update and add: the diff); write nothing'],
  ['--overwrite', 'allow a non-empty folder; generated files are replaced, others kept'],
  ['--template <pack>', 'a template pack: a folder, an installed npm package, or npm:<spec> to fetch one'],
  ['-h, --help [topic|all]', 'show help'],
  ['-v, --version', 'print the version'],
];

const PROJECT_OPTIONS: [string, string][] = [
  ['--project <folder>', 'the project of add, update, upgrade and check [default: the current folder]'],
  ['--answer <key=value>', 'update: change a saved answer (dot path, e.g. app.replicas=3, pack.team=x); repeatable; answer flags (--app-replicas 3) work too'],
  ['--namespace, --image, --port, --replicas', "add service: the service's answers"],
  ['upgrade --to <1.x>', 'the next Kubernetes minor version; refuses a skip, a downgrade and APIs it removes'],
  ['upgrade --context <name>', "also look for removed APIs in that kubeconfig context's cluster"],
  ['validate --json', 'the stable machine format'],
  ['validate --strict', 'security and reliability findings are errors'],
  ['validate --context <name>', "also dry-run on that kubeconfig context's API server"],
  ['validate --require-cluster', 'exit 1 when no cluster answers'],
];

function answerRows(questions: Question[], today: Date): [string, string][] {
  return questions.map((q) => {
    // Lists with a fixed set of values (add-ons, storage, log types) show them in the text.
    const values = q.kind === 'list' || (q.kind === 'choice' && flag(q, today).endsWith('<choice>')) ? q.choices?.({}, today).map((c) => c.value) : undefined;
    const def = defaultFor(q.key, {}, today);
    const shown = Array.isArray(def) ? def.join(',') : typeof def === 'object' ? '' : String(def);
    return [flag(q, today), `${q.hint}${values ? `; one of ${values.join(', ')}` : ''}${shown !== '' ? ` [default: ${shown}]` : ''}`];
  });
}

/** --help all, or --help <topic>. */
export function fullHelp(today: Date, topic = 'all', pack?: Pack): string {
  const lines = [`${TOOL_NAME} ${TOOL_VERSION}`, '', ...USAGE, ''];
  const groups = topic === 'all' ? (Object.keys(HELP_TOPICS) as (keyof typeof HELP_TOPICS)[]) : [topic as keyof typeof HELP_TOPICS];
  if (topic === 'all') lines.push('Options:', ...rows(TOOL_OPTIONS, 34), '');
  for (const g of groups) {
    lines.push(`${g[0].toUpperCase()}${g.slice(1)} (${HELP_TOPICS[g]}):`);
    lines.push(
      ...rows(
        g === 'project'
          ? PROJECT_OPTIONS
          : answerRows(
              QUESTIONS.filter((q) => q.group === g),
              today,
            ),
        34,
      ),
      '',
    );
  }
  if (pack) {
    lines.push(`Template pack ${pack.name} ${pack.version}:`);
    const packRows: [string, string][] = pack.questions.map((q) => [
      `--pack-${flagName(q.key)} ${q.choices ? `<${q.choices.join('|')}>` : VALUE_HINT[q.kind]}`.trimEnd(),
      `${q.hint}${q.default !== undefined ? ` [default: ${JSON.stringify(q.default)}]` : ''}`,
    ]);
    for (const [k, v] of Object.entries(pack.fixed)) packRows.push([`--${flagName(k)}`, `fixed by the pack to ${JSON.stringify(v)}`]);
    lines.push(...rows(packRows, 34), '');
  }
  lines.push(
    ...wrap(
      'Environment: NO_COLOR turns colour off, FORCE_COLOR turns it on. Without a terminal (or with CI=true) nothing is asked: give --yes or every answer, or the missing ones are listed and the exit status is 1.',
      0,
    ),
  );
  return `${lines.join('\n')}\n`;
}
