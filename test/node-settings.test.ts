// What a group's nodes run: kubelet settings as AL2023's NodeConfig, custom AMIs, commands before
// bootstrap, Bottlerocket settings, capacity reservations and Capacity Blocks, and the load balancers
// a self-managed group registers with. Also eksctl's examples 05, 15 and 20, expressed as answers.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { flagName } from '../src/answers/paths.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { parseGroupFlag } from '../src/domains/node-group.ts';
import { checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { runMain } from './support/io.ts';
import { renderAnswers, tempDir } from './support/project.ts';

type Groups = PartialAnswers['nodeGroups'];
const group = (g: Record<string, unknown>) => g as unknown as NonNullable<Groups>[number];
const ngOf = (cfg: any, name: string) => [...(cfg.managedNodeGroups ?? []), ...(cfg.nodeGroups ?? [])].find((g: any) => g.name === name);

test('flags: the system group takes --node-ami, --node-kubelet, ...; --node-group takes the same fields', () => {
  assert.is(flagName('nodeGroup.ami'), 'node-ami');
  assert.is(flagName('nodeGroup.kubelet'), 'node-kubelet');
  assert.is(flagName('nodeGroup.autoRepair'), 'node-auto-repair');
  assert.equal(
    parseGroupFlag(
      'name=ml,instance-types=p5.48xlarge,capacity-reservation-id=cr-0123456789abcdef0,capacity-block=true,kubelet=podPidsLimit=4096,evictionHard.memory.available=500Mi,tags=team=ml',
    ),
    {
      name: 'ml',
      instanceTypes: ['p5.48xlarge'],
      capacityReservationId: 'cr-0123456789abcdef0',
      capacityBlock: true,
      kubelet: { podPidsLimit: '4096', 'evictionHard.memory.available': '500Mi' },
      tags: { team: 'ml' },
    },
  );
});

test('kubelet settings: a managed group gets a NodeConfig (overrideBootstrapCommand), a self-managed one kubeletExtraConfig, typed as kubelet reads them', async () => {
  const kubelet = {
    imageGCHighThresholdPercent: '75',
    imageGCLowThresholdPercent: '60',
    'evictionHard.memory.available': '500Mi',
    'kubeReserved.cpu': '250m',
    serializeImagePulls: 'false',
    allowedUnsafeSysctls: 'net.core.somaxconn,kernel.msg*',
  };
  const typed = {
    imageGCHighThresholdPercent: 75,
    imageGCLowThresholdPercent: 60,
    evictionHard: { 'memory.available': '500Mi' },
    kubeReserved: { cpu: '250m' },
    serializeImagePulls: false,
    allowedUnsafeSysctls: ['net.core.somaxconn', 'kernel.msg*'],
  };
  const managed = await renderAnswers({ nodeGroup: { kubelet } });
  checkProject(managed, 'managed with kubelet settings');
  const doc = parse(ngOf(clusterOf(managed), 'system').overrideBootstrapCommand);
  assert.equal(doc, { apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec: { kubelet: { config: typed } } });
  const self = await renderAnswers({ compute: 'self-managed', nodeGroup: { kubelet } });
  checkProject(self, 'self-managed with kubelet settings');
  const ng = ngOf(clusterOf(self), 'system');
  assert.equal(ng.kubeletExtraConfig, typed);
  assert.is(ng.overrideBootstrapCommand, undefined, 'eksctl writes the NodeConfig of a self-managed group itself');
  // An answers file may give numbers and booleans; they are saved as the text a flag gives.
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'a.yaml'), 'nodeGroup:\n  kubelet:\n    podPidsLimit: 4096\n    cpuCFSQuota: true\n');
  const res = await runMain(['shop', '--answers', 'a.yaml', '--yes'], cwd);
  assert.is(res.exitCode, 0, res.stderr);
  assert.equal(JSON.parse(readFileSync(path.join(cwd, 'shop/.eks-app.json'), 'utf8')).answers.nodeGroup.kubelet, { podPidsLimit: '4096', cpuCFSQuota: 'true' });
});

test('a custom AMI, commands before bootstrap, gp2, extra security groups and Bottlerocket settings reach cluster.yaml', async () => {
  const r = await renderAnswers({
    nodeGroup: { ami: 'ami-0123456789abcdef0', preBootstrapCommands: ['echo hello > /etc/motd'], volumeType: 'gp2', securityGroups: ['sg-0123456789abcdef0'] },
    nodeGroups: [
      group({
        name: 'br',
        amiFamily: 'Bottlerocket',
        bottlerocketAdminContainer: true,
        bottlerocketSettings: { motd: 'Hello, eksctl!', 'kubernetes.image-gc-high-threshold-percent': '75' },
      }),
    ],
  });
  checkProject(r, 'custom AMI and Bottlerocket settings');
  const cfg = clusterOf(r);
  const system = ngOf(cfg, 'system');
  assert.is(system.ami, 'ami-0123456789abcdef0');
  assert.equal(system.preBootstrapCommands, ['echo hello > /etc/motd']);
  assert.is(system.volumeType, 'gp2');
  assert.equal(system.securityGroups, { attachIDs: ['sg-0123456789abcdef0'] });
  assert.equal(ngOf(cfg, 'br').bottlerocket, {
    enableAdminContainer: true,
    settings: { motd: 'Hello, eksctl!', kubernetes: { 'image-gc-high-threshold-percent': 75 } },
  });
  assert.match(r.files.get('README.md')!, /custom AMI `ami-0123456789abcdef0`/);
});

test('a capacity reservation and a Capacity Block: eksctl gets the target and the market type; the README checks the reservation', async () => {
  const r = await renderAnswers({
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    nodeGroups: [
      group({
        name: 'train',
        instanceTypes: ['p5.48xlarge'],
        availabilityZones: ['us-east-1a'],
        capacityReservationId: 'cr-0123456789abcdef0',
        capacityBlock: true,
        minSize: 0,
        maxSize: 2,
      }),
      group({ name: 'odcr', instanceTypes: ['m7i.large'], capacityReservationPreference: 'open' }),
    ],
  });
  checkProject(r, 'capacity reservations');
  const cfg = clusterOf(r);
  assert.equal(ngOf(cfg, 'train').capacityReservation, { capacityReservationTarget: { capacityReservationID: 'cr-0123456789abcdef0' } });
  assert.equal(ngOf(cfg, 'train').instanceMarketOptions, { marketType: 'capacity-block' });
  assert.equal(ngOf(cfg, 'odcr').capacityReservation, { capacityReservationPreference: 'open' });
  assert.match(r.files.get('README.md')!, /aws ec2 describe-capacity-reservations --capacity-reservation-ids cr-0123456789abcdef0/);
});

test('each wrong setting is one line naming its field', () => {
  oneProblem(
    { nodeGroup: { kubelet: { imageGCHighThresholdPrecent: '75' } } },
    /^nodeGroup\.kubelet: kubelet imageGCHighThresholdPrecent: not a kubelet setting .*did you mean imageGCHighThresholdPercent/,
  );
  oneProblem({ nodeGroup: { kubelet: { maxPods: '50' } } }, /^nodeGroup\.kubelet: kubelet maxPods: this project sets it/);
  oneProblem({ nodeGroup: { kubelet: { 'evictionSoft.memory.available': '1Gi' } } }, /needs evictionSoftGracePeriod\.memory\.available/);
  oneProblem(
    { nodeGroup: { kubelet: { imageGCHighThresholdPercent: '70' } } },
    /imageGCHighThresholdPercent 70 must be above imageGCLowThresholdPercent, which is 80 unless given/,
  );
  oneProblem(
    { compute: 'self-managed', amiFamily: 'Bottlerocket', nodeGroup: { kubelet: { podPidsLimit: '100' } } },
    /^nodeGroup\.kubelet: Bottlerocket takes kubelet settings as bottlerocketSettings/,
  );
  oneProblem(
    { nodeGroup: { bottlerocketSettings: { motd: 'hi' } } },
    /^nodeGroup\.bottlerocketSettings: applies to Bottlerocket nodes, and these run AmazonLinux2023/,
  );
  oneProblem(
    { compute: 'self-managed', amiFamily: 'Bottlerocket', nodeGroup: { bottlerocketSettings: { 'kubernetes.max-pods': '50' } } },
    /kubernetes\.max-pods: set it with maxPodsPerNode/,
  );
  oneProblem(
    { nodeGroup: { ami: 'ami-0123456789abcdef0' }, cni: { prefixDelegation: true } },
    /^nodeGroup\.ami: eksctl refuses maxPodsPerNode with a custom AMI on a managed group/,
  );
  oneProblem({ nodeGroup: { ami: 'my-ami' } }, /^nodeGroup\.ami: "my-ami" is not an AMI ID; e\.g\. ami-0123456789abcdef0/);
  oneProblem(
    { compute: 'fargate', identity: 'irsa', accountId: '111122223333', nodeGroup: { ami: 'ami-0123456789abcdef0' } },
    /^nodeGroup\.ami: Fargate pods run on no node group/,
  );
  oneProblem(
    { nodeGroups: [group({ name: 'ml', instanceTypes: ['p5.48xlarge'], capacityReservationId: 'cr-0123456789abcdef0' })] },
    /^nodeGroups: nodeGroups\[0\]\.availabilityZones: a capacity reservation lies in one zone/,
  );
  oneProblem(
    {
      region: 'us-west-2',
      availabilityZones: ['us-west-2a', 'us-west-2b'],
      nodeGroups: [
        group({
          name: 'ml',
          instanceTypes: ['p5.48xlarge', 'p4d.24xlarge'],
          availabilityZones: ['us-west-2a'],
          capacityReservationId: 'cr-0123456789abcdef0',
          capacityBlock: true,
        }),
      ],
    },
    /nodeGroups\[0\]\.instanceTypes: a Capacity Block is for one instance type/,
  );
  oneProblem(
    { nodeGroups: [group({ name: 'web', targetGroupARNs: ['arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/0123456789abcdef'] })] },
    /nodeGroups\[0\]\.targetGroupARNs: eksctl offers targetGroupARNs for self-managed groups only/,
  );
  oneProblem(
    {
      nodeGroups: [
        group({
          name: 'spot',
          capacityType: 'spot',
          capacityReservationPreference: 'open',
          capacityReservationGroupArn: 'arn:aws:resource-groups:us-west-2:123456789012:group/g',
        }),
      ],
    },
    /capacityReservationPreference: a preference applies when no reservation is targeted/,
  );
});

test('a group checked from flags alone, before the CNI answers are in: accepted, or refused for the custom AMI with prefix delegation', async () => {
  const cwd = tempDir();
  const group = ['--node-group', 'name=x,ami=ami-0123456789abcdef0'];
  const ok = await runMain(['ok', '--yes', '--ip-family', 'ipv4', '--compute', 'managed', ...group], cwd);
  assert.is(ok.exitCode, 0, ok.stderr);
  const bad = await runMain(['bad', '--yes', '--ip-family', 'ipv4', '--compute', 'managed', '--prefix-delegation', ...group], cwd);
  assert.is(bad.exitCode, 1);
  assert.match(bad.stderr, /nodeGroups\[0\]\.ami: eksctl refuses maxPodsPerNode with a custom AMI on a managed group/);
  assert.is(bad.stderr.trim().split('\n').length, 1, 'one line');
});

// eksctl's upstream examples, as an answers file gives them. What stays out: AmazonLinux2 (end of life),
// IMDSv1 and SSH (nodes are reached through Session Manager), docker commands (AL2023 runs containerd),
// a launch template of one's own, and the `role` label, which this project sets to the group's name.
const DISABLE_HT = `for n in $(cat /sys/devices/system/cpu/cpu*/topology/thread_siblings_list | cut -s -d, -f2- | tr ',' '\\n' | sort -un); do echo 0 > /sys/devices/system/cpu/cpu\${n}/online; done`;

test('eksctl example 05-advanced-nodegroups: three self-managed groups with a custom AMI, target groups, a Classic Load Balancer, ASG metrics and one zone', async () => {
  const r = await renderAnswers({
    compute: 'self-managed',
    region: 'eu-west-2',
    availabilityZones: ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'],
    nodeGroup: { minSize: 1, desiredCapacity: 1, maxSize: 2 },
    nodeGroups: [
      group({
        name: 'ng1-public',
        instanceTypes: ['m5.xlarge'],
        minSize: 2,
        desiredCapacity: 2,
        maxSize: 8,
        volumeSize: 100,
        volumeType: 'gp2',
        ami: 'ami-05ecac759c81e0b0c',
        labels: { 'nodegroup-type': 'frontend-workloads' },
        privateNetworking: false,
      }),
      group({
        name: 'ng2-private-a',
        instanceTypes: ['m5.large'],
        desiredCapacity: 2,
        labels: { 'nodegroup-type': 'backend-cluster-addons' },
        targetGroupARNs: ['arn:aws:elasticloadbalancing:eu-west-2:012345678901:targetgroup/target-group-1/abcdef0123456789'],
      }),
      group({
        name: 'ng3-private-b',
        instanceTypes: ['c3.8xlarge'],
        desiredCapacity: 4,
        maxSize: 4,
        labels: { 'nodegroup-type': 'very-special-science-workloads' },
        classicLoadBalancerNames: ['ng3-classic-load-balancer'],
        asgMetrics: true,
        taints: ['special=true:NoSchedule'],
        availabilityZones: ['eu-west-2a'],
        preBootstrapCommands: [DISABLE_HT],
      }),
    ],
  });
  checkProject(r, 'example 05');
  const cfg = clusterOf(r);
  assert.equal(cfg.availabilityZones, ['eu-west-2a', 'eu-west-2b', 'eu-west-2c']);
  const [ng1, ng2, ng3] = ['ng1-public', 'ng2-private-a', 'ng3-private-b'].map((n) => ngOf(cfg, n));
  assert.equal(
    [ng1.instanceType, ng1.minSize, ng1.maxSize, ng1.volumeSize, ng1.volumeType, ng1.ami, ng1.privateNetworking],
    ['m5.xlarge', 2, 8, 100, 'gp2', 'ami-05ecac759c81e0b0c', false],
  );
  assert.is(ng1.labels['nodegroup-type'], 'frontend-workloads');
  assert.equal(ng2.targetGroupARNs, ['arn:aws:elasticloadbalancing:eu-west-2:012345678901:targetgroup/target-group-1/abcdef0123456789']);
  assert.equal([ng2.desiredCapacity, ng2.privateNetworking], [2, true]);
  assert.equal(ng3.classicLoadBalancerNames, ['ng3-classic-load-balancer']);
  assert.equal(ng3.asgMetricsCollection, [{ granularity: '1Minute' }]);
  assert.equal(ng3.taints, [{ key: 'special', value: 'true', effect: 'NoSchedule' }]);
  assert.equal([ng3.availabilityZones, ng3.preBootstrapCommands, ng3.desiredCapacity], [['eu-west-2a'], [DISABLE_HT], 4]);
});

test('eksctl example 15-managed-nodes: public and private managed groups, update config, security groups, taints, tags and a custom AMI', async () => {
  const r = await renderAnswers({
    region: 'us-west-2',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
    nodeGroups: [
      group({
        name: 'managed-ng-public',
        instanceTypes: ['m5.large'],
        minSize: 2,
        desiredCapacity: 3,
        maxSize: 4,
        availabilityZones: ['us-west-2a', 'us-west-2b'],
        volumeSize: 20,
        maxUnavailable: '3',
        securityGroups: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
        labels: { 'example.com/role': 'worker' },
        taints: ['key1=value1:NoSchedule', 'key2:NoExecute'],
        tags: { 'nodegroup-role': 'worker' },
        privateNetworking: false,
      }),
      group({ name: 'managed-ng-private', instanceTypes: ['m5.large'] }),
      group({ name: 'custom-ami', ami: 'ami-0123456789abcdef0', preBootstrapCommands: [DISABLE_HT] }),
    ],
  });
  checkProject(r, 'example 15');
  const cfg = clusterOf(r);
  const pub = ngOf(cfg, 'managed-ng-public');
  assert.equal([pub.minSize, pub.desiredCapacity, pub.maxSize, pub.volumeSize, pub.privateNetworking], [2, 3, 4, 20, false]);
  assert.equal(pub.updateConfig, { maxUnavailable: 3 });
  assert.equal(pub.securityGroups, { attachIDs: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'] });
  assert.equal(pub.taints, [
    { key: 'key1', value: 'value1', effect: 'NoSchedule' },
    { key: 'key2', effect: 'NoExecute' },
  ]);
  assert.is(pub.tags['nodegroup-role'], 'worker');
  assert.is(ngOf(cfg, 'managed-ng-private').privateNetworking, true);
  const custom = ngOf(cfg, 'custom-ami');
  assert.equal([custom.ami, custom.amiFamily, custom.preBootstrapCommands], ['ami-0123456789abcdef0', 'AmazonLinux2023', [DISABLE_HT]]);
});

test('eksctl example 20-bottlerocket: Bottlerocket groups with the admin container and settings', async () => {
  const r = await renderAnswers({
    compute: 'self-managed',
    amiFamily: 'Bottlerocket',
    region: 'us-west-2',
    nodeGroups: [
      group({
        name: 'ng1-public',
        instanceTypes: ['m5.xlarge'],
        desiredCapacity: 4,
        maxSize: 4,
        amiFamily: 'Bottlerocket',
        labels: { 'network-locality.example.com/public': 'true' },
        bottlerocketAdminContainer: true,
        bottlerocketSettings: { motd: 'Hello, eksctl!' },
        privateNetworking: false,
      }),
      group({
        name: 'ng2-public-ssh',
        instanceTypes: ['m5.xlarge'],
        desiredCapacity: 4,
        maxSize: 4,
        amiFamily: 'Bottlerocket',
        bottlerocketAdminContainer: true,
        privateNetworking: false,
      }),
    ],
  });
  checkProject(r, 'example 20');
  const ng1 = ngOf(clusterOf(r), 'ng1-public');
  assert.equal([ng1.amiFamily, ng1.instanceType, ng1.desiredCapacity], ['Bottlerocket', 'm5.xlarge', 4]);
  assert.equal(ng1.bottlerocket, { enableAdminContainer: true, settings: { motd: 'Hello, eksctl!' } });
  assert.is(ng1.labels['network-locality.example.com/public'], 'true');
  assert.is(ngOf(clusterOf(r), 'ng2-public-ssh').bottlerocket.enableAdminContainer, true);
});

test.run();
