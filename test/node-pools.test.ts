// Karpenter NodePools beside the default one (--node-pool, nodePools): a general and a GPU pool pass
// the oracles and the real server's CRD rules, every workload schedules, the application can be
// placed on a pool, and wrong pools are one line each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { parseItemFlag } from '../src/domains/items.ts';
import { QUESTION_BY_KEY } from '../src/answers/registry.ts';
import { validateFiles } from '../src/validate/index.ts';
import { checkProject, oneProblem } from './compute.helpers.ts';
import { renderAnswers, TODAY } from './support/project.ts';
import { resolve } from '../src/plan/resolve.ts';

const item = (raw: string) => QUESTION_BY_KEY.get('nodePools')!.item!(raw);
const pools = (...flags: string[]) => flags.map(item) as unknown as PartialAnswers['nodePools'];
const KARPENTER: PartialAnswers = { compute: 'karpenter', amiFamily: 'Bottlerocket' };

test('--node-pool reads its fields; parseItemFlag is shared with --node-group', () => {
  assert.equal(item('name=gpu,gpu=true,gpu-limit=8,capacity-types=spot,on-demand,weight=10'), {
    name: 'gpu',
    gpu: true,
    gpuLimit: 8,
    capacityTypes: ['spot', 'on-demand'],
    weight: 10,
  });
  assert.match(parseItemFlag('name=x,size=1', [['name', 'name', 'text']]) as string, /^"size=1" is not a field; give name as field=value/);
});

test('a general and a GPU NodePool: limits, taints, GPU requirement; the oracles accept them and every workload schedules', async () => {
  const r = await renderAnswers({
    ...KARPENTER,
    nodePools: pools('name=batch,capacity-types=spot,instance-categories=c,m,cpu-limit=200', 'name=gpu,gpu=true'),
  });
  const docs = parseAllDocuments(r.files.get('k8s/karpenter/20-nodepool.yaml')!).map((d) => d.toJS());
  assert.equal(
    docs.map((d) => d.metadata.name),
    ['default', 'batch', 'gpu'],
  );
  const gpu = docs[2].spec;
  assert.equal(gpu.template.spec.taints, [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
  assert.equal(gpu.limits, { cpu: '100', memory: '400Gi', 'nvidia.com/gpu': '4' });
  assert.ok(gpu.template.spec.requirements.some((x: any) => x.key === 'karpenter.k8s.aws/instance-gpu-manufacturer' && x.values[0] === 'nvidia'));
  assert.equal(docs[1].spec.template.spec.requirements.find((x: any) => x.key === 'karpenter.sh/capacity-type').values, ['spot']);
  assert.match(
    r.files.get('README.md')!,
    /\*\*NodePool `gpu`\*\* \(on-demand, tainted `nvidia\.com\/gpu=true:NoSchedule`\): instances with NVIDIA GPUs, up to 4 GPUs/,
  );
  checkProject(r, 'karpenter pools');
});

test('app.nodePool places the application on a NodePool, and it still schedules', async () => {
  const r = await renderAnswers({ ...KARPENTER, nodePools: pools('name=gpu,gpu=true'), app: { nodePool: 'gpu' } });
  const spec = parse(r.files.get('k8s/web/20-deployment.yaml')!).spec.template.spec;
  assert.equal(spec.nodeSelector, { 'karpenter.sh/nodepool': 'gpu' });
  assert.equal(spec.tolerations, [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
  const findings = validateFiles(
    [...r.files].map(([path, content]) => ({ path, content })),
    { kubernetesVersion: r.plan.answers.kubernetesVersion },
  ).findings.filter((f) => f.rule === 'xref-unschedulable');
  assert.equal(findings, []);
});

test('a pool of another AMI family or with capacity reservations gets an EC2NodeClass of its own; the others share the default', async () => {
  const r = await renderAnswers({
    compute: 'karpenter',
    nodePools: pools(
      'name=gpu,gpu=true,ami-family=Bottlerocket',
      'name=reserved,capacity-reservation-ids=cr-0123456789abcdef0,cr-0fedcba9876543210',
      'name=batch',
    ),
  });
  checkProject(r, 'per-pool node classes');
  const classes = parseAllDocuments(r.files.get('k8s/karpenter/10-ec2nodeclass.yaml')!).map((d) => d.toJS());
  assert.equal(
    classes.map((c) => [c.metadata.name, c.spec.amiSelectorTerms[0].alias, c.spec.capacityReservationSelectorTerms ?? []]),
    [
      ['default', 'al2023@latest', []],
      ['gpu', 'bottlerocket@latest', []],
      ['reserved', 'al2023@latest', [{ id: 'cr-0123456789abcdef0' }, { id: 'cr-0fedcba9876543210' }]],
    ],
  );
  // Bottlerocket keeps images on a data volume of its own.
  assert.equal(
    classes[1].spec.blockDeviceMappings.map((b: any) => b.deviceName),
    ['/dev/xvda', '/dev/xvdb'],
  );
  const nodePools = parseAllDocuments(r.files.get('k8s/karpenter/20-nodepool.yaml')!).map((d) => d.toJS());
  const byName = Object.fromEntries(nodePools.map((p) => [p.metadata.name, p.spec.template.spec]));
  assert.equal(Object.fromEntries(Object.entries(byName).map(([n, s]: [string, any]) => [n, s.nodeClassRef.name])), {
    default: 'default',
    gpu: 'gpu',
    reserved: 'reserved',
    batch: 'default',
  });
  const capacity = (n: string) => byName[n].requirements.find((q: any) => q.key === 'karpenter.sh/capacity-type').values;
  assert.equal(capacity('reserved'), ['reserved', 'on-demand'], 'reservations first, then On-Demand');
  assert.equal(capacity('batch'), ['on-demand']);
  assert.match(r.files.get('README.md')!, /EC2NodeClass `reserved` has the capacity reservations `cr-0123456789abcdef0`, `cr-0fedcba9876543210`, used first/);
  oneProblem(
    { compute: 'karpenter', nodePools: pools('name=r,capacity-reservation-ids=cr-1') },
    /^nodePools: nodePools\[0\]\.capacityReservationIds: "cr-1" is not a capacity reservation ID/,
  );
});

test('a NodePool with a node role of its own: its EC2NodeClass names it, the role gets an EC2_LINUX access entry, and only the controller may pass it', async () => {
  const r = await renderAnswers({ compute: 'karpenter', accountId: '111122223333', nodePools: pools('name=ml,node-role=ml-nodes') });
  checkProject(r, 'pool role');
  const classes = parseAllDocuments(r.files.get('k8s/karpenter/10-ec2nodeclass.yaml')!).map((d) => d.toJS());
  assert.equal(
    classes.map((c) => [c.metadata.name, c.spec.role]),
    [
      ['default', r.plan.karpenter!.nodeRole.name],
      ['ml', 'ml-nodes'],
    ],
  );
  const entry = parse(r.files.get('eksctl/cluster.yaml')!).accessConfig.accessEntries.find(
    (e: any) => e.principalARN === 'arn:aws:iam::111122223333:role/ml-nodes',
  );
  assert.is(entry?.type, 'EC2_LINUX', 'the nodes can join');
  const policy = JSON.parse(r.files.get(`iam/${r.plan.karpenter!.controllerRole.name}-policy.json`)!);
  const pass = policy.Statement.find((x: any) => x.Action === 'iam:PassRole');
  assert.equal(pass.Resource, [`arn:aws:iam::111122223333:role/${r.plan.karpenter!.nodeRole.name}`, 'arn:aws:iam::111122223333:role/ml-nodes']);
  assert.match(r.files.get('README.md')!, /your role `ml-nodes`, which must trust EC2/);
  oneProblem(
    { compute: 'karpenter', nodePools: pools('name=ml,node-role=arn:aws:iam::111122223333:role/ml-nodes') },
    /^nodePools: nodePools\[0\]\.nodeRole: .* is not an IAM role name; give the name alone \(not the ARN\)/,
  );
});

test("a Spot NodePool gets EC2's Spot service-linked role created first, even when the default pool is On-Demand", async () => {
  const spotRole = (answers: PartialAnswers) =>
    resolve(answers, TODAY).steps.some((st) => st.commands.some((c) => c.includes('--aws-service-name spot.amazonaws.com')));
  assert.not.ok(spotRole({ compute: 'karpenter' }), 'On-Demand only: no Spot role');
  assert.ok(spotRole({ compute: 'karpenter', nodePools: [{ name: 'batch', capacityTypes: ['spot'] }] }), 'an extra Spot pool');
  assert.ok(spotRole({ compute: 'karpenter', karpenter: { capacityTypes: ['spot', 'on-demand'] } }), 'the default pool allows Spot');
});

test("a NodePool's own node role is checked before the cluster's access entry names it, failing with the fix", () => {
  const plan = resolve(
    { compute: 'karpenter', nodePools: [{ name: 'reserved', capacityReservationIds: ['cr-0123456789abcdef0'], nodeRole: 'reserved-nodes' }] },
    TODAY,
  );
  const lines = plan.steps.flatMap((st) => st.commands.map((c) => ({ title: st.title, c })));
  const check = lines.findIndex((l) => l.c.startsWith('aws iam get-role --region us-east-1 --role-name reserved-nodes >/dev/null || {'));
  const create = lines.findIndex((l) => l.c.includes('eksctl create cluster'));
  assert.ok(check >= 0 && check < create, `${check} < ${create}`);
  assert.match(lines[check].c, /create it as iam\/reserved-nodes-trust\.json shows.*>&2; false; \}$/);
  assert.not.ok(
    resolve({ compute: 'karpenter' }, TODAY).steps.some((st) => st.commands.some((c) => c.startsWith('aws iam get-role --region us-east-1 --role-name '))),
    'no role of yours, nothing to check',
  );
});

test('wrong NodePools are refused, one line each', () => {
  oneProblem(
    { nodePools: pools('name=gpu,gpu=true') },
    /^nodePools: NodePools are Karpenter's, and managed nodes have none; use --compute karpenter or drop --node-pool$/,
  );
  oneProblem(
    { compute: 'karpenter', nodePools: pools('name=gpu,gpu=true') },
    /^nodePools: nodePools\[0\]\.gpu: Karpenter's GPU nodes need the NVIDIA device plugin, which Bottlerocket's NVIDIA AMI brings.*ami-family=Bottlerocket$/,
  );
  oneProblem({ ...KARPENTER, nodePools: pools('name=default') }, /^nodePools: nodePools\[0\]\.name: default is the NodePool the karpenter answers describe/);
  oneProblem({ ...KARPENTER, nodePools: pools('name=a', 'name=a') }, /^nodePools: nodePools\[1\]\.name: a is given twice/);
  oneProblem(
    { ...KARPENTER, nodePools: pools('name=a,capacity-types=cheap') },
    /^nodePools: nodePools\[0\]\.capacityTypes: "cheap" is not one of on-demand, spot/,
  );
  oneProblem(
    { ...KARPENTER, nodePools: pools('name=a,gpu=true,gpu-limit=0') },
    /^nodePools: nodePools\[0\]\.gpuLimit: a GPU NodePool needs a limit of at least 1 GPU$/,
  );
});

test.run();
