// Node groups beside the system group (--node-group, nodeGroups in an answers file): what eksctl gets,
// where the application goes (app.nodePool), the rule that every workload fits some pool, and one
// clear error for each wrong group.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { parseGroupFlag } from '../src/domains/node-group.ts';
import { validateFiles } from '../src/validate/index.ts';
import { ACCOUNT, checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { runMain } from './support/io.ts';
import { renderAnswers, tempDir } from './support/project.ts';

const GPU = 'name=gpu,instance-types=g5.xlarge,taints=nvidia.com/gpu=true:NoSchedule,min=0,max=4';
const SPOT = 'name=spot,capacity-type=spot,instance-types=m7i.large,m6i.large,m6a.large,labels=team=batch,tier=low,max=10';
// Groups as a flag gives them: the fields left out are filled in when the answers are resolved.
const groups = (...flags: string[]) => flags.map((f) => parseGroupFlag(f)) as unknown as PartialAnswers['nodeGroups'];

test('--node-group: a field list whose lists keep their commas; a wrong field is one line', () => {
  assert.equal(parseGroupFlag(SPOT), {
    name: 'spot',
    capacityType: 'spot',
    instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'],
    labels: { team: 'batch', tier: 'low' },
    maxSize: 10,
  });
  assert.equal(parseGroupFlag(GPU), { name: 'gpu', instanceTypes: ['g5.xlarge'], taints: ['nvidia.com/gpu=true:NoSchedule'], minSize: 0, maxSize: 4 });
  assert.match(parseGroupFlag('name=x,sizes=3') as string, /^"sizes=3" is not a field; give name, instance-types, /);
  assert.match(parseGroupFlag('name=x,min=two') as string, /^min: expected a whole number, got "two"$/);
});

test('a system, a Spot and a GPU group: eksctl gets all three, the output passes the oracles, every workload schedules', async () => {
  const r = await renderAnswers({ nodeGroups: groups(GPU, SPOT), addons: ['metrics-server', 'cert-manager'] });
  const cfg = clusterOf(r);
  assert.equal(
    cfg.managedNodeGroups.map((g: any) => [g.name, g.labels.role, g.taints?.map((t: any) => `${t.key}=${t.value}:${t.effect}`) ?? [], g.spot ?? false]),
    [
      ['system', 'system', [], false],
      ['gpu', 'gpu', ['nvidia.com/gpu=true:NoSchedule'], false],
      ['spot', 'spot', [], true],
    ],
  );
  assert.equal(cfg.managedNodeGroups[2].labels, { role: 'spot', team: 'batch', tier: 'low' });
  assert.equal([cfg.managedNodeGroups[1].minSize, cfg.managedNodeGroups[1].maxSize], [0, 4]);
  checkProject(r, 'three groups');
  const saved = r.plan.answers.nodeGroups[0];
  assert.equal([saved.capacityType, saved.amiFamily, saved.privateNetworking, saved.volumeSize], ['on-demand', 'AmazonLinux2023', true, 50], 'saved whole');
});

test('self-managed groups too; compute types without eksctl node groups refuse them', async () => {
  const r = await renderAnswers({ compute: 'self-managed', nodeGroups: groups(SPOT) });
  const ng = clusterOf(r).nodeGroups.find((g: any) => g.name === 'spot');
  assert.equal(ng.instancesDistribution.instanceTypes, ['m7i.large', 'm6i.large', 'm6a.large']);
  checkProject(r, 'self-managed groups');
  oneProblem(
    { compute: 'karpenter', nodeGroups: groups(GPU) },
    /^nodeGroups: node groups beside the system group need --compute managed or self-managed; Karpenter nodes take no eksctl node groups$/,
  );
  oneProblem({ compute: 'fargate', identity: 'irsa', accountId: ACCOUNT, nodeGroups: groups(GPU) }, /^nodeGroups: .*Fargate pods take no eksctl node groups$/);
});

test('app.nodePool puts the application on a group: it selects it and tolerates its taints, and still schedules', async () => {
  const r = await renderAnswers({ nodeGroups: groups(GPU), app: { nodePool: 'gpu' } });
  const dep = parse(r.files.get('k8s/web/20-deployment.yaml')!);
  assert.equal(dep.spec.template.spec.nodeSelector, { role: 'gpu' });
  assert.equal(dep.spec.template.spec.tolerations, [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
  checkProject(r, 'app on gpu');
  oneProblem({ nodeGroups: groups(GPU), app: { nodePool: 'gpus' } }, /^app\.nodePool: "gpus" is not one of this project's node groups or NodePools \(gpu\); /);
});

test('validate: a workload that fits no pool is an error naming the workload and the pool it almost fits', async () => {
  const r = await renderAnswers({ nodeGroups: groups(GPU) });
  const files = [...r.files].map(([p, content]) => ({ path: p, content }));
  const dep = files.find((f) => f.path === 'k8s/web/20-deployment.yaml')!;
  // Sent to the GPU group without tolerating its taint.
  dep.content = dep.content.replace(
    '      automountServiceAccountToken: false\n',
    '      automountServiceAccountToken: false\n      nodeSelector: {role: gpu}\n',
  );
  const found = validateFiles(files, { kubernetesVersion: r.plan.answers.kubernetesVersion }).findings.filter((f) => f.rule === 'xref-unschedulable');
  assert.equal(
    found.map((f) => [f.file, f.severity, f.message]),
    [
      [
        'k8s/web/20-deployment.yaml',
        'error',
        'Deployment web fits no node pool of this cluster; it comes closest to managed node group gpu, but taint nvidia.com/gpu=true:NoSchedule is not tolerated',
      ],
    ],
  );
});

test('an answers file with nodeGroups; a wrong group is refused by its path, and nothing is written', async () => {
  const cwd = tempDir();
  const file = path.join(cwd, 'answers.yaml');
  writeFileSync(file, 'nodeGroups:\n  - name: gpu\n    instanceTypes: [g5.xlarge]\n    taints: ["nvidia.com/gpu=true:NoSchedule"]\n    maxSize: 2\n');
  const ok = await runMain(['shop', '--answers', file, '--yes'], cwd);
  assert.is(ok.exitCode, 0, ok.stderr);
  const cfg = parseAllDocuments(readFileSync(path.join(cwd, 'shop/eksctl/cluster.yaml'), 'utf8'))[0].toJS();
  assert.equal(
    cfg.managedNodeGroups.map((g: any) => g.name),
    ['system', 'gpu'],
  );
  const cases: [string, RegExp][] = [
    ['nodeGroups:\n  - name: system\n', /^error nodeGroups: nodeGroups\[0\]\.name: system is the name of a group this project writes; choose another$/],
    ['nodeGroups:\n  - {name: a}\n  - {name: a}\n', /^error nodeGroups: nodeGroups\[1\]\.name: a is given twice; node group names are unique$/],
    [
      'nodeGroups:\n  - {name: a, minSize: 3, maxSize: 2}\n',
      /^error nodeGroups: nodeGroups\[0\]\.desiredCapacity: must lie between minSize and maxSize \(got min 3, desired 3, max 2\)$/,
    ],
    ['nodeGroups:\n  - {name: a, size: 3}\n', /^error nodeGroups: nodeGroups\[0\]\.size: not a node group field; the fields are name, /],
    [
      'nodeGroups:\n  - {name: a, instanceTypes: [m7i.large, m7g.large]}\n',
      /^error nodeGroups: nodeGroups\[0\]\.instanceTypes: m7i\.large is x86_64 but m7g\.large is Arm/,
    ],
  ];
  for (const [text, want] of cases) {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.yaml'), text);
    const res = await runMain(['bad', '--answers', path.join(dir, 'a.yaml'), '--yes'], dir);
    assert.is(res.exitCode, 1, text);
    assert.match(res.stderr.trim(), want);
    assert.is(res.stderr.trim().split('\n').length, 1, 'one line');
  }
});

test('--node-group on the command line, repeated', async () => {
  const cwd = tempDir();
  const res = await runMain(['shop', '--yes', '--node-group', GPU, '--node-group', SPOT, '--app-node-pool', 'spot'], cwd);
  assert.is(res.exitCode, 0, res.stderr);
  const saved = JSON.parse(readFileSync(path.join(cwd, 'shop/.eks-app.json'), 'utf8')).answers;
  assert.equal(
    saved.nodeGroups.map((g: any) => g.name),
    ['gpu', 'spot'],
  );
  assert.is(saved.app.nodePool, 'spot');
  const bad = await runMain(['shop2', '--yes', '--node-group', 'name=x,colour=red'], cwd);
  assert.is(bad.exitCode, 1);
  assert.match(bad.stderr, /--node-group: "colour=red" is not a field/);
});

test('the wizard asks for more node groups, checks each as it is typed, and keeps every answer', async () => {
  const { scriptedIo } = await import('./support/io.ts');
  const { main } = await import('../src/cli/main.ts');
  const cwd = tempDir();
  const flags = ['shop', '--region', 'eu-west-1', '--account-id', '', '--kubernetes-version', '1.35', '--endpoint', 'private', '--ip-family', 'ipv4'];
  const more = [
    '--vpc-id',
    '',
    '--vpc-cidr',
    '10.0.0.0/16',
    '--nat-gateway',
    'Single',
    '--compute',
    'managed',
    '--instance-types',
    'm7i.large',
    '--identity',
    'pod-identity',
  ];
  const rest = [
    '--no-network-policy',
    '--app-name',
    'web',
    '--app-namespace',
    'web',
    '--app-image',
    'ghcr.io/acme/web:1.0.0',
    '--app-port',
    '8080',
    '--ingress',
    'none',
    '--storage',
    '',
    '--addons',
    '',
  ];
  const s = scriptedIo([...flags, ...more, ...rest], cwd, [
    'every',
    true,
    'name=system',
    'name=gpu,instance-types=g5.xlarge,max=2',
    true,
    'name=spot,capacity-type=spot,instance-types=m7i.large,m6i.large,m6a.large',
    false,
    'create',
  ]);
  assert.is(await main(s.io), 0, s.err());
  assert.equal(s.asked, [
    'What do you want to create?',
    'Add a node group beside the system group?',
    'The node group, as field=value pairs',
    'The node group, as field=value pairs',
    'Add another node group?',
    'The node group, as field=value pairs',
    'Add another node group?',
    'Create the project with these answers?',
  ]);
  assert.equal(s.refusals, ['nodeGroups[0].name: system is the name of a group this project writes; choose another']);
  const saved = JSON.parse(readFileSync(path.join(cwd, 'shop/.eks-app.json'), 'utf8')).answers;
  assert.equal(
    saved.nodeGroups.map((g: any) => [g.name, g.capacityType, g.maxSize]),
    [
      ['gpu', 'on-demand', 2],
      ['spot', 'spot', 2],
    ],
  );
});

test('GPU groups: tainted nvidia.com/gpu by default, the README says how to use them, pods asking for GPUs must land on them; Neuron refused', async () => {
  const r = await renderAnswers({ nodeGroups: groups('name=gpu,instance-types=g6.xlarge,max=2') });
  const gpu = clusterOf(r).managedNodeGroups.find((g: any) => g.name === 'gpu');
  assert.equal(gpu.taints, [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
  assert.match(
    r.files.get('README.md')!,
    /\*\*Node group `gpu`\*\* \(`g6\.xlarge`, 0 to 2 nodes, tainted `nvidia\.com\/gpu=true:NoSchedule`\).*eksctl picks the NVIDIA AL2023 AMI and installs the NVIDIA device plugin/,
  );
  checkProject(r, 'gpu group');
  // A pod that asks for a GPU but only tolerates the taint without selecting the group still fits it; one on a cluster without GPUs fits nothing.
  const gpuPod = (text: string) =>
    text
      .replace(
        '      automountServiceAccountToken: false\n',
        '      automountServiceAccountToken: false\n      tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]\n',
      )
      .replace(/(\n\s+)limits:\n/, '$1limits:$1  nvidia.com/gpu: 1\n');
  const check = (rendered: typeof r) => {
    const files = [...rendered.files].map(([p, content]) => ({ path: p, content: p === 'k8s/web/20-deployment.yaml' ? gpuPod(content) : content }));
    assert.match(files.find((f) => f.path === 'k8s/web/20-deployment.yaml')!.content, /nvidia\.com\/gpu: 1/, 'the fixture asks for a GPU');
    return validateFiles(files, { kubernetesVersion: rendered.plan.answers.kubernetesVersion })
      .findings.filter((f) => f.rule === 'xref-unschedulable')
      .map((f) => f.message);
  };
  assert.equal(check(r), []);
  assert.equal(check(await renderAnswers({})), [
    'Deployment web fits no node pool of this cluster; it comes closest to managed node group system, but it asks for nvidia.com/gpu, and these nodes have no NVIDIA GPUs',
  ]);
  oneProblem(
    { nodeGroups: groups('name=gpu,instance-types=g5.xlarge,m7i.large') },
    /^nodeGroups: nodeGroups\[0\]\.instanceTypes: g5\.xlarge has NVIDIA GPUs but m7i\.large has none/,
  );
  oneProblem(
    { nodeGroups: groups('name=gpu,instance-types=g5.xlarge,taints=dedicated=gpu:NoSchedule') },
    /^nodeGroups: nodeGroups\[0\]\.taints: the NVIDIA device plugin eksctl installs tolerates only nvidia\.com\/gpu/,
  );
  oneProblem(
    { nodeGroups: groups('name=ml,instance-types=inf2.xlarge') },
    /^nodeGroups: inf2\.xlarge is an Inferentia or Trainium \(Neuron\) type, whose device plugin/,
  );
});

test('zones: the cluster names its zones, a group may keep to some of them; stray zones are refused', async () => {
  const r = await renderAnswers({
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    nodeGroups: groups('name=gpu,instance-types=g5.xlarge,availability-zones=us-east-1a,us-east-1b,max=2'),
  });
  const cfg = clusterOf(r);
  assert.equal(cfg.availabilityZones, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  assert.equal(cfg.managedNodeGroups.find((g: any) => g.name === 'gpu').availabilityZones, ['us-east-1a', 'us-east-1b']);
  assert.is(cfg.managedNodeGroups.find((g: any) => g.name === 'system').availabilityZones, undefined);
  checkProject(r, 'zones');
  oneProblem({ availabilityZones: ['us-east-1a'] }, /^availabilityZones: eksctl needs at least 2 zones \(got 1\)/);
  oneProblem({ availabilityZones: ['eu-west-1a', 'eu-west-1b'] }, /^availabilityZones: "eu-west-1a" is not an availability zone of us-east-1/);
  oneProblem(
    { availabilityZones: ['us-east-1a', 'us-east-1b'], nodeGroups: groups('name=x,availability-zones=us-east-1c') },
    /^nodeGroups: nodeGroups\[0\]\.availabilityZones: us-east-1c is not one of the cluster's zones \(us-east-1a, us-east-1b\)$/,
  );
  oneProblem(
    { nodeGroups: groups('name=x,availability-zones=us-east-1c') },
    /^nodeGroups: nodeGroups\[0\]\.availabilityZones: name the cluster's zones with --availability-zones first/,
  );
});

test.run();
