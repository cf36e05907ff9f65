// The validator against the real upstream definitions in ../shared/upstream (test oracles only).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { optionsFromAnswers, validateFiles, type FileInput, type Finding } from '../src/validate/index.ts';
import { makeCorpus } from '../src/validate/bench.ts';
import { CASES, PROJECT, apply } from './fixtures/validate/rules.ts';
import { SHARED_UPSTREAM, sharedAvailable, skipNote, unknownHelmKeys, validateClusterConfig, validateK8sObject } from './support/oracles.ts';

const show = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.file}${f.doc !== undefined ? `#${f.doc}` : ''} ${f.path}: ${f.message}`).join('\n');
const files = (dir: string, re: RegExp, out: FileInput[] = []): FileInput[] => {
  for (const n of readdirSync(dir)) {
    const f = join(dir, n);
    if (statSync(f).isDirectory()) files(f, re, out);
    else if (re.test(n)) out.push({ path: relative(SHARED_UPSTREAM, f), content: readFileSync(f, 'utf8') });
  }
  return out;
};
const objects = (fs: Record<string, string> | FileInput[]) =>
  (Array.isArray(fs) ? fs : Object.entries(fs).map(([path, content]) => ({ path, content })))
    .filter((f) => f.path.startsWith('k8s/'))
    .flatMap((f) =>
      parseAllDocuments(f.content, { version: '1.1' })
        .map((d) => d.toJS())
        .filter(Boolean),
    );

if (!sharedAvailable()) {
  skipNote('validator upstream oracle tests');
} else {
  test('upstream IAM policies: no false errors; the warnings we raise on purpose are these', () => {
    const r = validateFiles(files(join(SHARED_UPSTREAM, 'iam'), /\.(json|ya?ml)$/));
    assert.is(show(r.findings.filter((f) => f.severity === 'error')), '');
    // Deliberate: "Resource": "*" without a Condition on actions that support resource-level permissions.
    // The Load Balancer Controller grants listener/rule/WAF/security-group changes on "*", and the
    // cluster-autoscaler's recommended policy grants SetDesiredCapacity on "*"; we ask users to scope them.
    const warned = [...new Set(r.findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.file} ${f.path}`))].sort();
    assert.equal(
      warned,
      [
        ...['iam_policy.json', 'iam_policy_cn.json', 'iam_policy_us-gov.json'].flatMap((p) =>
          ['Statement[15]', 'Statement[2]', 'Statement[3]', 'Statement[9]'].map(
            (s) => `iam-wildcard-resource iam/aws-load-balancer-controller/${p} ${s}.Resource`,
          ),
        ),
        'iam-wildcard-resource iam/cluster-autoscaler/cluster-autoscaler-policy.recommended.extracted.json Statement[1].Resource',
      ].sort(),
    );
    // The CloudFormation template is not a policy document: reported as unchecked, not passed.
    assert.equal(
      r.findings.filter((f) => f.severity === 'unchecked').map((f) => f.file),
      ['iam/karpenter/cloudformation.yaml'],
    );
  });

  test('upstream manifests (the CRDs) validate with no finding', () => {
    const r = validateFiles(files(join(SHARED_UPSTREAM, 'crds'), /\.ya?ml$/));
    assert.ok(r.resources >= 18);
    assert.is(show(r.findings), '');
  });

  for (const version of ['1.34', '1.35']) {
    test(`differential: objects we accept are accepted by the Kubernetes ${version} OpenAPI / CRD oracle`, () => {
      const inputs = [...Object.entries(PROJECT).map(([path, content]) => ({ path, content })), ...makeCorpus(200)];
      assert.is(
        show(
          validateFiles(
            inputs.filter((f) => f.path.startsWith('k8s/')),
            { kubernetesVersion: version },
          ).findings.filter((f) => f.severity === 'error'),
        ),
        '',
      );
      let checked = 0;
      for (const o of objects(inputs)) {
        const errs = validateK8sObject(o, version);
        if (errs.length === 1 && errs[0].startsWith('unknown kind')) continue; // e.g. snapshot.storage.k8s.io: not among the oracle's CRDs
        assert.equal(errs, [], `${o.kind}/${o.metadata?.name}`);
        checked++;
      }
      assert.ok(checked > 200);
    });
  }

  test('differential: what the schema oracle rejects, we reject too (schema and unknown-field fixtures)', () => {
    for (const c of CASES.filter((c) => (c.rule === 'k8s-schema' || c.rule === 'k8s-unknown-field') && c.file.startsWith('k8s/'))) {
      const fixture = apply({ ...PROJECT, ...c.base }, c.fail);
      const o = objects({ [c.file]: fixture[c.file] })[c.doc ?? 0];
      if (c.name === 'YAML 1.1 boolean in a string field') continue; // the oracle parses YAML 1.2, where `on` is a string
      if (c.name === 'source ranges without a load balancer') continue; // the API server's own check (ValidateService), not in the OpenAPI schema; the differential run confirms it
      const errs = validateK8sObject(o, '1.34');
      assert.ok(errs.length > 0, `${c.rule} ${c.name ?? ''}: the oracle accepted what we reject`);
    }
  });

  test('the clean cluster config passes the eksctl schema, and an unknown field fails both', () => {
    const cfg = parseAllDocuments(PROJECT['eksctl/cluster.yaml'])[0].toJS();
    assert.equal(validateClusterConfig(cfg), []);
    const bad = apply(PROJECT, [['eksctl/cluster.yaml', 'privateNetworking: true', 'privateNetworkin: true']]);
    assert.ok(validateClusterConfig(parseAllDocuments(bad['eksctl/cluster.yaml'])[0].toJS()).length > 0);
    const ours = validateFiles(
      [{ path: 'eksctl/cluster.yaml', content: bad['eksctl/cluster.yaml'] }],
      optionsFromAnswers(JSON.parse(PROJECT['.eks-app.json'])),
    );
    assert.ok(ours.findings.some((f) => f.rule === 'eksctl-unknown-field'));
  });

  test("helm values we accept use only keys in the chart's own values.yaml", () => {
    const values = parseAllDocuments(PROJECT['helm/aws-load-balancer-controller.values.yaml'])[0].toJS();
    assert.equal(unknownHelmKeys('aws-load-balancer-controller', values), []);
  });
}

test.run();
