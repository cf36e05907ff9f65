// Template packs: the reference pack in examples/ end to end, and every way a pack can be broken
// (one error naming the file and the field, nothing written).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { ADDON_BY_ID, OPTIONAL_ADDONS } from '../generators/addons/index.ts';
import { QUESTION_BY_FLAG } from '../src/answers/registry.ts';
import { main, type Io } from '../src/cli/main.ts';
import type { Prompter } from '../src/cli/prompter.ts';
import { deepEqual } from '../src/project/structural.ts';
import { validatePath } from '../src/validate/index.ts';
import { scriptedIo } from './support/io.ts';
import { renderAnswers, tempDir } from './support/project.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/acme-eks-pack', import.meta.url));
const COST = ['--pack-cost-center', 'cc-1234'];

async function cli(argv: string[], cwd: string) {
  const s = scriptedIo(argv, cwd, [], false);
  const code = await main(s.io);
  return { code, out: s.out(), err: s.err() };
}

test('reference pack: fixed region and tags, company labels on the Deployment, the label policy, recorded in .eks-app.json', async () => {
  const cwd = tempDir();
  const r = await cli(['shop', '--yes', '--template', EXAMPLE, ...COST, '--tags', 'team=payments'], cwd);
  assert.is(r.code, 0, r.err);
  const dir = path.join(cwd, 'shop');
  const cluster = parse(readFileSync(path.join(dir, 'eksctl/cluster.yaml'), 'utf8'));
  assert.is(cluster.metadata.region, 'eu-west-1', 'region fixed by the pack');
  assert.equal(cluster.metadata.tags, { team: 'payments', company: 'acme', 'managed-by': 'create-eks-app' }, "fixed tags added to the user's");
  const dep = parse(readFileSync(path.join(dir, 'k8s/web/20-deployment.yaml'), 'utf8'));
  assert.is(dep.metadata.labels['acme.example.com/cost-center'], 'cc-1234');
  assert.is(dep.metadata.labels['acme.example.com/team'], 'platform', 'pack question default');
  assert.is(dep.spec.template.metadata.labels['acme.example.com/team'], 'platform');
  assert.is(dep.metadata.annotations['acme.example.com/template-pack'], 'acme-eks-pack');
  const policy = parseAllDocuments(readFileSync(path.join(dir, 'k8s/policies/acme-label-policy.yaml'), 'utf8')).map((d) => d.toJS());
  assert.equal(
    policy.map((d) => d.kind),
    ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  );
  assert.ok(existsSync(path.join(dir, 'k8s/acme/priority-classes.yaml')), 'the pack add-on is on by the pack default');
  const saved = JSON.parse(readFileSync(path.join(dir, '.eks-app.json'), 'utf8'));
  assert.equal(saved.pack.answers, { team: 'platform', costCenter: 'cc-1234' });
  assert.equal([saved.pack.name, saved.pack.version, path.resolve(dir, saved.pack.source)], ['acme-eks-pack', '1.0.0', EXAMPLE]);
  assert.is(saved.answers.region, 'eu-west-1');
  assert.equal(saved.answers.nodeGroup.instanceTypes, ['m7i.large', 'm6i.large'], 'pack default');
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
  assert.match(readme, /Apply the ACME label policy/);
  assert.match(readme, /k8s\/policies\/acme-label-policy\.yaml/);
  const { findings } = await validatePath(dir);
  assert.equal(
    findings.filter((f) => f.severity === 'error'),
    [],
  );
  assert.not.ok(
    findings.some((f) => f.file.startsWith('.eks-app/')),
    'the base snapshot is not validated as manifests',
  );
  // The project's .eks-app.json as an answers file brings the pack's answers along.
  const again = await cli(['copy', '--yes', '--template', EXAMPLE, '--answers', 'shop/.eks-app.json'], cwd);
  assert.is(again.code, 0, again.err);
  assert.equal(JSON.parse(readFileSync(path.join(cwd, 'copy/.eks-app.json'), 'utf8')).pack.answers, saved.pack.answers);
  assert.is(readFileSync(path.join(cwd, 'copy/k8s/web/20-deployment.yaml'), 'utf8'), readFileSync(path.join(dir, 'k8s/web/20-deployment.yaml'), 'utf8'));
  // The run left the registry as it found it.
  assert.not.ok(ADDON_BY_ID.has('acme-priority-classes'));
  assert.not.ok(OPTIONAL_ADDONS.some((m) => m.id === 'acme-priority-classes'));
  assert.not.ok(QUESTION_BY_FLAG.has('addon-acme-priority-classes-critical'));
});

test('reference pack: its Deployment is the built-in one plus the ACME labels (update the copy when the built-in changes)', async () => {
  const plain = parse((await renderAnswers({})).files.get('k8s/web/20-deployment.yaml')!);
  const cwd = tempDir();
  assert.is((await cli(['p', '--yes', '--template', EXAMPLE, ...COST, '--region', 'us-east-1', '--addons', ''], cwd)).code, 1, 'region is fixed');
  assert.is((await cli(['p', '--yes', '--template', EXAMPLE, ...COST], cwd)).code, 0);
  const acme = parse(readFileSync(path.join(cwd, 'p/k8s/web/20-deployment.yaml'), 'utf8'));
  const strip = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith('acme.example.com/')));
  acme.metadata.labels = strip(acme.metadata.labels);
  acme.spec.template.metadata.labels = strip(acme.spec.template.metadata.labels);
  delete acme.metadata.annotations;
  plain.metadata.labels['app.kubernetes.io/part-of'] = 'p';
  plain.spec.template.metadata.labels['app.kubernetes.io/part-of'] = 'p';
  assert.ok(
    deepEqual(acme, plain),
    'examples/acme-eks-pack/templates/base/k8s/app/deployment.yaml.hbs no longer matches templates/base/k8s/app/deployment.yaml.hbs apart from the ACME lines; copy the change over',
  );
});

test('reference pack: pack flags, --help and the wizard (pack defaults shown, fixed answers not asked, pack questions asked)', async () => {
  const cwd = tempDir();
  let r = await cli(['x', '--yes', '--template', EXAMPLE], cwd);
  assert.is(r.code, 1);
  assert.is(r.err, 'error template pack acme-eks-pack needs answers it has no default for: --pack-cost-center\n');
  r = await cli(['x', '--yes', '--template', EXAMPLE, '--pack-cost-center', 'twelve'], cwd);
  assert.match(r.err, /^error --pack-cost-center: "twelve" does not match cc-\[0-9\]\{3,6\}\n$/);
  r = await cli(['x', '--yes', '--pack-cost-center', 'cc-1234'], cwd);
  assert.match(r.err, /unknown option --pack-cost-center; no template pack is in use/);
  r = await cli(['x', '--yes', '--template', EXAMPLE, ...COST, '--addon-acme-priority-classes-critical', '5'], cwd);
  assert.match(r.err, /addon\.acmePriorityClasses\.critical: must be a whole number between 1001/, 'pack add-on rules apply to its flags');
  assert.equal(readdirSync(cwd), []);
  r = await cli(['--help', 'all'], cwd);
  for (const usage of [
    'add service <name>',
    'add addon <id>',
    'update [folder]',
    'check [folder]',
    '--template <pack>',
    '--project <folder>',
    '--answer <key=value>',
  ])
    assert.ok(r.out.includes(usage), `--help lists ${usage}`);
  assert.not.match(r.out, /Template pack/);
  r = await cli(['--help', '--template', EXAMPLE], cwd);
  assert.is(r.code, 0);
  assert.match(r.out, /Template pack acme-eks-pack 1\.0\.0:\n\s+--pack-team <text>\s+the team label/);
  assert.match(r.out, /--region\s+fixed by the pack to "eu-west-1"/);
  assert.match(r.out, /--addon-acme-priority-classes-critical <n>/);

  const asked: string[] = [];
  const defaults: Record<string, unknown> = {};
  const reply: Record<string, string> = { 'Cost center': 'cc-777', 'Owning team': 'payments' };
  const prompter: Prompter = {
    async input(q) {
      asked.push(q.message);
      defaults[q.message] = q.default;
      const v = reply[q.message] ?? q.default ?? '';
      const ok = q.validate(v);
      if (ok !== true) throw new Error(`${q.message}: ${ok}`);
      return v;
    },
    async select(q) {
      asked.push(q.message);
      defaults[q.message] = q.default;
      // Every question, so the pack's defaults are shown where they apply.
      return q.message === 'What do you want to create?' ? 'every' : (q.default ?? q.choices[0].value);
    },
    async confirm(q) {
      asked.push(q.message);
      return q.default;
    },
    async checkbox(q) {
      asked.push(q.message);
      defaults[q.message] = q.default;
      return q.default;
    },
  };
  const io: Io = { ...scriptedIo(['wiz', '--template', EXAMPLE], cwd, []).io, prompter: async () => prompter };
  let err = '';
  io.stderr = {
    write: (s: string) => {
      err += s;
    },
  };
  assert.is(await main(io), 0, err);
  assert.not.ok(asked.includes('AWS region'), 'a fixed answer is not asked');
  assert.is(defaults['Instance types for the node group'], 'm7i.large,m6i.large', 'the pack default is the default shown');
  assert.equal(asked.slice(-2), ['Owning team', 'Cost center']);
  const saved = JSON.parse(readFileSync(path.join(cwd, 'wiz/.eks-app.json'), 'utf8'));
  assert.equal(saved.pack.answers, { team: 'payments', costCenter: 'cc-777' });
});

/** A pack folder in `cwd`, from the reference pack with `edit` applied to its manifest. */
function brokenPack(cwd: string, edit: (m: Record<string, any>) => void, files: Record<string, string> = {}): string {
  const dir = path.join(cwd, 'pack');
  cpSync(EXAMPLE, dir, { recursive: true });
  const m = JSON.parse(readFileSync(path.join(dir, 'eks-app-pack.json'), 'utf8'));
  edit(m);
  writeFileSync(path.join(dir, 'eks-app-pack.json'), JSON.stringify(m, null, 2));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

test('a broken pack: one error line naming the file and the field, nothing written', async () => {
  const cases: [string, (m: Record<string, any>) => void, RegExp, Record<string, string>?][] = [
    [
      'incompatible tool',
      (m) => {
        m.engines['create-eks-app'] = '^9.0.0';
      },
      /eks-app-pack\.json: engines\.create-eks-app: the pack supports create-eks-app \^9\.0\.0, but this is \d+\.\d+\.\d+; /,
    ],
    [
      'range that does not parse',
      (m) => {
        m.engines['create-eks-app'] = 'soon';
      },
      /eks-app-pack\.json: engines\.create-eks-app: required: .* semver range/,
    ],
    [
      'no engines',
      (m) => {
        delete m.engines;
      },
      /eks-app-pack\.json: engines\.create-eks-app: required/,
    ],
    [
      'no name',
      (m) => {
        delete m.name;
      },
      /eks-app-pack\.json: name: required/,
    ],
    [
      'bad version',
      (m) => {
        m.version = 'one';
      },
      /eks-app-pack\.json: version: required: a semantic version .*"one"/,
    ],
    [
      'unknown field',
      (m) => {
        m.fixd = {};
      },
      /eks-app-pack\.json: fixd: unknown field/,
    ],
    [
      'missing template',
      (m) => {
        m.files[0].template = 'acme/nope.hbs';
      },
      /eks-app-pack\.json: files\[0\]\.template: expected a template file .*"acme\/nope\.hbs"/,
    ],
    [
      'escaping path',
      (m) => {
        m.files[0].path = '../outside.yaml';
      },
      /eks-app-pack\.json: files\[0\]\.path: expected a relative output path/,
    ],
    [
      'bad format',
      (m) => {
        m.files[0].format = 'toml';
      },
      /eks-app-pack\.json: files\[0\]\.format: expected one of yaml, json, markdown/,
    ],
    [
      'bad question kind',
      (m) => {
        m.questions[1].kind = 'number';
      },
      /eks-app-pack\.json: questions\[1\]\.kind: expected one of/,
    ],
    [
      'default not matching',
      (m) => {
        m.questions[0].default = 'Bad Team';
      },
      /eks-app-pack\.json: questions\[0\]\.default: "Bad Team" does not match/,
    ],
    [
      'unknown answer key',
      (m) => {
        m.defaults.regoin = 'eu-west-1';
      },
      /eks-app-pack\.json: defaults\.regoin: unknown answer key/,
    ],
    [
      'invalid fixed answer',
      (m) => {
        m.fixed.region = 'mars-1';
      },
      /eks-app-pack\.json: fixed\.region: "mars-1" is not a region where EKS runs/,
    ],
    [
      'wrongly typed fixed answer',
      (m) => {
        m.fixed.nodeMax = 'six';
      },
      /eks-app-pack\.json: fixed\.nodeGroup\.maxSize: expected a whole number/,
    ],
    [
      'TypeScript add-on',
      (m) => {
        m.addons = ['addons/x.ts'];
      },
      /eks-app-pack\.json: addons\[0\]: addons\/x\.ts: TypeScript cannot be loaded at run time; compile it to \.mjs/,
      { 'addons/x.ts': 'export {}' },
    ],
    [
      'add-on that throws',
      (m) => {
        m.addons = ['addons/boom.mjs'];
      },
      /eks-app-pack\.json: addons\[0\]: addons\/boom\.mjs does not load: boom/,
      { 'addons/boom.mjs': 'throw new Error("boom");' },
    ],
    [
      'add-on clashing with a built-in',
      (m) => {
        m.addons = ['addons/dup.mjs'];
      },
      /eks-app-pack\.json: addons\[0\] \(addons\/dup\.mjs\)\.id: add-on vpc-cni already exists/,
      { 'addons/dup.mjs': 'export const a = { id: "vpc-cni", title: "x", description: "x", install: () => ({ method: "manifests" }) };' },
    ],
    [
      'add-on without install',
      (m) => {
        m.addons = ['addons/half.mjs'];
      },
      /eks-app-pack\.json: addons\[0\]: addons\/half\.mjs exports no add-on module/,
      { 'addons/half.mjs': 'export const a = { id: "half" };' },
    ],
    [
      'unsafe template',
      () => {},
      /templates\/acme\/label-policy\.yaml\.hbs:3: \{\{lookup \.\.\.\}\} is not allowed in a template/,
      { 'templates/acme/label-policy.yaml.hbs': '# x\nkind: ConfigMap\nname: {{lookup pack "name"}}\n' },
    ],
  ];
  for (const [name, edit, expected, files] of cases) {
    const cwd = tempDir();
    const dir = brokenPack(cwd, edit, files);
    const r = await cli(['x', '--yes', '--template', dir, ...COST], cwd);
    assert.is(r.code, 1, name);
    assert.match(r.err, expected, `${name}: ${r.err}`);
    assert.ok(r.err.startsWith('error ') && r.err.trim().split('\n').length === 1, `${name}: one line: ${r.err}`);
    assert.ok(r.err.includes(dir), `${name}: names the pack's file`);
    assert.equal(readdirSync(cwd), ['pack'], `${name}: nothing written`);
  }
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'empty'));
  writeFileSync(path.join(cwd, 'json-pack.json'), '');
  let r = await cli(['x', '--yes', '--template', './empty'], cwd);
  assert.match(r.err, /empty\/eks-app-pack\.json: not found; a template pack is a folder or npm package/);
  mkdirSync(path.join(cwd, 'bad'));
  writeFileSync(path.join(cwd, 'bad', 'eks-app-pack.json'), '{\n  "name": "x",\n  "version": \n}');
  r = await cli(['x', '--yes', '--template', './bad'], cwd);
  assert.match(r.err, /bad\/eks-app-pack\.json(:\d+:\d+)?: not valid JSON/);
  r = await cli(['x', '--yes', '--template', './nowhere'], cwd);
  assert.match(r.err, /^error --template \.\/nowhere: no such folder/);
  assert.equal(readdirSync(cwd).sort(), ['bad', 'empty', 'json-pack.json']);
});

test('an npm pack: found in node_modules, or fetched with the real npm (scripts off) only when written npm:<spec>', async () => {
  const cwd = tempDir();
  cpSync(EXAMPLE, path.join(cwd, 'node_modules', '@acme', 'eks-pack'), { recursive: true });
  const r = await cli(['a', '--yes', '--template', '@acme/eks-pack', ...COST], cwd);
  assert.is(r.code, 0, r.err);
  assert.is(JSON.parse(readFileSync(path.join(cwd, 'a/.eks-app.json'), 'utf8')).pack.source, '@acme/eks-pack');
  // The real npm installs a packed tarball of the example (offline: a local file, no registry).
  const src = path.join(cwd, 'src-pack');
  cpSync(EXAMPLE, src, { recursive: true });
  writeFileSync(
    path.join(src, 'package.json'),
    JSON.stringify({ name: 'other-pack', version: '1.0.0', files: ['eks-app-pack.json', 'templates', 'addons', 'README.md'] }),
  );
  const tgz = path.join(cwd, execFileSync('npm', ['pack', '--silent', '--pack-destination', cwd], { cwd: src, encoding: 'utf8' }).trim());
  const s = scriptedIo(['b', '--yes', '--template', `npm:${tgz}`, ...COST], cwd, [], false);
  assert.is(await main(s.io), 0, s.err());
  assert.is(JSON.parse(readFileSync(path.join(cwd, 'b/.eks-app.json'), 'utf8')).pack.name, 'acme-eks-pack');
  // A bare name that is neither a folder nor installed is never fetched: a typo must not install a stranger's package.
  const s2 = scriptedIo(['c', '--yes', '--template', 'nope'], cwd, [], false);
  assert.is(await main(s2.io), 1);
  assert.match(s2.err(), /^error --template nope: no such folder, and no installed package of that name; to fetch it from npm, write --template npm:nope/);
  assert.equal(readdirSync(cwd).sort(), ['a', 'b', 'node_modules', path.basename(tgz), 'src-pack'].sort());
});

test.run();
