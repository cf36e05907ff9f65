// `validate <one file>`: inside a project it is checked with the project around it; a lone file
// reports what it refers to as unchecked rather than wrong.
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validatePath } from '../src/validate/index.ts';
import { tempDir } from './support/project.ts';

const GOLDEN = fileURLToPath(new URL('./golden/default', import.meta.url));

test('one file of a project: references to the other files resolve, findings are about that file only', async () => {
  const dir = path.join(tempDir(), 'p');
  cpSync(GOLDEN, dir, { recursive: true });
  const r = await validatePath(path.join(dir, 'k8s/web/20-deployment.yaml'));
  assert.equal(r.findings, []);
  assert.is(r.files, 1);
});

test('one eksctl config, Helm values file or workflow: its own checks run, the other files are context', async () => {
  const dir = path.join(tempDir(), 'p');
  cpSync(GOLDEN, dir, { recursive: true });
  const cluster = path.join(dir, 'eksctl/cluster.yaml');
  writeFileSync(cluster, readFileSync(cluster, 'utf8').replace(/^metadata:\n/m, 'metadata:\n  nmae: typo\n'));
  const c = await validatePath(cluster);
  assert.equal(
    c.findings.map((f) => [f.rule, f.path]),
    [['eksctl-unknown-field', 'metadata.nmae']],
  );
  mkdirSync(path.join(dir, 'helm'));
  writeFileSync(path.join(dir, 'helm/metrics-server.values.yaml'), 'replicas: 2\nreplica: 3\n');
  const h = await validatePath(path.join(dir, 'helm/metrics-server.values.yaml'));
  assert.equal(
    h.findings.map((f) => [f.rule, f.path, f.file]),
    [['helm-unknown-key', 'replica', 'helm/metrics-server.values.yaml']],
  );
});

test('a lone file: missing references are unchecked, not errors', async () => {
  const dir = tempDir();
  copyFileSync(path.join(GOLDEN, 'k8s/web/20-deployment.yaml'), path.join(dir, 'deploy.yaml'));
  const r = await validatePath(path.join(dir, 'deploy.yaml'));
  assert.equal(
    r.findings.filter((f) => f.severity === 'error'),
    [],
  );
  const unchecked = r.findings
    .filter((f) => f.severity === 'unchecked')
    .map((f) => f.rule)
    .sort();
  assert.equal(unchecked, ['xref-missing-namespace', 'xref-missing-serviceaccount']);
});

test.run();
