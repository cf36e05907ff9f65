// Proves the test oracles themselves accept valid input and reject broken input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  actionsGranted,
  helmValuesKeys,
  sharedAvailable,
  skipNote,
  unknownHelmKeys,
  upstreamIamActions,
  validateClusterConfig,
  validateK8sObject,
  validateK8sYaml,
} from './support/oracles.ts';

const deployment = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, name: 'http' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: 256 } },
          },
        ],
      },
    },
    ...spec,
  },
});

const nodePool = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'default' },
  spec: {
    template: {
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }],
      },
    },
    limits: { cpu: 1000 },
    ...spec,
  },
});

const clusterConfig = (metadata: Record<string, unknown> = { name: 'demo', region: 'us-east-1', version: '1.34' }) => ({
  apiVersion: 'eksctl.io/v1alpha5',
  kind: 'ClusterConfig',
  metadata,
});

const has = (errors: string[], needle: string) =>
  assert.ok(
    errors.some((e) => e.includes(needle)),
    `expected an error containing ${JSON.stringify(needle)}, got ${JSON.stringify(errors)}`,
  );

if (!sharedAvailable()) {
  test('oracles', () => skipNote('oracle self-tests'));
} else {
  for (const v of ['1.34', '1.35']) {
    test(`k8s ${v}: valid Deployment passes`, () => {
      assert.equal(validateK8sObject(deployment(), v), []);
    });
  }

  test('k8s: unknown field is rejected and named', () => {
    has(validateK8sObject(deployment({ replicass: 3 }), '1.35'), 'replicass');
    // nested, inside a $ref'd PodSpec container
    const d = deployment();
    (d.spec.template.spec.containers[0] as Record<string, unknown>).imagePullPolicyy = 'Always';
    has(validateK8sObject(d, '1.34'), 'imagePullPolicyy');
  });

  test('k8s: wrong type is rejected', () => {
    has(validateK8sObject(deployment({ replicas: 'three' }), '1.35'), '/spec/replicas');
  });

  test('k8s: bad quantity is rejected', () => {
    const d = deployment();
    d.spec.template.spec.containers[0]!.resources.requests.memory = '128 MB';
    has(validateK8sObject(d, '1.35'), 'resources/requests/memory');
  });

  test('k8s: Service targetPort accepts a named port (int-or-string)', () => {
    const svc = (targetPort: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort, protocol: 'TCP' }] },
    });
    assert.equal(validateK8sObject(svc('http'), '1.34'), []);
    assert.equal(validateK8sObject(svc(8080), '1.35'), []);
    has(validateK8sObject(svc({ name: 'http' }), '1.35'), 'targetPort');
  });

  test('k8s: unknown kind is an error, not a pass', () => {
    has(validateK8sObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }, '1.35'), 'unknown kind example.com/v1/Widget');
    has(validateK8sObject({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }, '1.35'), 'unknown kind apps/v1/Deploymnet');
  });

  test('crd: minimal Karpenter NodePool passes, unknown spec field fails', () => {
    assert.equal(validateK8sObject(nodePool(), '1.35'), []);
    has(validateK8sObject(nodePool({ disruptionn: {} }), '1.35'), 'disruptionn');
  });

  test('crd: metadata is checked as ObjectMeta', () => {
    const p = nodePool();
    (p.metadata as Record<string, unknown>).labelz = { a: 'b' };
    has(validateK8sObject(p, '1.35'), 'labelz');
  });

  test('k8s yaml: errors carry kind/name', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {a: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\ndatta: {a: b}\n---\n`;
    const errors = validateK8sYaml(text, '1.35');
    assert.is(errors.length, 1, JSON.stringify(errors));
    has(errors, 'ConfigMap/bad: ');
    has(errors, 'datta');
  });

  test('eksctl: minimal ClusterConfig passes, misspelt metadata key fails', () => {
    assert.equal(validateClusterConfig(clusterConfig()), []);
    assert.equal(validateClusterConfig(clusterConfig(), { schema: 'main' }), []);
    has(validateClusterConfig(clusterConfig({ nmae: 'demo', region: 'us-east-1' })), 'nmae');
  });

  test('eksctl: release schema lacks vpc.controlPlaneOnPrivateSubnets, main has it', () => {
    const cfg = { ...clusterConfig(), vpc: { controlPlaneOnPrivateSubnets: true } };
    has(validateClusterConfig(cfg), 'controlPlaneOnPrivateSubnets');
    assert.equal(validateClusterConfig(cfg, { schema: 'main' }), []);
  });

  test('eksctl quirk: the published schema rejects identityProviders type oidc (upstream bug, see shared/README); the corrected one accepts it and nothing more', () => {
    const idp = { type: 'oidc', name: 'idp', issuerURL: 'https://idp.example', clientID: 'x' };
    const cfg = { ...clusterConfig(), identityProviders: [idp] };
    assert.ok(validateClusterConfig(cfg, { raw: true }).length > 0);
    assert.equal(validateClusterConfig(cfg), []);
    has(validateClusterConfig({ ...clusterConfig(), identityProviders: [{ ...idp, colour: 'red' }] }), 'colour');
    assert.ok(validateClusterConfig({ ...clusterConfig(), identityProviders: [{ ...idp, type: 'saml' }] }).length > 0);
  });

  test('helm: aws-load-balancer-controller keys', () => {
    const keys = helmValuesKeys('aws-load-balancer-controller');
    assert.ok(keys?.has('serviceAccount.name'));
    assert.equal(
      unknownHelmKeys('aws-load-balancer-controller', {
        clusterName: 'demo',
        serviceAccount: { create: false, name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': 'arn' } },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
      }),
      [],
    );
    assert.equal(unknownHelmKeys('aws-load-balancer-controller', { clusterNmae: 'demo', serviceAccount: { crate: true } }), [
      'clusterNmae',
      'serviceAccount.crate',
    ]);
    assert.is(helmValuesKeys('no-such-chart'), null);
  });

  test('helm: arrays of objects are checked per item; toYaml Kubernetes structs are open', () => {
    const ok = { 'secrets-store-csi-driver': { tokenRequests: [{ audience: 'sts.amazonaws.com' }] } };
    assert.equal(unknownHelmKeys('secrets-store-csi-driver-provider-aws', ok), []);
    assert.equal(unknownHelmKeys('secrets-store-csi-driver-provider-aws', { 'secrets-store-csi-driver': { tokenRequests: [{ audiance: 'x' }] } }), [
      'secrets-store-csi-driver.tokenRequests[0].audiance',
    ]);
    // upstream default tolerations list only `operator`; `effect` is still a valid Toleration field
    assert.equal(unknownHelmKeys('aws-vpc-cni', { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] }), []);
    assert.equal(unknownHelmKeys('karpenter', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } }), []);
  });

  test('helm: values.schema.json keys are accepted', () => {
    // external-dns documents some keys only in its schema; pick one the schema has but values.yaml lacks, if any.
    const keys = helmValuesKeys('external-dns')!;
    assert.ok(keys.has('provider.name') || keys.has('provider'));
    assert.equal(unknownHelmKeys('external-dns', { provider: { name: 'aws' }, domainFilters: ['example.com'] }), []);
    assert.equal(unknownHelmKeys('external-dns', { providerr: 'aws' }), ['providerr']);
  });

  test('iam: upstream actions are collected', () => {
    const alb = upstreamIamActions('aws-load-balancer-controller/iam_policy.json');
    assert.ok(alb.has('elasticloadbalancing:CreateLoadBalancer'));
    const karpenter = upstreamIamActions('karpenter/karpenter-controller-policies.extracted.json');
    assert.ok(karpenter.has('ec2:CreateFleet') && karpenter.has('iam:PassRole') && karpenter.has('sqs:ReceiveMessage'));
    const granted = actionsGranted({
      Statement: [
        { Effect: 'Allow', Action: 'a:B' },
        { Effect: 'Deny', Action: ['c:D'] },
      ],
    });
    assert.equal([...granted], ['a:B']);
  });
}

test.run();
