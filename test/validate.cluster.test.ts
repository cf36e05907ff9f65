// The cluster half of `validate`: the real kubectl binary against a loopback STAND-IN API server
// (test/support/standin-apiserver.ts), and the real binary missing from PATH.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startStandInApiServer } from './support/standin-apiserver.ts';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./golden/default', import.meta.url));

async function kubectlPresent(): Promise<boolean> {
  return execa('kubectl', ['version', '--client'], { reject: false }).then((r) => r.exitCode === 0, () => false);
}

function project(): string {
  const dir = tempDir();
  cpSync(GOLDEN, path.join(dir, 'p'), { recursive: true });
  return path.join(dir, 'p');
}

function validate(args: string[], env: Record<string, string>) {
  return execa('node', [BIN, 'validate', ...args], { reject: false, env: { CI: 'true', NO_COLOR: '1', HOME: tempDir('eks-app-home-'), ...env }, extendEnv: false });
}

test('generated manifests pass the stand-in API server dry run through real kubectl', async () => {
  if (!(await kubectlPresent())) return console.log('skipped: kubectl is not installed');
  const dir = project();
  const api = await startStandInApiServer(dir, ['default', 'kube-system', 'web']);
  try {
    const r = await validate([dir, '--json'], { KUBECONFIG: api.kubeconfig, PATH: process.env.PATH! });
    assert.is(r.exitCode, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.cluster, { checked: true, server: 'v1.34.2-standin' });
    assert.equal(out.findings.filter((f: any) => f.rule === 'server-dry-run'), []);
    // kubectl really talked to it: server-side strict field validation on every create.
    const posts = api.requests.filter((x) => x.startsWith('POST'));
    assert.is(posts.length, 5);
    assert.ok(posts.every((x) => /dryRun=All/.test(x) && /fieldValidation=Strict/.test(x)), posts.join('\n'));
  } finally {
    await api.close();
  }
});

test('422 field causes, strict unknown fields and missing namespaces are reported per object', async () => {
  if (!(await kubectlPresent())) return console.log('skipped: kubectl is not installed');
  const dir = project();
  const dep = path.join(dir, 'k8s/web/20-deployment.yaml');
  writeFileSync(dep, readFileSync(dep, 'utf8').replace('replicas: 2', 'replicas: -1'));
  const svc = path.join(dir, 'k8s/web/30-service.yaml');
  writeFileSync(svc, readFileSync(svc, 'utf8').replace('  type: ClusterIP', '  typo: ClusterIP'));
  // namespace "web" does not exist on this stand-in cluster
  const api = await startStandInApiServer(dir, ['default', 'kube-system']);
  try {
    let r = await validate([dir, '--json', '--context', 'standin'], { KUBECONFIG: api.kubeconfig, PATH: process.env.PATH! });
    const server = JSON.parse(r.stdout).findings.filter((f: any) => f.rule === 'server-dry-run');
    assert.ok(server.every((f: any) => f.severity === 'unchecked' && /namespaces "web" not found/.test(f.message)), JSON.stringify(server));
    assert.is(server.length, 4);

    const api2 = await startStandInApiServer(dir, ['default', 'kube-system', 'web']);
    r = await validate([dir, '--json'], { KUBECONFIG: api2.kubeconfig, PATH: process.env.PATH! });
    await api2.close();
    assert.is(r.exitCode, 1);
    const found = JSON.parse(r.stdout).findings.filter((f: any) => f.rule === 'server-dry-run');
    const depErr = found.find((f: any) => f.file === 'k8s/web/20-deployment.yaml');
    assert.is(depErr.severity, 'error');
    assert.is(depErr.path, 'Deployment "web"');
    assert.match(depErr.message, /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
    const svcErr = found.find((f: any) => f.file === 'k8s/web/30-service.yaml');
    assert.match(svcErr.message, /strict decoding error: unknown field "spec\.typo"/);
  } finally {
    await api.close();
  }
});

test('without kubectl on PATH: one line, exit 0; with --require-cluster: exit 1', async () => {
  const dir = project();
  // A PATH holding only node, so the real kubectl cannot be found; a kubeconfig says a cluster may exist.
  const bin = path.join(tempDir(), 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, path.join(bin, 'node'));
  const kubeconfig = path.join(tempDir(), 'config');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');
  let r = await validate([dir], { PATH: bin, KUBECONFIG: kubeconfig });
  assert.is(r.exitCode, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('cluster checks skipped'));
  assert.is(lines.length, 1);
  assert.match(lines[0], /kubectl is not installed.*kubectl apply --dry-run=server --validate=strict -R -f k8s\//);
  r = await validate([dir, '--require-cluster'], { PATH: bin, KUBECONFIG: kubeconfig });
  assert.is(r.exitCode, 1);
  assert.match(r.stderr, /^error cluster checks skipped: kubectl is not installed/);
});

test('without a kubeconfig no kubectl is started, and the note says why', async () => {
  const dir = project();
  // A kubectl on PATH that leaves a mark when it runs: it must not run.
  const bin = path.join(tempDir(), 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, path.join(bin, 'node'));
  const mark = path.join(tempDir(), 'kubectl-ran');
  writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\ntouch '${mark}'\nexit 1\n`, { mode: 0o755 });
  const r = await validate([dir], { PATH: bin });
  assert.is(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /cluster checks skipped: no kubeconfig \(KUBECONFIG is unset and ~\/\.kube\/config does not exist\)/);
  assert.not.ok(existsSync(mark), 'kubectl was started');
});

test('usage problems exit 2', async () => {
  const r = await validate([path.join(tempDir(), 'nope')], { PATH: process.env.PATH! });
  assert.is(r.exitCode, 2);
  assert.match(r.stderr, /no such file or folder/);
  const bogus = await validate([project(), '--bogus'], { PATH: process.env.PATH! });
  assert.is(bogus.exitCode, 2);
  if (await kubectlPresent()) {
    const ctx = await validate([project(), '--context', 'nosuch'], { PATH: process.env.PATH!, KUBECONFIG: path.join(tempDir(), 'none') });
    assert.is(ctx.exitCode, 2, ctx.stderr);
    assert.match(ctx.stderr, /--context nosuch: no such context/);
  }
});

test.run();
