// Compute types: every compute type crossed with each identity EKS allows renders output the
// upstream oracles accept, and each type writes what the issue asks (managed groups, self-managed
// groups, Fargate profiles, Karpenter, Auto Mode, mixing); forbidden pairs give one clear error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { COMPUTE_TYPES, IDENTITY_MODES, type PartialAnswers } from '../src/answers/types.ts';
import { resolve } from '../src/plan/resolve.ts';
import { flagName } from '../src/answers/paths.ts';
import { instanceArchitecture, parseTaint } from '../src/plan/kube.ts';
import { renderAnswers, TODAY } from './support/project.ts';
import { ACCOUNT, checkProject, clusterOf, oneProblem, problemsOf } from './compute.helpers.ts';
import { helmValuesKeys, sharedAvailable, unknownHelmKeys } from './support/oracles.ts';

const IRSA: PartialAnswers = { identity: 'irsa', accountId: ACCOUNT };

for (const compute of COMPUTE_TYPES) {
  for (const identity of IDENTITY_MODES) {
    const forbidden = compute === 'fargate' && identity === 'pod-identity';
    test(`${compute} × ${identity}: ${forbidden ? 'refused with one error' : 'oracles accept the output'}`, async () => {
      const answers: PartialAnswers = { compute, identity, accountId: identity === 'irsa' ? ACCOUNT : '' };
      if (forbidden) return oneProblem(answers, /^identity: EKS Pod Identity does not run on Fargate pods; use --identity irsa/);
      const r = await renderAnswers(answers);
      checkProject(r, `${compute}/${identity}`);
    });
  }
}

test('variants of each compute type pass the oracles too', async () => {
  const variants: [string, PartialAnswers][] = [
    [
      'managed bottlerocket spot',
      {
        amiFamily: 'Bottlerocket',
        nodeGroup: {
          capacityType: 'spot',
          instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'],
          labels: { 'example.com/team': 'a' },
          maxUnavailable: '2',
          volumeSize: 100,
        },
      },
    ],
    ['managed graviton', { nodeGroup: { instanceTypes: ['m7g.large', 'm8g.large'] } }],
    ['managed windows', { windowsNodes: true, ...IRSA }],
    ['self-managed one type', { compute: 'self-managed' }],
    ['self-managed spot', { compute: 'self-managed', nodeGroup: { capacityType: 'spot', instanceTypes: ['c7i.large', 'c6i.large', 'c6a.large'] } }],
    ['self-managed windows', { compute: 'self-managed', windowsNodes: true, ...IRSA }],
    [
      'fargate many namespaces',
      { compute: 'fargate', fargate: { namespaces: ['web', 'a', 'b', 'c', 'd', 'e', 'f'], labels: { 'example.com/fargate': 'yes' } }, ...IRSA },
    ],
    [
      'karpenter arm spot bottlerocket',
      {
        compute: 'karpenter',
        amiFamily: 'Bottlerocket',
        nodeGroup: { instanceTypes: ['m7g.large'], labels: { team: 'a' } },
        karpenter: { architectures: ['arm64'], capacityTypes: ['spot', 'on-demand'] },
      },
    ],
    ['karpenter aws-auth irsa', { compute: 'karpenter', access: 'aws-auth', ...IRSA }],
    ['auto-mode general-purpose only', { compute: 'auto-mode', autoMode: { nodePools: ['general-purpose'] } }],
    ['managed + Fargate namespace', { fargate: { namespaces: ['batch'] } }],
    ['managed + Fargate for the app', { fargate: { namespaces: ['web'] }, ...IRSA }],
    [
      'tagged, public, China',
      { region: 'cn-north-1', accountId: ACCOUNT, compute: 'karpenter', tags: { team: 'a b: c-d' }, publicAccessCidrs: ['203.0.113.0/24'] },
    ],
  ];
  for (const [label, answers] of variants) checkProject(await renderAnswers(answers), label);
});

test('managed: instance types, AMI family, Spot, sizes, volume, labels and updateConfig', async () => {
  const r = await renderAnswers({
    amiFamily: 'Bottlerocket',
    nodeGroup: {
      capacityType: 'spot',
      instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'],
      minSize: 1,
      desiredCapacity: 3,
      maxSize: 6,
      volumeSize: 80,
      labels: { 'example.com/team': 'payments' },
      maxUnavailable: '1',
    },
  });
  const ng = clusterOf(r).managedNodeGroups[0];
  assert.is(ng.amiFamily, 'Bottlerocket');
  assert.equal(ng.instanceTypes, ['m7i.large', 'm6i.large', 'm6a.large']);
  assert.is(ng.spot, true);
  assert.equal([ng.minSize, ng.desiredCapacity, ng.maxSize], [1, 3, 6]);
  assert.is(ng.volumeSize, 80);
  assert.equal(ng.labels, { role: 'system', 'example.com/team': 'payments' });
  assert.is(ng.taints, undefined);
  assert.equal(ng.updateConfig, { maxUnavailable: 1 });
  assert.is(ng.disableIMDSv1, true);
  assert.is(ng.maxPodsPerNode, undefined, 'maxPods is left to eksctl until the networking plan sets maxPodsPerNode');
  assert.is(r.plan.maxPodsPerNode, undefined);
  assert.match(r.files.get('README.md')!, /a managed node group \(Bottlerocket, Spot\)/);
});

test('managed: maxPodsPerNode from the plan reaches the node group and the EC2NodeClass', async () => {
  // The networking issue sets plan.maxPodsPerNode; prove the templates carry it when it is set.
  const { renderPlan } = await import('../src/render/render.ts');
  for (const compute of ['managed', 'karpenter'] as const) {
    const plan = resolve({ compute }, TODAY);
    plan.compute.managedNodeGroups.forEach((g) => {
      g.maxPodsPerNode = 110;
    });
    if (plan.karpenter) plan.karpenter.manifests.maxPods = 110;
    const files = new Map((await renderPlan(plan)).map((f) => [f.path, f.content]));
    assert.is(parse(files.get('eksctl/cluster.yaml')!).managedNodeGroups[0].maxPodsPerNode, 110);
    if (compute === 'karpenter') assert.is(parse(files.get('k8s/karpenter/10-ec2nodeclass.yaml')!).spec.kubelet.maxPods, 110);
  }
});

test('Spot with fewer than three instance types warns and suggests diversified types', () => {
  const plan = resolve({ nodeGroup: { capacityType: 'spot', instanceTypes: ['m7i.large'] } }, TODAY);
  assert.ok(
    plan.warnings.some((w) => /^Spot with one instance type: give three or more of similar size \(e\.g\. m7i\.large,m6i\.large,m6a\.large\)/.test(w)),
    plan.warnings.join('\n'),
  );
  assert.not.ok(
    resolve({ nodeGroup: { capacityType: 'spot', instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'] } }, TODAY).warnings.some((w) => w.startsWith('Spot')),
  );
});

test('self-managed: nodeGroups, instance distribution, and the README notes and replace step', async () => {
  const one = await renderAnswers({ compute: 'self-managed' });
  const c1 = clusterOf(one);
  assert.is(c1.managedNodeGroups, undefined);
  assert.is(c1.nodeGroups[0].instanceType, 'm7i.large');
  assert.is(c1.nodeGroups[0].instancesDistribution, undefined);
  assert.is(c1.nodeGroups[0].disablePodIMDS, true);
  const spot = await renderAnswers({ compute: 'self-managed', nodeGroup: { capacityType: 'spot', instanceTypes: ['c7i.large', 'c6i.large', 'c6a.large'] } });
  const ng = clusterOf(spot).nodeGroups[0];
  assert.is(ng.instanceType, undefined);
  assert.equal(ng.instancesDistribution, {
    instanceTypes: ['c7i.large', 'c6i.large', 'c6a.large'],
    onDemandBaseCapacity: 0,
    onDemandPercentageAboveBaseCapacity: 0,
    spotAllocationStrategy: 'price-capacity-optimized',
    capacityRebalance: true,
  });
  const readme = one.files.get('README.md')!;
  assert.match(readme, /eksctl tags it `kubernetes\.io\/cluster\/my-cluster: owned`/);
  assert.match(readme, /an access entry of type `EC2_LINUX`/);
  assert.match(readme, /### Replace a self-managed node group/);
  assert.match(
    readme,
    /export KMS_KEY_ARN="\$\(aws kms describe-key --region us-east-1 --key-id alias\/eks\/my-cluster --query KeyMetadata\.Arn --output text\)"\neksctl create nodegroup --config-file <\(envsubst '\$\{AWS_ACCOUNT_ID\} \$\{CREATOR_CIDR\} \$\{KMS_KEY_ARN\}' < eksctl\/cluster\.yaml\) --include system-v2\neksctl delete nodegroup --config-file .* --include system --approve/,
  );
});

test('fargate: profiles of at most five selectors, CoreDNS profile and patch step, Job TTL, no node groups', async () => {
  const r = await renderAnswers({ compute: 'fargate', fargate: { namespaces: ['web', 'a', 'b', 'c', 'd', 'e', 'f'] }, ...IRSA });
  const c = clusterOf(r);
  assert.is(c.managedNodeGroups, undefined);
  assert.is(c.nodeGroups, undefined);
  const profiles = c.fargateProfiles;
  assert.equal(
    profiles.map((p: any) => p.name),
    ['coredns', 'workloads', 'workloads-2'],
  );
  assert.equal(profiles[0].selectors, [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }]);
  assert.ok(profiles.every((p: any) => p.selectors.length <= 5 && !p.name.startsWith('eks-')));
  assert.equal(profiles.flatMap((p: any) => p.selectors.map((s: any) => s.namespace)).slice(1), ['web', 'a', 'b', 'c', 'd', 'e', 'f']);
  assert.ok(
    profiles.every((p: any) => p.subnets === undefined),
    'no subnets: EKS uses the private subnets (eksctl passes none)',
  );
  const readme = r.files.get('README.md')!;
  assert.match(
    readme,
    /### Move CoreDNS onto Fargate[\s\S]*kubectl patch deployment coredns -n kube-system --type merge -p '\{"spec":\{"template":\{"metadata":\{"annotations":\{"eks\.amazonaws\.com\/compute-type":null\}\}\}\}\}'/,
  );
  assert.ok(readme.indexOf('### Move CoreDNS onto Fargate') < readme.indexOf('### Deploy web'));
  const job = parse(r.files.get('k8s/web/40-smoke-test.yaml')!);
  assert.is(job.kind, 'Job');
  assert.is(job.spec.ttlSecondsAfterFinished, 300);
  assert.is(job.spec.template.spec.containers[0].securityContext.privileged, false);
  assert.equal(job.spec.template.spec.containers[0].command.at(-1), 'http://web.web.svc.cluster.local/');
  // IRSA is the default on Fargate.
  assert.is(resolve({ compute: 'fargate', accountId: ACCOUNT }, TODAY).answers.identity, 'irsa');
  // No DaemonSet, privileged container or EBS volume anywhere in what a Fargate project applies.
  for (const [p, content] of r.files) {
    if (!p.startsWith('k8s/')) continue;
    assert.not.match(content, /kind: DaemonSet|privileged: true|awsElasticBlockStore|ebs\.csi\.aws\.com/, p);
  }
});

test('fargate: each add-on that runs pods gets a profile for its namespace and labels; CloudWatch Observability (DaemonSets) is refused', async () => {
  const r = await renderAnswers({
    compute: 'fargate',
    fargate: { namespaces: ['web'] },
    ...IRSA,
    addons: ['metrics-server', 'cert-manager', 'snapshot-controller', 'external-dns'],
    addon: { externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'] } },
  });
  checkProject(r, 'fargate add-ons');
  const profiles = new Map(clusterOf(r).fargateProfiles.map((p: any) => [p.name, p.selectors]));
  assert.equal(profiles.get('metrics-server'), [
    { namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'metrics-server' } },
    { namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } },
  ]);
  assert.equal(profiles.get('snapshot-controller'), [
    { namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'snapshot-controller' } },
    { namespace: 'kube-system', labels: { app: 'snapshot-controller' } },
  ]);
  assert.equal(profiles.get('cert-manager'), [{ namespace: 'cert-manager' }]);
  assert.equal(profiles.get('external-dns'), [{ namespace: 'external-dns' }]);
  // Next to nodes the add-ons run on the nodes.
  const managed = clusterOf(await renderAnswers({ fargate: { namespaces: ['batch'] }, addons: ['metrics-server'] }));
  assert.equal(
    managed.fargateProfiles.map((p: any) => p.name),
    ['workloads'],
  );
  oneProblem(
    { compute: 'fargate', addons: ['amazon-cloudwatch-observability'], ...IRSA },
    /^addons: amazon-cloudwatch-observability is not available here: its CloudWatch agent and Fluent Bit run as DaemonSets, and Fargate runs no DaemonSets; use aws-for-fluent-bit for Fargate logs \(compute fargate\)$/,
  );
});

test('fargate: the limits are enforced with one clear error each', () => {
  oneProblem(
    { compute: 'fargate', identity: 'pod-identity' },
    /^identity: EKS Pod Identity does not run on Fargate pods; use --identity irsa \(with --account-id\) or use --compute managed$/,
  );
  oneProblem(
    { compute: 'fargate', fargate: { namespaces: ['jobs'] }, ...IRSA },
    /^fargate.namespaces: must include the application's namespace web, because a Fargate-only cluster has no nodes for it; add it to --fargate-namespaces$/,
  );
  // DaemonSets, privileged pods and EBS come with add-ons; their modules refuse Fargate (generators/addons).
  oneProblem(
    { compute: 'fargate', addons: ['aws-ebs-csi-driver'], ...IRSA },
    /^addons: aws-ebs-csi-driver is not available here: Fargate pods cannot mount EBS volumes/,
  );
  oneProblem({ compute: 'fargate', addons: ['secrets-store-csi-driver'], ...IRSA }, /^addons: secrets-store-csi-driver is not available here: .*DaemonSet/);
  oneProblem({ fargate: { namespaces: ['kube-system'] } }, /^fargate.namespaces: kube-system cannot run on Fargate as a whole/);
  oneProblem(
    { compute: 'fargate', fargate: { namespaces: ['web', ...Array.from({ length: 45 }, (_, i) => `ns${i}`)] }, ...IRSA },
    /^fargate.namespaces: needs 11 Fargate profiles \(five namespaces each\), over the default quota of 10/,
  );
  oneProblem(
    { compute: 'fargate', fargate: { labels: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } }, ...IRSA },
    /^fargate.labels: takes at most 5 labels/,
  );
  oneProblem(
    { compute: 'fargate' },
    /^accountId: required with identity irsa, .*EKS Pod Identity does not run on Fargate pods, so IRSA it is\); give --account-id 123456789012$/,
  );
});

test('mixing: a managed group for system pods plus Fargate for named namespaces', async () => {
  const r = await renderAnswers({ fargate: { namespaces: ['batch', 'reports'] } });
  const c = clusterOf(r);
  assert.is(c.managedNodeGroups[0].name, 'system');
  assert.equal(c.fargateProfiles, [{ name: 'workloads', selectors: [{ namespace: 'batch' }, { namespace: 'reports' }] }]);
  assert.ok(r.plan.warnings.some((w) => /^Pods in the Fargate namespaces batch, reports cannot use EKS Pod Identity/.test(w)));
  assert.match(r.files.get('README.md')!, /\*\*Fargate for `batch`, `reports`\*\*/);
  oneProblem(
    { fargate: { namespaces: ['web'] }, identity: 'pod-identity' },
    /^identity: namespace web runs on Fargate, where EKS Pod Identity does not run; use --identity irsa \(with --account-id\) or remove web from --fargate-namespaces$/,
  );
  oneProblem({ compute: 'auto-mode', fargate: { namespaces: ['batch'] } }, /^fargate.namespaces: EKS Auto Mode runs every pod on its own nodes/);
});

test('karpenter: system group, controller role via Pod Identity, node role + EC2_LINUX entry, queue, values, NodePool, EC2NodeClass', async () => {
  const r = await renderAnswers({
    compute: 'karpenter',
    accountId: ACCOUNT,
    karpenter: {
      architectures: ['amd64', 'arm64'],
      capacityTypes: ['spot', 'on-demand'],
      instanceCategories: ['c', 'm'],
      cpuLimit: 64,
      memoryLimit: 256,
      disruptionBudget: '2',
    },

    nodeGroup: { labels: { 'example.com/tier': 'web' } },
    tags: { team: 'platform' },
  });
  const c = clusterOf(r);
  const k = r.plan.karpenter!;
  // A small managed group keeps system pods and Karpenter, tainted so workloads go to Karpenter's nodes.
  assert.equal(
    c.managedNodeGroups.map((g: any) => g.name),
    ['system'],
  );
  assert.equal(c.managedNodeGroups[0].taints, [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }]);
  assert.is(c.managedNodeGroups[0].spot, undefined);
  assert.is(c.karpenter, undefined, "eksctl's own karpenter: section would use IRSA and its own policy, so it is not used");
  // Controller IAM through Pod Identity, for exactly kube-system/karpenter.
  assert.ok(
    c.iam.podIdentityAssociations.some(
      (p: any) => p.namespace === 'kube-system' && p.serviceAccountName === 'karpenter' && p.roleName === 'my-cluster-karpenter',
    ),
  );
  // Node role and its access entry.
  assert.ok(
    c.accessConfig.accessEntries.some(
      (e: any) => e.principalARN === `arn:aws:iam::${ACCOUNT}:role/my-cluster-karpenter-node` && e.type === 'EC2_LINUX' && !e.accessPolicies,
    ),
  );
  const cfn = JSON.parse(r.files.get('cloudformation/karpenter.json')!);
  assert.is(cfn.Resources.KarpenterNodeRole.Properties.RoleName, 'my-cluster-karpenter-node');
  assert.equal(cfn.Resources.KarpenterNodeRole.Properties.AssumeRolePolicyDocument, JSON.parse(r.files.get('iam/my-cluster-karpenter-node-trust.json')!));
  assert.ok(cfn.Resources.KarpenterNodeRole.Properties.ManagedPolicyArns.includes('arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy'));
  assert.is(cfn.Resources.KarpenterInterruptionQueue.Properties.QueueName, k.queueName);
  assert.equal(cfn.Resources.KarpenterNodeRole.Properties.Tags, [{ Key: 'team', Value: 'platform' }]);
  const rules = Object.values<any>(cfn.Resources)
    .filter((x) => x.Type === 'AWS::Events::Rule')
    .map((x) => x.Properties.EventPattern['detail-type'][0]);
  assert.equal(rules.sort(), [
    'AWS Health Event',
    'EC2 Capacity Reservation Instance Interruption Warning',
    'EC2 Instance Rebalance Recommendation',
    'EC2 Instance State-change Notification',
    'EC2 Spot Instance Interruption Warning',
  ]);
  const queuePolicy = cfn.Resources.KarpenterInterruptionQueuePolicy.Properties.PolicyDocument.Statement[0];
  assert.is(queuePolicy.Condition.ArnEquals['aws:SourceArn'].length, 5, 'only the five rules may send');
  // Helm values.
  const values = parse(r.files.get('helm/karpenter.values.yaml')!);
  assert.equal(values.settings, { clusterName: 'my-cluster', interruptionQueue: k.queueName });
  assert.equal(values.serviceAccount, { create: true, name: 'karpenter' });
  if (sharedAvailable()) {
    assert.ok(helmValuesKeys('karpenter')?.has('settings.interruptionQueue'), 'upstream karpenter values.yaml is readable');
    assert.equal(unknownHelmKeys('karpenter', values), [], "every key exists in the chart's values.yaml");
    const irsaValues = parse((await renderAnswers({ compute: 'karpenter', ...IRSA })).files.get('helm/karpenter.values.yaml')!);
    assert.equal(unknownHelmKeys('karpenter', irsaValues), []);
  }
  // NodePool and EC2NodeClass carry the choices.
  const pool = parse(r.files.get('k8s/karpenter/20-nodepool.yaml')!);
  const req = Object.fromEntries(pool.spec.template.spec.requirements.map((x: any) => [x.key, x]));
  assert.equal(req['kubernetes.io/arch'].values, ['amd64', 'arm64']);
  assert.equal(req['karpenter.sh/capacity-type'].values, ['spot', 'on-demand']);
  assert.equal(req['karpenter.k8s.aws/instance-category'].values, ['c', 'm']);
  assert.equal(pool.spec.limits, { cpu: '64', memory: '256Gi' });
  assert.equal(pool.spec.disruption.budgets, [{ nodes: '2' }]);
  assert.equal(pool.spec.template.metadata.labels, { 'example.com/tier': 'web' });
  assert.is(pool.spec.template.spec.taints, undefined, 'the NodePool takes no taints while it is the only pool');
  const nodeClass = parse(r.files.get('k8s/karpenter/10-ec2nodeclass.yaml')!);
  assert.equal(nodeClass.spec.metadataOptions, { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' });
  assert.is(nodeClass.spec.role, 'my-cluster-karpenter-node');
  assert.equal(nodeClass.spec.amiSelectorTerms, [{ alias: 'al2023@latest' }]);
  assert.ok(nodeClass.spec.blockDeviceMappings.every((b: any) => b.ebs.encrypted === true));
  assert.equal(nodeClass.spec.tags, { team: 'platform' });
  // README: stack before the cluster, Helm before the NodePool, NodePool before the app; Spot role.
  const readme = r.files.get('README.md')!;
  const order = [
    '### Create the Karpenter node role and interruption queue',
    '### Create the cluster',
    '### Install Karpenter',
    '### Create the NodePool and EC2NodeClass',
    '### Deploy web',
  ].map((t) => readme.indexOf(t));
  assert.ok(
    order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1])),
    `README order ${order}`,
  );
  assert.match(
    readme,
    /aws cloudformation deploy --region us-east-1 --stack-name my-cluster-karpenter --template-file cloudformation\/karpenter\.json --capabilities CAPABILITY_NAMED_IAM/,
  );
  assert.match(
    readme,
    /aws iam get-role --region us-east-1 --role-name AWSServiceRoleForEC2Spot >\/dev\/null 2>&1 \|\| aws iam create-service-linked-role --region us-east-1 --aws-service-name spot\.amazonaws\.com/,
  );
  assert.match(
    readme,
    /helm upgrade --install karpenter oci:\/\/public\.ecr\.aws\/karpenter\/karpenter --version 1\.14\.1 --namespace kube-system --values helm\/karpenter\.values\.yaml --wait/,
  );
});

test("karpenter with IRSA annotates the chart's ServiceAccount; with aws-auth the node role is mapped instead", async () => {
  const irsa = await renderAnswers({ compute: 'karpenter', ...IRSA });
  const values = parse(irsa.files.get('helm/karpenter.values.yaml')!);
  assert.is(values.serviceAccount.annotations['eks.amazonaws.com/role-arn'], `arn:aws:iam::${ACCOUNT}:role/my-cluster-karpenter`);
  assert.ok(
    clusterOf(irsa).iam.serviceAccounts.some((s: any) => s.metadata.name === 'karpenter' && s.metadata.namespace === 'kube-system' && s.roleOnly === true),
  );
  const auth = await renderAnswers({ compute: 'karpenter', access: 'aws-auth', accountId: ACCOUNT });
  const c = clusterOf(auth);
  assert.is(c.accessConfig.accessEntries, undefined);
  assert.equal(c.iamIdentityMappings, [
    {
      arn: `arn:aws:iam::${ACCOUNT}:role/my-cluster-karpenter-node`,
      username: 'system:node:{{EC2PrivateDNSName}}',
      groups: ['system:bootstrappers', 'system:nodes'],
    },
  ]);
});

test('karpenter: Bottlerocket nodes get an OS volume and a data volume', async () => {
  const r = await renderAnswers({ compute: 'karpenter', amiFamily: 'Bottlerocket', nodeGroup: { volumeSize: 60 } });
  const nodeClass = parse(r.files.get('k8s/karpenter/10-ec2nodeclass.yaml')!);
  assert.equal(nodeClass.spec.amiSelectorTerms, [{ alias: 'bottlerocket@latest' }]);
  assert.equal(
    nodeClass.spec.blockDeviceMappings.map((b: any) => [b.deviceName, b.ebs.volumeSize]),
    [
      ['/dev/xvda', '4Gi'],
      ['/dev/xvdb', '60Gi'],
    ],
  );
  assert.is(clusterOf(r).managedNodeGroups[0].amiFamily, 'Bottlerocket');
});

test('karpenter: refused pairs', () => {
  oneProblem(
    { compute: 'karpenter', tags: { 'karpenter.sh/nodepool': 'x' } },
    /^tags: karpenter\.sh\/nodepool is a tag Karpenter sets on the nodes it launches; drop it$/,
  );
  oneProblem(
    { compute: 'karpenter', nodeGroup: { labels: { 'karpenter.sh/capacity-type': 'spot' } } },
    /^nodeGroup.labels: label karpenter\.sh\/capacity-type: the karpenter\.sh and karpenter\.k8s\.aws label domains are set by Karpenter/,
  );
  oneProblem({ compute: 'karpenter', karpenter: { architectures: [] } }, /^karpenter.architectures: give at least one of amd64, arm64$/);
  oneProblem({ compute: 'karpenter', karpenter: { capacityTypes: ['reserved'] } }, /^karpenter.capacityTypes: "reserved" is not one of on-demand, spot$/);
  oneProblem({ compute: 'karpenter', karpenter: { disruptionBudget: '150%' } }, /^karpenter.disruptionBudget: "150%" is not a percentage/);
  oneProblem({ compute: 'karpenter', name: 'a'.repeat(50) }, /^name: the IAM role name a{50}-karpenter-node would exceed 64 characters/);
});

test('auto-mode: autoModeConfig with the chosen pools, no built-in add-ons, no node groups', async () => {
  const r = await renderAnswers({ compute: 'auto-mode', autoMode: { nodePools: ['general-purpose'] } });
  const c = clusterOf(r);
  assert.equal(c.autoModeConfig, { enabled: true, nodePools: ['general-purpose'] });
  assert.is(c.managedNodeGroups, undefined);
  const names = (c.addons ?? []).map((a: any) => a.name);
  for (const builtIn of ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver']) assert.not.ok(names.includes(builtIn), builtIn);
  assert.match(
    r.files.get('README.md')!,
    /runs VPC CNI, CoreDNS, kube-proxy, the EBS CSI driver, load balancing and the Pod Identity agent itself, so this project does not install those add-ons/,
  );
  oneProblem({ compute: 'auto-mode', autoMode: { nodePools: ['system'] } }, /^autoMode.nodePools: the application needs the general-purpose pool/);
  oneProblem(
    { compute: 'auto-mode', access: 'aws-auth' },
    /^access: EKS Auto Mode needs access entries for its nodes; use --access access-entries \(or both\)$/,
  );
  oneProblem(
    { compute: 'auto-mode', windowsNodes: true, ...IRSA },
    /^windowsNodes: Windows nodes are offered with managed or self-managed node groups, not auto-mode/,
  );
});

test('windows: a second group, Linux app pinned to Linux, IPAM step; Pod Identity and Arm refused', async () => {
  const r = await renderAnswers({ windowsNodes: true, ...IRSA });
  const groups = clusterOf(r).managedNodeGroups;
  assert.equal(
    groups.map((g: any) => [g.name, g.amiFamily]),
    [
      ['system', 'AmazonLinux2023'],
      ['windows', 'WindowsServer2022CoreContainer'],
    ],
  );
  assert.equal(groups[1].taints, [{ key: 'os', value: 'windows', effect: 'NoSchedule' }]);
  assert.equal(parse(r.files.get('k8s/web/20-deployment.yaml')!).spec.template.spec.nodeSelector, { 'kubernetes.io/os': 'linux' });
  // IPAM through the vpc-cni add-on's configuration, which resolveConflicts: overwrite keeps (a ConfigMap patch it would undo).
  const cni = (r2: typeof r) => JSON.parse(clusterOf(r2).addons.find((x: any) => x.name === 'vpc-cni').configurationValues);
  assert.is(cni(r).enableWindowsIpam, 'true');
  assert.is(cni(r).enableWindowsPrefixDelegation, undefined);
  assert.not.match(r.files.get('README.md')!, /kubectl patch configmap amazon-vpc-cni/);
  assert.is(cni(await renderAnswers({ windowsNodes: true, cni: { prefixDelegation: true }, ...IRSA })).enableWindowsPrefixDelegation, 'true');
  oneProblem(
    { windowsNodes: true, identity: 'pod-identity' },
    /^identity: EKS Pod Identity does not run on Windows nodes; use --identity irsa \(with --account-id\) or drop --windows-nodes$/,
  );
  oneProblem(
    { windowsNodes: true, nodeGroup: { instanceTypes: ['m7g.large'] }, ...IRSA },
    /^nodeGroup.instanceTypes: m7g\.large is an Arm \(Graviton\) type, and Windows nodes need x86_64/,
  );
  oneProblem({ compute: 'karpenter', windowsNodes: true, ...IRSA }, /^windowsNodes: /);
});

test('node options are validated field by field', () => {
  oneProblem(
    { nodeGroup: { instanceTypes: ['m7i.large', 'm7g.large'] } },
    /^nodeGroup.instanceTypes: m7i\.large is x86_64 but m7g\.large is Arm \(Graviton\); a node group runs one architecture/,
  );
  oneProblem({ amiFamily: 'AmazonLinux2' as any }, /^amiFamily: must be one of AmazonLinux2023, Bottlerocket/);
  oneProblem({ nodeGroup: { capacityType: 'cheap' as any } }, /^nodeGroup.capacityType: must be one of on-demand, spot/);
  oneProblem({ nodeGroup: { taints: ['dedicated=batch'] } }, /^nodeGroup.taints: "dedicated=batch" has no effect/);
  oneProblem(
    { nodeGroup: { taints: ['dedicated=batch:Sometimes'] } },
    /^nodeGroup.taints: "dedicated=batch:Sometimes": the effect must be one of NoSchedule, PreferNoSchedule, NoExecute/,
  );
  oneProblem({ nodeGroup: { taints: ['a:NoSchedule', 'a=b:NoSchedule'] } }, /^nodeGroup.taints: taint a with effect NoSchedule is listed twice/);
  oneProblem(
    { nodeGroup: { labels: { 'node-role.kubernetes.io/worker': '' } } },
    /^nodeGroup.labels: label node-role\.kubernetes\.io\/worker: the kubernetes\.io and k8s\.io label domains are reserved/,
  );
  oneProblem({ nodeGroup: { labels: { team: 'has space' } } }, /^nodeGroup.labels: label the value of "team" must be at most 63/);
  oneProblem({ nodeGroup: { maxUnavailable: '0' } }, /^nodeGroup.maxUnavailable: "0" is not a percentage \(1% to 100%\) or a node count/);
  oneProblem({ nodeGroup: { volumeSize: 8 } }, /^nodeGroup.volumeSize: must be a whole number from 20 to 16384/);
  oneProblem(
    { tags: { 'kubernetes.io/cluster/my-cluster': 'owned' } },
    /^tags: kubernetes\.io\/cluster\/my-cluster: eksctl and Karpenter set the kubernetes\.io\/cluster\/<name> tag themselves; drop it$/,
  );
  assert.equal(problemsOf({ compute: 'cloud' as any })[0], 'compute: must be one of managed, self-managed, fargate, karpenter, auto-mode (got "cloud")');
});

test('node taints are refused while the only pool would carry them (CoreDNS and the app would stay Pending)', () => {
  oneProblem(
    { nodeGroup: { taints: ['dedicated=batch:NoSchedule'] } },
    /^nodeGroup.taints: the only Linux node group would carry them, and CoreDNS, the add-ons and web do not tolerate them, so their pods would stay Pending/,
  );
  oneProblem(
    { compute: 'karpenter', nodeGroup: { taints: ['dedicated=batch:NoSchedule'] } },
    /^nodeGroup.taints: the only NodePool \(the system group keeps its CriticalAddonsOnly taint\) would carry them/,
  );
});

test("a node label named role is refused, not silently replaced by the tool's role=system", () => {
  oneProblem(
    { nodeGroup: { labels: { role: 'x' } } },
    /^nodeGroup.labels: role is the label create-eks-app gives each node group \(role=system, role=windows\), so yours would be replaced; choose another key$/,
  );
});

test('maxUnavailable above maxSize is refused as eksctl refuses it', () => {
  oneProblem(
    { nodeGroup: { maxUnavailable: '5', maxSize: 4 } },
    /^nodeGroup.maxUnavailable: 5 nodes at once is more than nodeGroup.maxSize 4, and eksctl refuses it \("maxUnavailable cannot be greater than maxSize"\)/,
  );
});

test('.eks-app.json re-renders every compute type to the same files', async () => {
  const { parseAnswersFile } = await import('../src/answers/file.ts');
  for (const answers of [
    { compute: 'self-managed', nodeGroup: { capacityType: 'spot', labels: { x: 'y' } } },
    { compute: 'fargate', fargate: { namespaces: ['web', 'jobs'], labels: { lane: 'fargate' } }, ...IRSA },
    {
      compute: 'karpenter',
      karpenter: { architectures: ['arm64'] },
      nodeGroup: { instanceTypes: ['m7g.large'] },
      access: 'both',
      accessEntries: [`arn:aws:iam::${ACCOUNT}:role/a=AmazonEKSViewPolicy`],
    },
    { compute: 'auto-mode', kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/mine`, logTypes: ['audit'] },
  ] as PartialAnswers[]) {
    const first = await renderAnswers(answers);
    const again = await renderAnswers(parseAnswersFile(first.files.get('.eks-app.json')!, '.eks-app.json'));
    assert.equal([...again.files], [...first.files], JSON.stringify(answers));
  }
});

test('helpers: taints and instance architectures', () => {
  assert.equal(parseTaint('a.example.com/b=c:NoExecute'), { key: 'a.example.com/b', value: 'c', effect: 'NoExecute' });
  assert.equal(parseTaint('gpu:NoSchedule'), { key: 'gpu', effect: 'NoSchedule' });
  assert.type(parseTaint('=x:NoSchedule'), 'string');
  for (const t of ['m7g.large', 'c7gn.xlarge', 'r8gd.large', 't4g.small', 'is4gen.large', 'a1.large', 'g5g.xlarge'])
    assert.is(instanceArchitecture(t), 'arm64', t);
  for (const t of ['m7i.large', 'm7a.large', 'g5.xlarge', 'c7i-flex.large', 'p4d.24xlarge', 'inf2.xlarge', 'gr6.4xlarge'])
    assert.is(instanceArchitecture(t), 'amd64', t);
});

test.run();

test('node auto repair: off unless asked; on managed groups (and Karpenter system group) eksctl gets nodeRepairConfig; elsewhere refused', async () => {
  const repairOf = (cfg: any) => cfg.managedNodeGroups?.map((g: any) => g.nodeRepairConfig);
  assert.equal(repairOf(clusterOf(await renderAnswers({}))), [undefined], 'off by default, as in eksctl');
  for (const compute of ['managed', 'karpenter'] as const) {
    const r = await renderAnswers({ compute, nodeGroup: { autoRepair: true } });
    assert.equal(repairOf(clusterOf(r)), [{ enabled: true }], compute);
    checkProject(r, `${compute} with auto repair`);
  }
  const win = await renderAnswers({ windowsNodes: true, nodeGroup: { autoRepair: true }, ...IRSA });
  assert.equal(repairOf(clusterOf(win)), [{ enabled: true }, { enabled: true }], 'the Windows group too');
  oneProblem(
    { compute: 'self-managed', nodeGroup: { autoRepair: true } },
    /^nodeGroup\.autoRepair: node auto repair is a feature of EKS managed node groups, and self-managed nodes have none; drop --node-auto-repair or use --compute managed$/,
  );
  oneProblem({ compute: 'fargate', nodeGroup: { autoRepair: true }, ...IRSA }, /^nodeGroup\.autoRepair: .*Fargate pods have none/);
  assert.is(flagName('nodeGroup.autoRepair'), 'node-auto-repair', 'the flag joins --node-min, --node-taints and the rest');
});
