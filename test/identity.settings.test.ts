// Enterprise identity settings: a permissions boundary on every role the project creates, managed
// policies on the application's role, and an existing role bound instead of a new one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { renderAnswers } from './support/project.ts';

const BOUNDARY = 'arn:aws:iam::111122223333:policy/eks-boundary';
const IRSA = { identity: 'irsa', accountId: '111122223333' } as const;

test('a permissions boundary reaches every role eksctl, the add-ons and Karpenter create', async () => {
  for (const answers of [
    { compute: 'karpenter', addons: ['aws-load-balancer-controller'], storage: ['ebs'] },
    { ...IRSA, compute: 'self-managed', addons: ['aws-load-balancer-controller'], storage: ['ebs'] },
    { ...IRSA, compute: 'fargate' },
  ] as const) {
    const r = await renderAnswers({ ...answers, permissionsBoundaryArn: BOUNDARY } as never);
    const label = `${answers.compute} ${('identity' in answers && answers.identity) || 'pod-identity'}`;
    checkProject(r, label);
    const cfg = clusterOf(r);
    assert.is(cfg.iam.serviceRolePermissionsBoundary, BOUNDARY, `${label}: the cluster role`);
    for (const g of [...(cfg.managedNodeGroups ?? []), ...(cfg.nodeGroups ?? [])])
      assert.is(g.iam?.instanceRolePermissionsBoundary, BOUNDARY, `${label}: node group ${g.name}`);
    if (cfg.fargateProfiles) assert.is(cfg.iam.fargatePodExecutionRolePermissionsBoundary, BOUNDARY, `${label}: the pod execution role`);
    for (const x of cfg.iam.podIdentityAssociations ?? []) assert.is(x.permissionsBoundaryARN, BOUNDARY, `${label}: ${x.roleName}`);
    for (const x of cfg.iam.serviceAccounts ?? []) assert.is(x.permissionsBoundary, BOUNDARY, `${label}: ${x.roleName}`);
    for (const addon of cfg.addons ?? []) {
      for (const x of addon.podIdentityAssociations ?? []) assert.is(x.permissionsBoundaryARN, BOUNDARY, `${label}: ${addon.name}`);
      if (addon.attachPolicy) assert.is(addon.permissionsBoundary, BOUNDARY, `${label}: ${addon.name}`);
    }
    const cfn = r.files.get('cloudformation/karpenter.json');
    if (cfn) assert.is(JSON.parse(cfn).Resources.KarpenterNodeRole.Properties.PermissionsBoundary, BOUNDARY, `${label}: Karpenter's node role`);
    assert.match(r.files.get('README.md')!, /\*\*Permissions boundary\*\*/);
  }
  const auto = clusterOf(await renderAnswers({ compute: 'auto-mode', permissionsBoundaryArn: BOUNDARY }));
  assert.is(auto.autoModeConfig.permissionsBoundaryARN, BOUNDARY, 'Auto Mode node role');
});

test('managed policies join the application role; an existing role is bound and nothing is created for it', async () => {
  const s3 = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
  const pi = clusterOf(await renderAnswers({ app: { managedPolicyArns: [s3] } }));
  assert.equal(pi.iam.podIdentityAssociations.find((x: any) => x.serviceAccountName === 'web').permissionPolicyARNs, [s3]);
  const irsa = clusterOf(await renderAnswers({ ...IRSA, app: { managedPolicyArns: [s3] } }));
  assert.equal(irsa.iam.serviceAccounts.find((x: any) => x.metadata.name === 'web').attachPolicyARNs, [s3]);

  const mine = 'arn:aws:iam::111122223333:role/platform/shop-web';
  const r = await renderAnswers({ accountId: '111122223333', app: { roleArn: mine } });
  checkProject(r, 'existing role');
  const entry = clusterOf(r).iam.podIdentityAssociations.find((x: any) => x.serviceAccountName === 'web');
  assert.equal(entry, { namespace: 'web', serviceAccountName: 'web', roleARN: mine }, 'bound, not created');
  assert.match(r.files.get('README.md')!, /The application's role is yours/);
  const withIrsa = await renderAnswers({ ...IRSA, app: { roleArn: mine } });
  assert.not.ok(
    clusterOf(withIrsa).iam.serviceAccounts?.some((x: any) => x.metadata.name === 'web'),
    'IRSA: eksctl creates no role for it',
  );
  assert.match(withIrsa.files.get('k8s/web/10-serviceaccount.yaml')!, /eks\.amazonaws\.com\/role-arn: "arn:aws:iam::111122223333:role\/platform\/shop-web"/);
});

test('wrong identity settings are one line naming the field', () => {
  oneProblem({ permissionsBoundaryArn: 'eks-boundary' }, /^permissionsBoundaryArn: "eks-boundary" is not an IAM policy ARN/);
  oneProblem({ region: 'cn-north-1', permissionsBoundaryArn: BOUNDARY }, /^permissionsBoundaryArn: .* is in partition aws, and cn-north-1 is in aws-cn/);
  oneProblem(
    { app: { managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
    /^app\.managedPolicyArns: .*AdministratorAccess gives the application the whole account/,
  );
  oneProblem(
    { accountId: '111122223333', app: { roleArn: 'arn:aws:iam::999999999999:role/x' } },
    /^app\.roleArn: the role is in account 999999999999, not the cluster's 111122223333/,
  );
  oneProblem(
    { app: { roleArn: 'arn:aws:iam::111122223333:role/x', managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } },
    /^app\.managedPolicyArns: .* is an existing role, which this project does not change/,
  );
  oneProblem(
    { ipFamily: 'ipv6', permissionsBoundaryArn: BOUNDARY },
    /^permissionsBoundaryArn: an IPv6 cluster gives vpc-cni its role through eksctl's default Pod Identity association/,
  );
});

test.run();
