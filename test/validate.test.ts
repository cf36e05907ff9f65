import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EKSCTL_RULES } from '../src/validate/eksctl-rules.ts';
import { RULES, formatHuman, formatJson, optionsFromAnswers, summarize, validateFiles, validatePath } from '../src/validate/index.ts';
import type { FileInput, Finding } from '../src/validate/index.ts';
import { CASES, PROJECT, PROJECT_DIR, apply, type Files } from './fixtures/validate/rules.ts';

const OPTS = optionsFromAnswers(JSON.parse(PROJECT['.eks-app.json']));
const toInputs = (f: Files): FileInput[] => Object.entries(f).map(([path, content]) => ({ path, content }));
const show = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.file}${f.doc !== undefined ? `#${f.doc}` : ''} ${f.path}: ${f.message}`).join('\n');

test('the clean project has no findings at all, even with --strict', () => {
  const r = validateFiles(toInputs(PROJECT), { ...OPTS, strict: true });
  assert.is(show(r.findings), '');
  assert.is(r.resources, 26);
});

for (const c of CASES) {
  const label = `${c.rule}${c.name ? ` (${c.name})` : ''}`;
  test(`${label}: failing fixture reports it at ${c.file} ${c.path || '(document)'}`, () => {
    const r = validateFiles(toInputs(apply({ ...PROJECT, ...c.base }, c.fail)), OPTS);
    const hit = r.findings.find((f) => f.rule === c.rule && f.file === c.file && f.path === c.path && (c.doc === undefined || f.doc === c.doc));
    assert.ok(hit, `expected ${c.rule} at ${c.file}#${c.doc} ${c.path}; got:\n${show(r.findings)}`);
    assert.is(hit!.severity, c.severity ?? 'error');
    assert.ok(hit!.message.length > 10);
  });
  test(`${label}: passing fixture does not report it`, () => {
    const r = validateFiles(toInputs(apply({ ...PROJECT, ...c.base }, c.pass ?? [])), OPTS);
    const hits = r.findings.filter((f) => f.rule === c.rule);
    assert.is(show(hits), '');
  });
}

test("every rule id has a failing fixture (eksctl's own rules: in test/eksctl-rules.test.ts)", () => {
  const covered = new Set([...CASES.map((c) => c.rule), ...EKSCTL_RULES.map((r) => r.id)]);
  assert.equal(
    RULES.filter((r) => !covered.has(r)),
    [],
  );
});

test('--strict turns lint warnings into errors', () => {
  const files = toInputs(apply(PROJECT, [['k8s/app.yaml', 'api:1.4.2', 'api:latest']]));
  assert.is(validateFiles(files, OPTS).findings.find((f) => f.rule === 'lint-latest-tag')?.severity, 'warning');
  assert.is(validateFiles(files, { ...OPTS, strict: true }).findings.find((f) => f.rule === 'lint-latest-tag')?.severity, 'error');
});

test('removed APIs depend on the chosen Kubernetes version', () => {
  const files: FileInput[] = [
    {
      path: 'k8s/x.yaml',
      content: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: x}\nspec: {priorityLevelConfiguration: {name: y}}\n',
    },
  ];
  assert.ok(validateFiles(files, { kubernetesVersion: '1.32' }).findings.some((f) => f.rule === 'k8s-removed-api'));
  assert.not.ok(validateFiles(files, { kubernetesVersion: '1.31' }).findings.some((f) => f.rule === 'k8s-removed-api'));
});

test('unknown kinds are reported as unchecked, never as passed', () => {
  const r = validateFiles([
    { path: 'k8s/cr.yaml', content: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {anything: 1}\n' },
  ]);
  assert.equal(
    r.findings.map((f) => [f.rule, f.severity]),
    [['unchecked-kind', 'unchecked']],
  );
  assert.is(summarize(r).unchecked, 1);
});

test('validatePath reads a folder and .eks-app.json', async () => {
  const r = await validatePath(PROJECT_DIR);
  assert.is(r.files, 11);
  assert.is(r.resources, 26);
  assert.is(r.findings.length, 0);
  // the saved answers pin 1.34, so a cluster config on another version is reported
  const one = await validatePath(`${PROJECT_DIR}/eksctl/cluster.yaml`, { kubernetesVersion: '1.33' });
  assert.is(one.files, 1);
  assert.equal(
    one.findings.map((f) => [f.rule, f.file]),
    [['eksctl-version', 'eksctl/cluster.yaml']],
    'options given win over .eks-app.json; the path is project-relative',
  );
  const app = await validatePath(`${PROJECT_DIR}/k8s/app.yaml`);
  assert.equal(app.findings, [], 'a single file of a project sees the Namespace the project creates elsewhere');
});

test('formatHuman groups by file with a summary line; formatJson is stable', () => {
  const r = validateFiles(toInputs(apply(PROJECT, [['k8s/app.yaml', 'replicas: 2', 'replicas: "2"']])), OPTS);
  const human = formatHuman(r, { color: false });
  assert.match(human, /^k8s\/app\.yaml\n {2}error doc 6 spec\.replicas: .*\[k8s-schema\]/m);
  assert.match(human, /✖ 1 error, 0 warnings, 0 unchecked in 26 resources\n$/);
  assert.not.match(human, /\x1b\[/);
  assert.match(formatHuman(r, { color: true }), /\x1b\[31m/);
  const json = JSON.parse(formatJson(r));
  assert.equal(Object.keys(json), ['version', 'summary', 'findings']);
  assert.equal(json.summary, { errors: 1, warnings: 0, unchecked: 0, resources: 26 });
  assert.equal(json.findings[0], {
    rule: 'k8s-schema',
    severity: 'error',
    file: 'k8s/app.yaml',
    doc: 6,
    path: 'spec.replicas',
    message: json.findings[0].message,
  });
  assert.is(formatJson(r), formatJson(validateFiles(toInputs(apply(PROJECT, [['k8s/app.yaml', 'replicas: 2', 'replicas: "2"']])), OPTS)));
});

test('List objects, JSON manifests and YAML 1.1 scalars are read like kubectl reads them', () => {
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: 'y' } }] });
  const r = validateFiles([
    { path: 'k8s/list.json', content: list },
    { path: 'k8s/t.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, annotations: {created: 2024-01-01}}\ndata: {mode: "0755"}\n' },
  ]);
  assert.is(show(r.findings), '');
  assert.is(r.resources, 2);
});

test('the generated Kubernetes schema bundle matches the installed @kubernetes/client-node', async () => {
  const { SCHEMA_SOURCE } = await import('../src/validate/index.ts');
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@kubernetes/client-node/package.json'), 'utf8'));
  assert.ok(SCHEMA_SOURCE.includes(`@kubernetes/client-node ${pkg.version} `), `${SCHEMA_SOURCE}: rerun node --import tsx scripts/gen-schemas.ts`);
});

test('toleration keys are label names and Equal values label values, as the API server checks them', () => {
  const pod = (tol: string) => ({
    path: 'k8s/p.yaml',
    content: `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers: [{name: c, image: 'nginx:1.27'}]\n  tolerations: [${tol}]\n`,
  });
  const label = (tol: string) =>
    validateFiles([pod(tol)], OPTS)
      .findings.filter((f) => f.rule === 'k8s-label')
      .map((f) => f.path);
  assert.equal(label('{key: -lead, operator: Exists, effect: NoSchedule}'), ['spec.tolerations[0].key']);
  assert.equal(label('{key: nvidia.com/gpu, operator: Equal, value: "a b", effect: NoSchedule}'), ['spec.tolerations[0].value']);
  assert.equal(label('{key: nvidia.com/gpu, operator: Equal, value: "true", effect: NoSchedule}'), []);
});

test('capacity reservation terms and CSI driver names are refused where the API server refuses them (found by the differential run)', () => {
  const nodeClass = (terms: string) => ({
    path: 'k8s/karpenter/10-ec2nodeclass.yaml',
    content: `apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata: {name: r}\nspec:\n  role: nodes\n  amiSelectorTerms: [{alias: al2023@latest}]\n  subnetSelectorTerms: [{tags: {a: b}}]\n  securityGroupSelectorTerms: [{tags: {a: b}}]\n  capacityReservationSelectorTerms: ${terms}\n`,
  });
  const errors = (f: FileInput) =>
    validateFiles([f], OPTS)
      .findings.filter((x) => x.severity === 'error')
      .map((x) => `${x.path}: ${x.message}`);
  assert.equal(errors(nodeClass('[{id: cr-0123456789abcdef0}]')), []);
  // The CRD's rule holds for no term of an empty list, so the server refuses it.
  assert.match(errors(nodeClass('[]')).join('\n'), /spec\.capacityReservationSelectorTerms: .*'id' is mutually exclusive/);
  assert.match(errors(nodeClass('[{id: cr-0123456789abcdef0, tags: {a: b}}]')).join('\n'), /'id' is mutually exclusive/);
  assert.match(errors(nodeClass('[{ownerID: "123456789012"}]')).join('\n'), /capacityReservationSelectorTerms\[0\]: Invalid value: expected at least one/);
  const pod = (driver: string) => ({
    path: 'k8s/p.yaml',
    content: `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n  containers: [{name: c, image: 'nginx:1.27'}]\n  volumes: [{name: v, csi: {driver: ${JSON.stringify(driver)}}}]\n`,
  });
  assert.equal(errors(pod('secrets-store.csi.k8s.io')), []);
  assert.match(errors(pod('x'.repeat(64))).join('\n'), /spec\.volumes\[0\]\.csi\.driver: Too long: may not be more than 63 bytes/);
  assert.match(errors(pod('bad_driver')).join('\n'), /spec\.volumes\[0\]\.csi\.driver: Invalid value/);
});

test.run();
