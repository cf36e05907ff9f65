// Every command of every preset's README (the apply steps, "Later" and the teardown), checked by
// its real client offline: the shell by bash -n; aws commands against the AWS service models;
// eksctl commands against eksctl v0.230.0's flags; kubectl and helm commands run by the real
// binaries against an address where nothing listens, where a connection error means the command
// line itself was accepted. Each section must also run in a new shell, and twice.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { APPLY_TIME_SAMPLES } from '../src/validate/index.ts';
import { awsProblem } from './support/aws-models.ts';
import { eksctlProblem } from './support/eksctl-flags.ts';
import { SERVER_PRESETS } from './support/presets.ts';
import { renderAnswers } from './support/project.ts';
import { readmeSections, simpleCommands, type Section } from './support/readme-commands.ts';
import { skip } from './support/skip.ts';
import { realApiServer } from './support/apiserver.ts';

/** Programs the README may run beside the clients checked here. */
const OTHERS = new Set([
  'envsubst',
  'curl',
  'git',
  'openssl',
  'sleep',
  'seq',
  'grep',
  'echo',
  'read',
  'break',
  'false',
  'kubectl',
  'helm',
  'aws',
  'eksctl',
  'bash',
]);
// Commands that make something: each must be guarded (after ||), or be one that finds what exists.
const MAKES = /^(aws \S+ (create-|request-certificate|associate-|run-instances)|eksctl (create|associate) |kubectl create )/;
// eksctl skips what exists for these (v0.230.0: nodegroup_filter.go SetOnlyLocal, addon/create.go, create/iamserviceaccount.go).
// Not podidentityassociation: its role's stack is created without a look for one (iam_role_creator.go), so it needs a guard.
const IDEMPOTENT = [/^eksctl create (nodegroup|addon|iamserviceaccount) /, /^kubectl create .*--dry-run=client/];

/** Reads before sets, in order: an independent scan of `$X` / `${X}` against `X=`, `export X`, `for X in`, `read X`. */
function unsetIn(lines: string[]): { unset: string[]; unexported: string[] } {
  const set = new Set<string>();
  const exported = new Set<string>();
  const unset: string[] = [];
  const unexported: string[] = [];
  for (const raw of lines) {
    // Inside single quotes $ is literal, except in the variable list envsubst reads.
    const line = raw.replace(/(envsubst\s+)?'[^']*'/g, (m, e) => (e ? m : "''"));
    const tokens = line.match(/export\s+\w+=?|\b\w+=|for\s+\w+\s+in|read\s+(?:-r\s+)?[\w ]+|\$\{?\w+\}?|envsubst\s+'[^']*'/g) ?? [];
    for (const t of tokens) {
      if (t.startsWith('envsubst')) {
        for (const v of t.match(/\w+(?=\})/g) ?? []) if (!exported.has(v)) unexported.push(v);
        continue;
      }
      if (t.startsWith('$')) {
        const v = t.replace(/[${}]/g, '');
        if (!set.has(v) && !/^\d/.test(v)) unset.push(v);
      } else if (t.startsWith('export')) {
        const v = t.replace(/^export\s+/, '').replace('=', '');
        set.add(v);
        exported.add(v);
      } else if (t.startsWith('for')) set.add(t.split(/\s+/)[1]);
      else if (t.startsWith('read'))
        for (const v of t
          .replace(/^read\s+(-r\s+)?/, '')
          .trim()
          .split(/\s+/))
          set.add(v);
      else set.add(t.slice(0, -1));
    }
  }
  return { unset, unexported };
}

/** The project's files under root, so commands that read them (-f, --template-file) find them. */
function writeProject(root: string, files: Map<string, string>): string {
  for (const [p, content] of files) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), content);
  }
  return root;
}

function sectionsOf(readme: string): Section[] {
  return readmeSections(readme);
}

const rendered = Object.entries(SERVER_PRESETS).map(([name, answers]) => ({ name, r: renderAnswers(answers) }));

/** Every simple command of every preset's README, with its project written under `dir` for the commands that read its files. */
async function* commandsIn(dir: string) {
  for (const { name, r } of rendered) {
    const { files } = await r;
    const root = writeProject(path.join(dir, name), files);
    for (const s of sectionsOf(files.get('README.md')!))
      for (const line of s.lines) for (const argv of simpleCommands(line)) yield { name, section: s.title, root, argv };
  }
}

test('the README commands parse as bash, and every section sets what it reads (it runs in a new shell)', async () => {
  for (const { name, r } of rendered) {
    const readme = (await r).files.get('README.md')!;
    for (const s of sectionsOf(readme)) {
      const script = s.lines.join('\n');
      const bash = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      assert.is(bash.status, 0, `${name} / ${s.title}: ${bash.stderr}`);
      const { unset, unexported } = unsetIn(s.lines);
      assert.equal(unset, [], `${name} / ${s.title}: reads variables it does not set`);
      assert.equal(unexported, [], `${name} / ${s.title}: envsubst reads variables that are not exported`);
    }
  }
});

test('every aws command is an operation of its service model with known options and its required ones; every eksctl command has flags of v0.230.0', async () => {
  let aws = 0;
  let eksctl = 0;
  for (const { name, r } of rendered) {
    for (const s of sectionsOf((await r).files.get('README.md')!)) {
      for (const line of s.lines)
        for (const argv of simpleCommands(line)) {
          const where = `${name} / ${s.title}: ${argv.join(' ')}`;
          assert.ok(OTHERS.has(argv[0]), `${where}: ${argv[0]} is not a tool the README lists`);
          if (argv[0] === 'aws') {
            aws++;
            assert.is(awsProblem(argv.slice(1)), undefined, where);
          }
          if (argv[0] === 'eksctl') {
            eksctl++;
            assert.is(eksctlProblem(argv.slice(1)), undefined, where);
          }
        }
    }
  }
  assert.ok(aws > 100 && eksctl > 20, `${aws} aws and ${eksctl} eksctl commands checked`);
});

test('the checkers refuse what the real clients refuse', () => {
  assert.match(awsProblem(['eks', 'describe-clusters', '--name', 'x'])!, /no such operation/);
  assert.match(awsProblem(['eks', 'describe-cluster', '--cluster-name', 'x'])!, /unknown option --cluster-name/);
  assert.match(awsProblem(['eks', 'describe-addon', '--cluster-name', 'x'])!, /missing required --addon-name/);
  assert.match(awsProblem(['eks', 'wait', 'addon-ready', '--cluster-name', 'x'])!, /no waiter addon-ready/);
  assert.match(awsProblem(['cloudformation', 'deploy', '--stack-name', 's'])!, /missing required --template-file/);
  assert.is(awsProblem(['eks', 'describe-capability', '--cluster-name', 'c', '--capability-name', 'argocd', '--query', 'capability.status']), undefined);
  assert.is(awsProblem(['efs', 'create-file-system', '--encrypted', '--creation-token', 't']), undefined);
  assert.match(eksctlProblem(['create', 'cluster', '-f', '-', '--approve'])!, /unknown flag --approve/);
  assert.match(eksctlProblem(['delete', 'cluster', '--config-file', 'c.yaml', '--name', 'x'])!, /cannot use --name when --config-file/);
  assert.match(eksctlProblem(['upgrade', 'nodegroup', '-f', 'c.yaml'])!, /unknown flag -f/);
});

test("every step that makes something finds a first run's result first: a second run makes nothing twice", async () => {
  for (const { name, r } of rendered) {
    for (const s of sectionsOf((await r).files.get('README.md')!)) {
      for (const line of s.lines) {
        // The commands after || run only when the check before them found nothing.
        const unguarded = line.split(/\s\|\|\s/)[0];
        for (const argv of simpleCommands(unguarded)) {
          const text = argv.join(' ');
          if (MAKES.test(text) && !IDEMPOTENT.some((re) => re.test(text))) assert.unreachable(`${name} / ${s.title}: ${text} runs again on a second run`);
        }
      }
    }
  }
});

test('every kubectl and helm command line is accepted by the real kubectl and helm, run against the real API server (dry runs where a step changes the cluster)', async () => {
  const api = await realApiServer();
  if ('missing' in api) return skip('kubectl and helm command lines against the API server', api.missing);
  const tools = { kubectl: api.kubectl, helm: api.helm };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eks-app-cmds-'));
  try {
    const kubeconfig = api.kubeconfig;
    const seen = new Set<string>();
    let ran = 0;
    for await (const { name, section, root, argv } of commandsIn(dir)) {
      if (argv[0] !== 'kubectl' && argv[0] !== 'helm') continue;
      // Values known at apply time are words the client only passes on.
      const given = argv.slice(1).map((a) => a.replace(/\$\{?(\w+)\}?/g, 'x').replace('SUBSTITUTED', 'x'));
      const key = `${argv[0]} ${given.join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ran++;
      // What changes the cluster runs as a server-side dry run; waits end at once, as nothing reconciles there.
      const verb = given.find((a) => !a.startsWith('-') && !/^(web|kube-system|argocd|monitoring)$/.test(a));
      const args =
        argv[0] === 'kubectl' && /^(apply|create|delete|patch|annotate|label)$/.test(verb ?? '')
          ? [...given, '--dry-run=server']
          : argv[0] === 'helm' && /^(upgrade|uninstall)$/.test(given[0])
            ? // helm upgrade takes a dry-run mode; uninstall a plain switch.
              [...given.filter((a) => a !== '--wait'), given[0] === 'upgrade' ? '--dry-run=server' : '--dry-run']
            : given.map((a) => (a.startsWith('--timeout=') ? '--timeout=1s' : a));
      const res = spawnSync(argv[0] === 'kubectl' ? tools.kubectl : tools.helm, args, {
        cwd: root,
        input: '',
        encoding: 'utf8',
        timeout: 20_000,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          KUBECONFIG: kubeconfig,
          HELM_CACHE_HOME: path.join(dir, '.helm'),
          HELM_CONFIG_HOME: path.join(dir, '.helm'),
          HELM_DATA_HOME: path.join(dir, '.helm'),
        },
      });
      const out = `${res.stdout}\n${res.stderr}`;
      assert.not.match(
        out,
        /unknown (shorthand )?flag|unknown command|flag needs an argument|invalid argument|accepts \d+ arg|requires (at least|exactly)|unrecognized condition|the path .* does not exist/i,
        `${name} / ${section}: ${key}\n${out}`,
      );
    }
    assert.ok(ran > 40, `${ran} kubectl and helm command lines run`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A value of the form the AWS CLI checks locally (lengths, prefixes), for a variable the README sets at apply time. */
function sample(v: string): string {
  if (APPLY_TIME_SAMPLES[v]) return APPLY_TIME_SAMPLES[v];
  if (/SECURITY_GROUP/.test(v)) return 'sg-0123456789abcdef0';
  if (/SUBNET/.test(v)) return 'subnet-0123456789abcdef0';
  if (/FILE_SYSTEM/.test(v)) return 'fs-0123456789abcdef0';
  if (v === 'MT') return 'fsmt-0123456789abcdef0';
  if (/CIDR/.test(v)) return '10.0.0.0/16';
  if (/POLICY_ARN/.test(v)) return 'arn:aws:iam::111122223333:policy/example';
  // A Route 53 change batch, as list-resource-record-sets prints it through the README's query.
  if (v === 'CHANGE_BATCH')
    return '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"web.example.com.","Type":"A","TTL":60,"ResourceRecords":[{"Value":"192.0.2.1"}]}}]}';
  return 'example0123456789';
}

/** Debian's AWS CLI v2 (the awscli package), when installed: it is an older v2, so it may not know newer operations. */
function debianAws(): string | { missing: string } {
  const r = spawnSync('/usr/bin/aws', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || !/^aws-cli\/2\./.test(r.stdout)) return { missing: "Debian's AWS CLI v2 is not installed (apt-get install awscli; .ci/run does)" };
  return '/usr/bin/aws';
}

test('every aws command the Debian AWS CLI v2 knows is accepted by it, run against an endpoint where nothing listens', async () => {
  const aws = debianAws();
  if (typeof aws !== 'string') return skip('aws commands run by the AWS CLI', aws.missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eks-app-aws-'));
  try {
    const jobs = new Map<string, { cwd: string; args: string[]; where: string }>();
    for await (const { name, section, root, argv } of commandsIn(dir)) {
      if (argv[0] !== 'aws') continue;
      // Values known at apply time become a word; the CLI only checks their form locally.
      const args = argv.slice(1).map((a) => a.replace(/\$\{?(\w+)\}?/g, (_, v: string) => sample(v)).replace('SUBSTITUTED', 'x'));
      // One run per operation and set of options: the CLI checks each option's form the same way each time.
      const key = [args[0], args[1], ...args.filter((a) => a.startsWith('--')).sort()].join(' ');
      if (!jobs.has(key)) jobs.set(key, { cwd: root, args, where: `${name} / ${section}: aws ${args.join(' ')}` });
    }
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_MAX_ATTEMPTS: '1',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: path.join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
    };
    const run = (j: { cwd: string; args: string[] }) =>
      new Promise<string>((done) => {
        const c = spawn(aws, [...j.args, '--endpoint-url', 'http://127.0.0.1:1', '--cli-connect-timeout', '1'], { cwd: j.cwd, env });
        let out = '';
        c.stdout.on('data', (d) => (out += d));
        c.stderr.on('data', (d) => (out += d));
        c.on('close', () => done(out));
      });
    let accepted = 0;
    let unknown = 0;
    const list = [...jobs.values()];
    for (let i = 0; i < list.length; i += 16) {
      const outs = await Promise.all(list.slice(i, i + 16).map(run));
      outs.forEach((out, k) => {
        if (/Invalid choice/.test(out)) unknown++;
        else if (/Could not connect to the endpoint URL/.test(out)) accepted++;
        // awscli 2.9.19 turns route53's connection error into this TypeError: the arguments were parsed.
        else if (list[i + k].args[0] === 'route53' && /BotoCoreError\.__init__\(\) takes 1 positional argument/.test(out)) accepted++;
        else assert.unreachable(`${list[i + k].where}\n${out}`);
      });
    }
    assert.ok(accepted > 40, `${accepted} aws command lines accepted, ${unknown} operations newer than this CLI`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
