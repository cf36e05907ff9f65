// create-eks-app upgrade --to: one minor version at a time, the user's edits kept through the
// three-way merge, APIs the target removes refused before anything is written, and a README
// runbook in the order EKS needs. check reports a version that left standard support.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { main } from '../src/cli/main.ts';
import { readTree } from '../src/project/state.ts';
import { realApiServer } from './support/apiserver.ts';
import { scriptedIo } from './support/io.ts';
import { tempDir } from './support/project.ts';
import { skip } from './support/skip.ts';

async function cli(argv: string[], cwd: string, today?: Date, env: Record<string, string> = {}) {
  const s = scriptedIo(argv, cwd, [], false);
  if (today) s.io.today = today;
  s.io.env = { ...s.io.env, ...env };
  const code = await main(s.io);
  return { code, out: s.out(), err: s.err() };
}

async function project(extra: string[] = []) {
  const cwd = tempDir();
  const r = await cli(['shop', '--yes', '--kubernetes-version', '1.34', '--compute', 'karpenter', ...extra], cwd);
  assert.is(r.code, 0, r.err);
  return path.join(cwd, 'shop');
}
const read = (dir: string, p: string) => readFileSync(path.join(dir, p), 'utf8');

test('upgrade 1.34 → 1.35 → 1.36 on a project with edits: version moved, edits kept, the runbook for each step in the README', async () => {
  const dir = await project();
  // The user's own edits: a comment in cluster.yaml and a label on the Deployment.
  writeFileSync(path.join(dir, 'eksctl/cluster.yaml'), read(dir, 'eksctl/cluster.yaml').replace('metadata:\n', '# Owned by the platform team.\nmetadata:\n'));
  writeFileSync(path.join(dir, 'k8s/web/20-deployment.yaml'), read(dir, 'k8s/web/20-deployment.yaml').replace('labels:\n', 'labels:\n    team: checkout\n'));
  for (const [from, to] of [
    ['1.34', '1.35'],
    ['1.35', '1.36'],
  ]) {
    const r = await cli(['upgrade', '--to', to], dir);
    assert.is(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`Upgrade from ${from} to ${to}`));
    const cfg = read(dir, 'eksctl/cluster.yaml');
    assert.is(parse(cfg).metadata.version, to);
    assert.match(cfg, /# Owned by the platform team\.\nmetadata:/);
    assert.match(read(dir, 'k8s/web/20-deployment.yaml'), /team: checkout/);
    const saved = JSON.parse(read(dir, '.eks-app.json')).answers;
    assert.equal([saved.kubernetesVersion, saved.upgradeFrom], [to, from]);
    const readme = read(dir, 'README.md');
    const runbook = readme.slice(readme.indexOf(`## Upgrade from ${from} to ${to}`), readme.indexOf('## Apply it'));
    const titles = [...runbook.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    assert.equal(titles, [
      `Check the cluster's upgrade insights for ${to}`,
      `Check that the EKS add-ons run on ${to}`,
      `Upgrade the control plane to ${to}`,
      `Update the EKS add-ons to ${to}'s default builds`,
      `Move the nodes to ${to}`,
      'Check that web runs on 1.36'.replace('1.36', to),
    ]);
    assert.match(runbook, /eksctl upgrade cluster --config-file <\(envsubst [^)]*\) --approve/);
    assert.match(
      runbook,
      new RegExp(`eksctl upgrade nodegroup --region us-east-1 --cluster shop --name system --kubernetes-version ${to.replace('.', '\\.')}`),
    );
    assert.match(
      runbook,
      /--query 'addons\[0\]\.addonVersions\[\?compatibilities\[\?defaultVersion\]\] \| \[0\]\.addonVersion'/,
      'add-on builds are resolved at apply time',
    );
    assert.match(runbook, /Karpenter sees its nodes drift/);
  }
  // Afterwards check agrees with update: the kept edits are not drift, and nothing is left to do.
  const check = await cli(['check'], dir);
  assert.is(check.code, 0, check.out);
  assert.match(check.out, /up to date: .*update would change none of the \d+ generated files/);
});

test('upgrade refuses a downgrade, a skipped minor, a missing --to and the same version, in one line, writing nothing', async () => {
  const dir = await project();
  const before = readTree(dir);
  for (const [args, re] of [
    [['--to', '1.33'], /^error --to 1\.33: EKS cannot downgrade a cluster \(the project is on 1\.34\)$/],
    [['--to', '1.36'], /^error --to 1\.36: EKS upgrades one minor version at a time; upgrade to 1\.35 first$/],
    [[], /^error upgrade needs the version to move to: upgrade --to 1\.35 \(the project is on 1\.34\)$/],
    [['--to', '1.34'], /^error the project is on Kubernetes 1\.34 already; nothing to upgrade$/],
    [['--to', 'latest'], /^error --to "latest": give a Kubernetes minor version such as 1\.35$/],
  ] as [string[], RegExp][]) {
    const r = await cli(['upgrade', ...args], dir);
    assert.is(r.code, 1, r.err);
    const lines = r.err.split('\n').filter(Boolean);
    assert.is(lines.length, 1, r.err);
    assert.match(lines[0], re);
  }
  assert.equal(readTree(dir), before);
});

test('upgrade refuses while a manifest uses an API the target removes, naming the file; deprecated ones are warnings', async () => {
  const dir = await project();
  writeFileSync(
    path.join(dir, 'k8s/web/60-flowschema.yaml'),
    'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: web\nspec:\n  priorityLevelConfiguration:\n    name: global-default\n',
  );
  writeFileSync(path.join(dir, 'k8s/web/61-endpoints.yaml'), 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: legacy\n  namespace: web\n');
  const before = readTree(dir);
  const r = await cli(['upgrade', '--to', '1.35'], dir);
  assert.is(r.code, 1);
  assert.match(
    r.err,
    /error k8s\/web\/60-flowschema\.yaml: FlowSchema web: flowcontrol\.apiserver\.k8s\.io\/v1beta3 FlowSchema was removed in Kubernetes 1\.32; use flowcontrol\.apiserver\.k8s\.io\/v1/,
  );
  assert.match(
    r.err,
    /warning k8s\/web\/61-endpoints\.yaml: Endpoints legacy: v1 Endpoints is deprecated since Kubernetes 1\.33; use discovery\.k8s\.io\/v1 EndpointSlice/,
  );
  assert.equal(readTree(dir), before, 'nothing was written');
});

test('upgrade --context reads the live cluster for removed APIs (the real API server serves none of them)', async () => {
  const api = await realApiServer();
  if ('missing' in api) return skip('upgrade --context', api.missing);
  const dir = await project();
  const before = readTree(dir);
  const r = await cli(['upgrade', '--to', '1.35', '--context', 'nowhere'], dir, undefined, { KUBECONFIG: api.kubeconfig, PATH: api.env.PATH });
  assert.is(r.code, 1);
  assert.match(r.err, /^error --context nowhere: kubectl get --raw \/metrics: error: context "nowhere" does not exist\n$/);
  assert.equal(readTree(dir), before);
  const ctx = /current-context: (\S+)/.exec(readFileSync(api.kubeconfig, 'utf8'))![1];
  const ok = await cli(['upgrade', '--to', '1.35', '--context', ctx], dir, undefined, { KUBECONFIG: api.kubeconfig, PATH: api.env.PATH });
  assert.is(ok.code, 0, ok.err);
  assert.is(parse(read(dir, 'eksctl/cluster.yaml')).metadata.version, '1.35');
});

test('check reports a version that left standard support, with the upgrade to run; chosen extended support is a note', async () => {
  const dir = await project();
  const later = new Date('2026-12-10T12:00:00Z');
  const r = await cli(['check'], dir, later);
  assert.is(r.code, 1);
  assert.match(
    r.out,
    /✖ kubernetes 1\.34 left standard support on 2026-12-02: with upgradePolicy STANDARD, EKS moves the control plane up by itself, so the files and the nodes fall behind it; run create-eks-app upgrade --to 1\.35/,
  );
  const chosen = await project(['--support-type', 'extended']);
  const c = await cli(['check'], chosen, later);
  assert.match(c.out, /note kubernetes 1\.34 left standard support/);
  assert.not.match(c.out, /✖ kubernetes/);
});

test.run();
