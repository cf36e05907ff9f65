// A project's life after day one, on real files in temporary folders: update with a three-way merge
// after a pack bump, conflicts, check as a CI gate, --answer, add service, add addon, and Ctrl-C.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { main } from '../src/cli/main.ts';
import type { CommitHooks } from '../src/project/commit.ts';
import { readTree } from '../src/project/state.ts';
import { validateFiles, validatePath } from '../src/validate/index.ts';
import { installSignalHandlers, handleSignal } from '../src/write/interrupt.ts';
import { scriptedIo } from './support/io.ts';
import { tempDir } from './support/project.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/acme-eks-pack', import.meta.url));
const COST = ['--pack-cost-center', 'cc-1234'];

async function cli(argv: string[], cwd: string, hooks?: CommitHooks) {
  const s = scriptedIo(argv, cwd, [], false);
  s.io.hooks = hooks;
  const code = await main(s.io);
  return { code, out: s.out(), err: s.err() };
}

// Three add-ons of the test pack: extra depends on base, alt conflicts with extra.
const TEAM_ADDONS = `
const cm = (id, dependsOn = [], conflictsWith = []) => ({
  id, title: id, description: 'a ConfigMap', when: () => true, dependsOn, conflictsWith, questions: [],
  install: () => ({ method: 'manifests' }),
  actions: (ctx) => [{ path: 'k8s/team/' + id + '.yaml', template: 'team/cm.yaml.hbs', format: 'yaml', purpose: 'ConfigMap ' + id, data: { cm: { name: id, namespace: ctx.answers.app.namespace } } }],
});
export default [cm('team-base'), cm('team-extra', ['team-base']), cm('team-alt', [], ['team-extra'])];
`;

/** The test pack at version 1.0.0: the reference pack plus three small add-ons. */
function makePack(cwd: string): string {
  const dir = path.join(cwd, 'pack');
  cpSync(EXAMPLE, dir, { recursive: true });
  writeFileSync(path.join(dir, 'addons/team.mjs'), TEAM_ADDONS);
  mkdirSync(path.join(dir, 'templates/team'));
  writeFileSync(
    path.join(dir, 'templates/team/cm.yaml.hbs'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{yaml cm.name}}\n  namespace: {{yaml cm.namespace}}\ndata:\n  team: "yes"\n',
  );
  editPack(dir, (m) => {
    m.addons.push('addons/team.mjs');
    m.defaults.addons = [];
  });
  return dir;
}

function editPack(dir: string, edit: (m: Record<string, any>) => void): void {
  const file = path.join(dir, 'eks-app-pack.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  edit(m);
  writeFileSync(file, JSON.stringify(m, null, 2));
}

/** Version 1.1.0: a template change in the Deployment (liveness period) and one in the label policy. */
function bumpPack(dir: string): void {
  editPack(dir, (m) => {
    m.version = '1.1.0';
  });
  replaceIn(path.join(dir, 'templates/base/k8s/app/deployment.yaml.hbs'), '            periodSeconds: 20', '            periodSeconds: 30');
  replaceIn(path.join(dir, 'templates/acme/label-policy.yaml.hbs'), 'message: "ACME policy:', 'message: "ACME policy (see go/labels):');
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} has ${from}`);
  writeFileSync(file, text.replace(from, to));
}

const read = (dir: string, p: string) => readFileSync(path.join(dir, p), 'utf8');

/** A new project from the test pack; returns its folder and the pack's. */
async function project(extra: string[] = []) {
  const cwd = tempDir();
  const pack = makePack(cwd);
  const r = await cli(['shop', '--yes', '--template', './pack', ...COST, ...extra], cwd);
  assert.is(r.code, 0, r.err);
  return { cwd, pack, dir: path.join(cwd, 'shop') };
}

const DEPLOY = 'k8s/web/20-deployment.yaml';
const POLICY = 'k8s/policies/acme-label-policy.yaml';

test('update after a pack bump: the hand edit survives, the template changes land in the same file and another', async () => {
  const { cwd, pack, dir } = await project();
  assert.ok(existsSync(path.join(dir, '.eks-app/base', `${DEPLOY}.base`)), 'the base snapshot is written at generation');
  replaceIn(path.join(dir, DEPLOY), '              cpu: 100m', '              cpu: 250m # measured in production');
  bumpPack(pack);
  const r = await cli(['update', 'shop'], cwd);
  assert.is(r.code, 0, r.err + r.out);
  assert.match(r.out, /updated to create-eks-app \S+, pack acme-eks-pack 1\.1\.0/);
  assert.match(r.out, /merged\s+k8s\/web\/20-deployment\.yaml \(your edits kept\)/);
  const dep = read(dir, DEPLOY);
  assert.match(dep, /cpu: 250m # measured in production/, 'the hand edit survives');
  assert.match(dep, / {12}periodSeconds: 30/, 'the template change lands in the same file');
  assert.not.match(dep, /periodSeconds: 20/);
  assert.match(read(dir, POLICY), /ACME policy \(see go\/labels\)/, 'and in another file');
  assert.is(JSON.parse(read(dir, '.eks-app.json')).pack.version, '1.1.0');
  assert.match(read(dir, `.eks-app/base/${DEPLOY}.base`), /cpu: 100m\n[\s\S]*periodSeconds: 30/, 'the new base is the pristine new render');
  // check agrees with update: an edit that update keeps is not drift.
  const c = await cli(['check', 'shop'], cwd);
  assert.is(c.code, 0, c.out);
  assert.match(c.out, /^✔ up to date: .*update would change none of the \d+ generated files \(your edits are kept\)\n$/);
  assert.equal(readdirSync(cwd).sort(), ['pack', 'shop'], 'no staging folder left');
});

test('update with a conflicting edit: standard markers, exit 1, nothing lost; update refuses to run over markers', async () => {
  const { cwd, pack, dir } = await project();
  replaceIn(path.join(dir, DEPLOY), '            periodSeconds: 20', '            periodSeconds: 25');
  replaceIn(path.join(dir, DEPLOY), '              cpu: 100m', '              cpu: 250m');
  writeFileSync(path.join(dir, 'NOTES.md'), 'mine\n');
  bumpPack(pack);
  const r = await cli(['update', 'shop'], cwd);
  assert.is(r.code, 1);
  assert.match(
    r.out,
    /conflict k8s\/web\/20-deployment\.yaml: both change spec\.template\.spec\.containers\[name:web\]\.livenessProbe\.periodSeconds: changed here to 25 and by the new version to 30 \(first conflict at line \d+\)/,
  );
  assert.match(r.err, /1 conflict\(s\): resolve the <<<<<<< ======= >>>>>>> markers/);
  const dep = read(dir, DEPLOY);
  assert.match(
    dep,
    /<<<<<<< yours\n {12}periodSeconds: 25\n\|\|\|\|\|\|\| base \(as last generated\)\n {12}periodSeconds: 20\n=======\n {12}periodSeconds: 30\n>>>>>>> create-eks-app \S+, pack acme-eks-pack 1\.1\.0\n/,
  );
  assert.match(dep, /cpu: 250m/, 'the clean part of the merge is kept');
  assert.match(read(dir, POLICY), /see go\/labels/, 'other files still update');
  assert.is(read(dir, 'NOTES.md'), 'mine\n');
  const again = await cli(['update', 'shop'], cwd);
  assert.is(again.code, 1);
  assert.match(again.err, /k8s\/web\/20-deployment\.yaml still has conflict markers from an earlier run/);
  const c = await cli(['check', 'shop'], cwd);
  assert.is(c.code, 1);
  assert.match(c.out, /✖ conflict markers: k8s\/web\/20-deployment\.yaml line \d+ still holds <<<<<<< \/ >>>>>>> from an update; resolve them/);
});

test('a pack version that changes a fixed answer or adds a question: update applies both and says so', async () => {
  const { cwd, pack, dir } = await project(['--tags', 'team=shop']);
  editPack(pack, (m) => {
    m.version = '2.0.0';
    m.fixed.tags['managed-by'] = 'platform-team';
    m.questions.push({ key: 'tier', kind: 'choice', message: 'Tier', hint: 'support tier', choices: ['gold', 'silver'], default: 'silver' });
  });
  const r = await cli(['update', 'shop'], cwd);
  assert.is(r.code, 0, r.err);
  assert.match(
    r.err,
    /^note tags: fixed to \{"company":"acme","managed-by":"platform-team"\} by template pack acme-eks-pack 2\.0\.0 \(eks-app-pack\.json fixed\.tags\); was /,
  );
  assert.equal(parse(read(dir, 'eksctl/cluster.yaml')).metadata.tags, { team: 'shop', company: 'acme', 'managed-by': 'platform-team' });
  assert.equal(JSON.parse(read(dir, '.eks-app.json')).pack.answers, { team: 'platform', costCenter: 'cc-1234', tier: 'silver' });
  editPack(pack, (m) => {
    m.version = '2.1.0';
    m.questions.push({ key: 'owner', kind: 'string', message: 'Owner', hint: 'e-mail' });
  });
  const r2 = await cli(['update', 'shop'], cwd);
  assert.is(r2.code, 1);
  assert.is(r2.err, 'error template pack acme-eks-pack 2.1.0 asks questions without a default: give --answer pack.owner=...\n');
  assert.is((await cli(['update', 'shop', '--answer', 'pack.owner=ops@acme.example.com'], cwd)).code, 0);
});

test('check: 1 when behind the pack or the tool, 0 after update and on a hand edit update keeps', async () => {
  const { cwd, pack, dir } = await project();
  let c = await cli(['check', 'shop'], cwd);
  assert.is(c.code, 0, c.out);
  assert.match(
    c.out,
    /^✔ up to date: create-eks-app \S+, template pack acme-eks-pack 1\.0\.0; update would change none of the \d+ generated files \(your edits are kept\)\n$/,
  );
  bumpPack(pack);
  c = await cli(['check', '--project', 'shop'], cwd);
  assert.is(c.code, 1);
  assert.is(c.out, '✖ behind: generated with template pack acme-eks-pack 1.0.0, the pack is now 1.1.0; run create-eks-app update\n');
  assert.is((await cli(['update', 'shop'], cwd)).code, 0);
  assert.is((await cli(['check', 'shop'], cwd)).code, 0);
  const state = JSON.parse(read(dir, '.eks-app.json'));
  state.tool.version = '0.0.1';
  writeFileSync(path.join(dir, '.eks-app.json'), JSON.stringify(state, null, 2));
  c = await cli(['check', 'shop'], cwd);
  assert.is(c.code, 1);
  assert.match(c.out, /^✖ behind: generated by create-eks-app 0\.0\.1, this is \S+; run create-eks-app update\n$/);
  assert.is((await cli(['update', 'shop'], cwd)).code, 0);
  assert.is((await cli(['check', 'shop'], cwd)).code, 0);
  // A hand edit update would keep is not drift: check and update agree there is nothing to do.
  writeFileSync(path.join(dir, 'k8s/web/30-service.yaml'), `${read(dir, 'k8s/web/30-service.yaml')}# mine\n`);
  assert.is((await cli(['check', 'shop'], cwd)).code, 0);
  assert.match((await cli(['update', 'shop'], cwd)).out, /already up to date/);
  // A project whose pack has gone: one clear error.
  const moved = path.join(cwd, 'pack-moved');
  cpSync(pack, moved, { recursive: true });
  const { rmSync } = await import('node:fs');
  rmSync(pack, { recursive: true });
  c = await cli(['check', 'shop'], cwd);
  assert.is(c.code, 1);
  assert.match(
    c.err,
    /^error template pack acme-eks-pack \(\.eks-app\.json pack\.source \.\.\/pack\): no such folder .*; pass --template <folder or package> to say where it is now\n$/,
  );
  assert.is((await cli(['check', 'shop', '--template', './pack-moved'], cwd)).code, 0, 'the pack found where it moved; the hand edit is kept');
});

test('update --dry-run prints the diff and writes nothing; --answer changes an answer and re-renders', async () => {
  const { cwd, pack, dir } = await project();
  replaceIn(path.join(dir, DEPLOY), '              cpu: 100m', '              cpu: 250m');
  bumpPack(pack);
  const before = readTree(cwd);
  const d = await cli(['update', 'shop', '--dry-run'], cwd);
  assert.is(d.code, 0, d.err);
  assert.match(
    d.out,
    /--- a\/k8s\/web\/20-deployment\.yaml\n\+\+\+ b\/k8s\/web\/20-deployment\.yaml\n@@ [^\n]+ @@\n[\s\S]*- {12}periodSeconds: 20\n\+ {12}periodSeconds: 30\n/,
  );
  assert.match(d.out, /Dry run: \d+ file\(s\) would change; nothing was written/);
  assert.equal(readTree(cwd), before, 'nothing written');

  const u = await cli(['update', 'shop', '--app-replicas', '3', '--answer', 'pack.team=payments', '--answer', 'addons=team-extra,team-base'], cwd);
  assert.is(u.code, 0, u.err + u.out);
  assert.match(u.out, /answers changed: app\.replicas, addons, pack\.team/);
  const dep = parse(read(dir, DEPLOY));
  assert.is(dep.spec.replicas, 3);
  assert.is(dep.metadata.labels['acme.example.com/team'], 'payments');
  assert.is(dep.spec.template.spec.containers[0].resources.requests.cpu, '250m', 'the hand edit survives');
  assert.ok(existsSync(path.join(dir, 'k8s/team/team-extra.yaml')), 'the add-on turned on');
  const saved = JSON.parse(read(dir, '.eks-app.json'));
  assert.equal([saved.answers.app.replicas, saved.answers.addons, saved.pack.answers.team], [3, ['team-extra', 'team-base'], 'payments']);

  const bad: [string[], RegExp][] = [
    [['--answer', 'region=us-east-1'], /^error --answer region: fixed to "eu-west-1" by template pack acme-eks-pack \(eks-app-pack\.json fixed\.region\)\n$/],
    [['--region', 'us-east-1'], /^error --answer region: fixed to "eu-west-1"/],
    [['--answer', 'regoin=x'], /^error --answer regoin: unknown answer key/],
    [['--answer', 'app.replicas=many'], /^error app\.replicas: expected a whole number, got "many"\n$/],
    [['--answer', 'app.replicas=0'], /^error app\.replicas: must be a whole number from 1 to 100 \(got 0\)\n$/],
    [['--answer', 'pack.owner=x'], /^error --answer pack\.owner: template pack acme-eks-pack asks pack\.team, pack\.costCenter\n$/],
    [['--answer', 'addons=team-alt,team-extra,team-base'], /^error addons: team-alt conflicts with team-extra; keep only one of them\n$/],
  ];
  const after = readTree(cwd);
  for (const [args, expected] of bad) {
    const r = await cli(['update', 'shop', ...args], cwd);
    assert.is(r.code, 1, args.join(' '));
    assert.match(r.err, expected);
  }
  assert.equal(readTree(cwd), after, 'refused updates write nothing');
});

test('add service twice: two more workloads that validate, ClusterConfig and README updated, edits and comments kept', async () => {
  const { cwd, dir } = await project();
  // The user's own edit and comment in the ClusterConfig, right where the new associations go.
  replaceIn(path.join(dir, 'eksctl/cluster.yaml'), 'iam:\n', '# Reviewed by the platform team.\niam:\n');
  const r1 = await cli(['add', 'service', 'api', '--project', 'shop', '--image', 'ghcr.io/acme/api:1.2.0', '--port', '9090'], cwd);
  assert.is(r1.code, 0, r1.err);
  assert.match(r1.out, /added service api to shop/);
  // Only the new service's association is created: the others exist, and eksctl would fail making their roles again.
  assert.match(
    r1.out,
    /\|\| .*&& eksctl create podidentityassociation --config-file <\(envsubst '[^']*\$\{AWS_ACCOUNT_ID\}[^']*' < eksctl\/pod-identity\/api\/api\.yaml\)/,
  );
  assert.not.match(r1.out, /podidentityassociation --config-file <\(envsubst '[^']*' < eksctl\/cluster\.yaml\)/);
  assert.match(read(dir, 'eksctl/pod-identity/api/api.yaml'), /roleName: "shop-api"/);
  const r2 = await cli(['add', 'service', 'worker', '--project', 'shop', '--namespace', 'api'], cwd);
  assert.is(r2.code, 0, r2.err);
  const cluster = read(dir, 'eksctl/cluster.yaml');
  assert.match(cluster, /# Reviewed by the platform team\.\niam:/);
  const assoc = parse(cluster).iam.podIdentityAssociations.map((p: any) => `${p.namespace}/${p.serviceAccountName}:${p.roleName}`);
  assert.equal(assoc, ['web/web:shop-web', 'api/api:shop-api', 'api/worker:shop-worker']);
  for (const f of [
    'iam/shop-api-trust.json',
    'iam/shop-api-policy.json',
    'k8s/api/00-namespace.yaml',
    'k8s/api/20-deployment.yaml',
    'k8s/worker/30-service.yaml',
  ])
    assert.ok(existsSync(path.join(dir, f)), f);
  assert.not.ok(existsSync(path.join(dir, 'k8s/worker/00-namespace.yaml')), 'an existing namespace is not created again');
  const api = parse(read(dir, 'k8s/api/20-deployment.yaml'));
  assert.equal([api.spec.template.spec.containers[0].image, api.spec.template.spec.containers[0].ports[0].containerPort], ['ghcr.io/acme/api:1.2.0', 9090]);
  assert.is(api.metadata.labels['acme.example.com/cost-center'], 'cc-1234', "the pack's Deployment template applies to services too");
  assert.is(JSON.parse(read(dir, 'iam/shop-api-policy.json')).Statement[0].Resource, 'arn:aws:ssm:eu-west-1:${AWS_ACCOUNT_ID}:parameter/shop/api/*');
  const readme = read(dir, 'README.md');
  assert.match(readme, /kubectl apply -f k8s\/api\//);
  assert.match(readme, /`k8s\/worker\/20-deployment\.yaml`/);
  // The create step makes each service's association when it is missing, and the services deploy
  // while the API still answers from here: before the endpoint is made private.
  const create = readme.slice(readme.indexOf('### Create the cluster'), readme.indexOf('### ', readme.indexOf('### Create the cluster') + 4));
  for (const sa of ['web/web', 'api/api', 'api/worker'])
    assert.match(
      create,
      new RegExp(`\\|\\| .*&& eksctl create podidentityassociation --config-file <\\(envsubst '[^']*' < eksctl/pod-identity/${sa}\\.yaml\\)`),
      sa,
    );
  const order = ['### Deploy web', '### Deploy api', '### Deploy worker', '### Make the API endpoint private'].map((h) => readme.indexOf(h));
  assert.ok(
    order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])),
    `step order: ${order.join(', ')}`,
  );
  assert.equal(
    JSON.parse(read(dir, '.eks-app.json')).services.map((s: any) => s.name),
    ['api', 'worker'],
  );
  const { findings } = await validatePath(dir);
  assert.equal(
    findings.filter((f) => f.severity === 'error'),
    [],
    'validatePath: no errors',
  );
  const files = [...readTree(dir)].filter(([p]) => !p.startsWith('.eks-app/')).map(([p, content]) => ({ path: p, content }));
  assert.equal(
    validateFiles(files).findings.filter((f) => f.severity === 'error'),
    [],
    'validateFiles: no errors',
  );
  assert.is((await cli(['check', 'shop'], cwd)).code, 0, 'the ClusterConfig comment is a hand edit update keeps');
  // The same name again, or a name the validator refuses: nothing written.
  const before = readTree(cwd);
  let r = await cli(['add', 'service', 'api', '--project', 'shop'], cwd);
  assert.match(r.err, /^error service name: api is already a workload of this project \(web, api, worker\)/);
  r = await cli(['add', 'service', 'Bad_Name', '--project', 'shop'], cwd);
  assert.match(r.err, /^error service name: "Bad_Name" is not a valid service name/);
  r = await cli(['add', 'service', '--project', 'shop'], cwd);
  assert.match(r.err, /^error add service needs a name/);
  r = await cli(['add', 'service', 'x', '--project', 'shop', '--instance-types', 'm7i.xlarge'], cwd);
  assert.match(
    r.err,
    /^error add service takes --namespace, --image, --port, --replicas, --ecr, --ci, --github-repository, --github-branch, --secrets, --s3-prefixes, --dynamodb-tables; change other answers with create-eks-app update --answer key=value/,
  );
  assert.equal(readTree(cwd), before);
});

test('add service with IRSA: a role trusted for exactly its service account, and the ServiceAccount annotation', async () => {
  const cwd = tempDir();
  assert.is((await cli(['c', '--yes', '--identity', 'irsa', '--account-id', '111122223333'], cwd)).code, 0);
  const dir = path.join(cwd, 'c');
  const r = await cli(['add', 'service', 'jobs', '--project', 'c'], cwd);
  assert.is(r.code, 0, r.err);
  assert.match(
    r.out,
    /eksctl create iamserviceaccount --config-file <\(envsubst '[^']*\$\{CREATOR_CIDR\}[^']*' < eksctl\/cluster\.yaml\) --include jobs\/jobs --approve/,
  );
  const cluster = parse(read(dir, 'eksctl/cluster.yaml'));
  assert.equal(
    cluster.iam.serviceAccounts.map((s: any) => `${s.metadata.namespace}/${s.metadata.name}:${s.roleName}`),
    ['web/web:c-web', 'jobs/jobs:c-jobs'],
  );
  assert.is(parse(read(dir, 'k8s/jobs/10-serviceaccount.yaml')).metadata.annotations['eks.amazonaws.com/role-arn'], 'arn:aws:iam::111122223333:role/c-jobs');
  const trust = JSON.parse(read(dir, 'iam/c-jobs-trust.json'));
  assert.equal(Object.values(trust.Statement[0].Condition.StringEquals), ['system:serviceaccount:jobs:jobs', 'sts.amazonaws.com']);
  assert.equal(
    (await validatePath(dir)).findings.filter((f) => f.severity === 'error'),
    [],
  );
  assert.is((await cli(['check', 'c'], cwd)).code, 0);
});

test('add stops, names the file and why, and writes nothing when it cannot merge', async () => {
  const { cwd, dir } = await project();
  // The user dropped the associations the new service must extend.
  const cluster = read(dir, 'eksctl/cluster.yaml');
  const doc = parse(cluster);
  assert.ok(doc.iam.podIdentityAssociations);
  writeFileSync(path.join(dir, 'eksctl/cluster.yaml'), cluster.replace(/ {2}podIdentityAssociations:\n( {4}[- ].*\n| {6}.*\n)*/, ''));
  assert.is(parse(read(dir, 'eksctl/cluster.yaml')).iam.podIdentityAssociations, undefined);
  const before = readTree(cwd);
  const r = await cli(['add', 'service', 'api', '--project', 'shop'], cwd);
  assert.is(r.code, 1);
  assert.match(r.err, /^error eksctl\/cluster\.yaml: both change iam\.podIdentityAssociations: changed here to removed and by the new version to/);
  assert.match(r.err, /cannot add service api without overwriting your edits in eksctl\/cluster\.yaml; nothing was written/);
  assert.equal(readTree(cwd), before);
  // A project behind its pack is updated first, so that add only adds.
  const { pack } = { pack: path.join(cwd, 'pack') };
  bumpPack(pack);
  const b = await cli(['add', 'service', 'api', '--project', 'shop'], cwd);
  assert.match(
    b.err,
    /^error behind: generated with template pack acme-eks-pack 1\.0\.0, the pack is now 1\.1\.0; run create-eks-app update first, so that add only adds\n$/,
  );
});

test('add addon: from the catalog and the pack, with its dependencies; conflicts refused', async () => {
  const { cwd, dir } = await project();
  let r = await cli(['add', 'addon', 'team-extra', '--project', 'shop'], cwd);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /added add-on team-base, team-extra \(team-extra depends on team-base\)/);
  assert.equal(JSON.parse(read(dir, '.eks-app.json')).answers.addons, ['team-base', 'team-extra']);
  assert.ok(existsSync(path.join(dir, 'k8s/team/team-base.yaml')));
  const before = readTree(cwd);
  r = await cli(['add', 'addon', 'team-alt', '--project', 'shop'], cwd);
  assert.is(r.code, 1);
  assert.is(r.err, 'error addons: team-alt conflicts with team-extra; keep only one of them\n');
  r = await cli(['add', 'addon', 'no-such', '--project', 'shop'], cwd);
  assert.match(r.err, /^error add addon needs an add-on id; "no-such" is not one: choose from .*team-base/);
  assert.equal(readTree(cwd), before);
  r = await cli(['add', 'addon', 'team-extra', '--project', 'shop'], cwd);
  assert.equal([r.code, r.out], [0, '✔ team-extra is already in the project; nothing to do\n']);
  // A pack add-on with an option, given as its flag.
  r = await cli(['add', 'addon', 'acme-priority-classes', '--project', 'shop', '--addon-acme-priority-classes-critical', '5000'], cwd);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /kubectl apply -f k8s\/acme\/priority-classes\.yaml/);
  assert.equal(
    parseAllDocuments(read(dir, 'k8s/acme/priority-classes.yaml')).map((d) => d.toJS().value),
    [5000, 1000],
  );
  assert.equal(
    (await validatePath(dir)).findings.filter((f) => f.severity === 'error'),
    [],
  );
  assert.is((await cli(['check', 'shop'], cwd)).code, 0);
});

test('add service asks what is missing at a terminal; a project without its snapshot still updates when only answers changed', async () => {
  const cwd = tempDir();
  assert.is((await cli(['plain', '--yes'], cwd)).code, 0);
  const s = scriptedIo(['add', 'service', '--project', 'plain'], cwd, ['web', 'shop-api', 'shared', 'x:latest', 'ghcr.io/acme/shop-api:2.0.0', '80', '8443']);
  assert.is(await main(s.io), 0, s.err());
  assert.equal(s.asked, [
    'Service name',
    'Service name',
    'Namespace for the service',
    'Container image',
    'Container image',
    'Container port',
    'Container port',
  ]);
  assert.match(s.refusals[0], /web is already a workload of this project/);
  assert.match(s.refusals[1], /pin a version tag or digest/);
  assert.match(s.refusals[2], /needs root or NET_BIND_SERVICE/);
  const dir = path.join(cwd, 'plain');
  assert.equal(JSON.parse(read(dir, '.eks-app.json')).services, [
    { name: 'shop-api', namespace: 'shared', image: 'ghcr.io/acme/shop-api:2.0.0', port: 8443, replicas: 2 },
  ]);
  const { rmSync } = await import('node:fs');
  rmSync(path.join(dir, '.eks-app'), { recursive: true });
  replaceIn(path.join(dir, 'k8s/shop-api/20-deployment.yaml'), '              cpu: 100m', '              cpu: 300m');
  const r = await cli(['update', 'plain', '--answer', 'app.replicas=4'], cwd);
  assert.is(r.code, 0, r.err + r.out);
  assert.match(read(dir, 'k8s/shop-api/20-deployment.yaml'), /cpu: 300m/);
  assert.match(read(dir, 'k8s/web/20-deployment.yaml'), /replicas: 4/);
  assert.ok(existsSync(path.join(dir, '.eks-app/base/k8s/web/20-deployment.yaml.base')), 'the snapshot is back');
});

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

test('Ctrl-C: create leaves nothing; update before the commit leaves the project as it was; during the commit it finishes first', async () => {
  installSignalHandlers((code) => {
    throw new Exit(code);
  });
  const cwd = tempDir();
  makePack(cwd);
  const sigint = () => handleSignal('SIGINT');
  try {
    await cli(['shop', '--yes', '--template', './pack', ...COST], cwd, { staged: sigint });
    assert.unreachable('exit expected');
  } catch (e) {
    assert.instance(e, Exit);
    assert.is((e as Exit).code, 130);
  }
  assert.equal(readdirSync(cwd), ['pack'], 'no project, no staging folder');

  assert.is((await cli(['shop', '--yes', '--template', './pack', ...COST], cwd)).code, 0);
  bumpPack(path.join(cwd, 'pack'));
  const before = readTree(cwd);
  await cli(['update', 'shop'], cwd, { staged: sigint }).then(
    () => assert.unreachable('exit expected'),
    (e) => assert.instance(e, Exit),
  );
  assert.equal(readTree(cwd), before, 'interrupted before the commit: untouched');
  assert.equal(readdirSync(cwd).sort(), ['pack', 'shop']);
  await cli(['update', 'shop'], cwd, { committing: sigint }).then(
    () => assert.unreachable('exit expected'),
    (e) => assert.instance(e, Exit),
  );
  const dir = path.join(cwd, 'shop');
  assert.match(read(dir, DEPLOY), /periodSeconds: 30/);
  assert.match(read(dir, POLICY), /see go\/labels/, 'the signal waited for the whole set');
  assert.is(JSON.parse(read(dir, '.eks-app.json')).pack.version, '1.1.0');
  assert.equal(readdirSync(cwd).sort(), ['pack', 'shop']);
  assert.is((await cli(['check', 'shop'], cwd)).code, 0);
});

test.run();
