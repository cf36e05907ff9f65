// The cluster half of `validate`: the real kubectl (v1.35, test/support/tools.ts) against the run's
// real kube-apiserver (v1.32, test/support/apiserver.ts); and the real binary missing from PATH.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ensureNamespaces, kubectl, realApiServer, skip, type ApiServer } from './support/apiserver.ts';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./golden/default', import.meta.url));

/** The golden default project; its manifests moved to another namespace when one is given. */
function project(namespace = 'web'): string {
  const dir = path.join(tempDir(), 'p');
  cpSync(GOLDEN, dir, { recursive: true });
  if (namespace !== 'web') {
    const k8s = path.join(dir, 'k8s', 'web');
    for (const f of readdirSync(k8s)) {
      const file = path.join(k8s, f);
      const text = readFileSync(file, 'utf8').replace(/^(\s+namespace): "web"$/gm, `$1: "${namespace}"`);
      writeFileSync(file, f === '00-namespace.yaml' ? text.replace('name: "web"', `name: "${namespace}"`) : text);
    }
  }
  return dir;
}

function validate(args: string[], env: Record<string, string>) {
  return execa('node', [BIN, 'validate', ...args], {
    reject: false,
    env: { CI: 'true', NO_COLOR: '1', HOME: tempDir('eks-app-home-'), ...env },
    extendEnv: false,
  });
}

async function server(what: string): Promise<ApiServer | undefined> {
  const api = await realApiServer();
  if (!('missing' in api)) return api;
  skip(what, api.missing);
  return undefined;
}

test("a generated project passes the real API server's dry run, and nothing is created", async () => {
  const api = await server('validate against a real API server');
  if (!api) return;
  const dir = project();
  await ensureNamespaces(api, ['web']);
  const r = await validate([dir, '--json'], api.env);
  assert.is(r.exitCode, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.cluster, { checked: true, server: api.server });
  assert.match(api.server, /^v1\.32\./);
  assert.equal(
    out.findings.filter((f: any) => f.rule === 'server-dry-run'),
    [],
  );
  // A dry run: the server kept nothing.
  const get = await kubectl(api, ['get', 'deployment,service,serviceaccount', '-n', 'web', '-o', 'name']);
  assert.is(get.stdout.trim(), '');
});

test('422 field causes and strict unknown fields are reported per object; a namespace not yet created is unchecked', async () => {
  const api = await server('validate against a real API server');
  if (!api) return;
  const dir = project('vc-rejected');
  const dep = path.join(dir, 'k8s/web/20-deployment.yaml');
  writeFileSync(dep, readFileSync(dep, 'utf8').replace('replicas: 2', 'replicas: -1'));
  const svc = path.join(dir, 'k8s/web/30-service.yaml');
  writeFileSync(svc, readFileSync(svc, 'utf8').replace('  type: ClusterIP', '  typo: ClusterIP'));

  // Before the namespace exists, the server judges only what it can decode: a body with an unknown
  // field is refused at once, the rest waits for the namespace.
  let r = await validate([dir, '--json', '--context', 'local'], api.env);
  const early = JSON.parse(r.stdout).findings.filter((f: any) => f.rule === 'server-dry-run');
  assert.equal(
    early.map((f: any) => [f.file, f.severity, f.path]),
    [
      ['k8s/web/10-serviceaccount.yaml', 'unchecked', 'namespaces "vc-rejected"'],
      ['k8s/web/20-deployment.yaml', 'unchecked', 'namespaces "vc-rejected"'],
      ['k8s/web/30-service.yaml', 'error', 'Service "web"'],
      ['k8s/web/50-pdb.yaml', 'unchecked', 'namespaces "vc-rejected"'],
    ],
  );
  assert.ok(
    early
      .filter((f: any) => f.severity === 'unchecked')
      .every((f: any) => /namespaces "vc-rejected" not found; dry-run again after the namespace exists/.test(f.message)),
  );

  await ensureNamespaces(api, ['vc-rejected']);
  r = await validate([dir, '--json', '--context', 'local'], api.env);
  assert.is(r.exitCode, 1);
  const found = JSON.parse(r.stdout).findings.filter((f: any) => f.rule === 'server-dry-run');
  const depErr = found.find((f: any) => f.file === 'k8s/web/20-deployment.yaml');
  assert.is(depErr.severity, 'error');
  assert.is(depErr.path, 'Deployment "web"');
  assert.match(depErr.message, /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
  const svcErr = found.find((f: any) => f.file === 'k8s/web/30-service.yaml');
  assert.is(svcErr.path, 'Service "web"');
  assert.match(svcErr.message, /strict decoding error: unknown field "spec\.typo"/);
  assert.is(found.length, 2, JSON.stringify(found));
});

test('--context names a context of the kubeconfig; an unknown one is a usage error', async () => {
  const api = await server('validate --context against a real API server');
  if (!api) return;
  const dir = project();
  await ensureNamespaces(api, ['web']);
  const ok = await validate([dir, '--context', 'local'], api.env);
  assert.is(ok.exitCode, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, new RegExp(`API server ${api.server.replace(/\./g, '\\.')} \\(context local\\): 5 of 5 objects accepted`));
  const bad = await validate([dir, '--context', 'nosuch'], api.env);
  assert.is(bad.exitCode, 2, bad.stderr);
  assert.match(bad.stderr, /--context nosuch: no such context/);
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
  // A stand-in kubectl on PATH that only leaves a mark when it runs: it must not run.
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
});

test.run();
