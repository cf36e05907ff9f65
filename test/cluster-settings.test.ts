// Cluster settings enterprises ask for first: extended support chosen ahead of time, the control
// plane tier, zonal shift, log retention, the Service range and an admin other than the creator.
// Each reaches cluster.yaml as eksctl spells it (upstream examples 45 and 46), passes the oracles,
// and a wrong value is one line naming its field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KUBERNETES_VERSIONS, supportStatus } from '../src/data/versions.ts';
import { ACCOUNT, checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { renderAnswers, TODAY } from './support/project.ts';

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admins=AmazonEKSClusterAdminPolicy`;

test('defaults: standard support, no tier or zonal shift written, logs kept 90 days, the creator is admin', async () => {
  const cfg = clusterOf(await renderAnswers({}));
  assert.is(cfg.upgradePolicy.supportType, 'STANDARD');
  assert.is(cfg.controlPlaneScalingConfig, undefined);
  assert.is(cfg.zonalShiftConfig, undefined);
  assert.is(cfg.cloudWatch.clusterLogging.logRetentionInDays, 90);
  assert.is(cfg.accessConfig.bootstrapClusterCreatorAdminPermissions, true);
  assert.is(cfg.kubernetesNetworkConfig.serviceIPv4CIDR, undefined);
});

test('upgrade policy EXTENDED for a version in standard support (example 45), and the README says what it costs', async () => {
  const standard = KUBERNETES_VERSIONS.find((v) => supportStatus(v.version, TODAY) === 'standard')!.version;
  const r = await renderAnswers({ kubernetesVersion: standard, supportType: 'extended' });
  assert.is(clusterOf(r).upgradePolicy.supportType, 'EXTENDED');
  assert.match(r.files.get('README.md')!, /supportType: EXTENDED`, as you asked: when standard support ends the cluster stays on this version/);
  checkProject(r, 'extended by choice');
  const extended = KUBERNETES_VERSIONS.find((v) => supportStatus(v.version, TODAY) === 'extended')!.version;
  assert.is(
    clusterOf(await renderAnswers({ kubernetesVersion: extended })).upgradePolicy.supportType,
    'EXTENDED',
    'a version in extended support defaults to it',
  );
  oneProblem({ kubernetesVersion: extended, supportType: 'standard' }, /^supportType: Kubernetes \S+ is in extended support already/);
});

test('control plane tier (example 46), zonal shift, log retention and the Service range reach cluster.yaml and pass the oracles', async () => {
  const r = await renderAnswers({ controlPlaneTier: 'tier-xl', zonalShift: true, logRetentionDays: 365, serviceIpv4Cidr: '172.20.0.0/16' });
  const cfg = clusterOf(r);
  assert.equal(cfg.controlPlaneScalingConfig, { tier: 'tier-xl' });
  assert.equal(cfg.zonalShiftConfig, { enabled: true });
  assert.is(cfg.cloudWatch.clusterLogging.logRetentionInDays, 365);
  assert.is(cfg.kubernetesNetworkConfig.serviceIPv4CIDR, '172.20.0.0/16');
  assert.match(r.files.get('README.md')!, /\*\*Provisioned control plane\*\* `tier-xl`/);
  checkProject(r, 'cluster settings');
  oneProblem({ controlPlaneTier: 'tier-3xl' as never }, /^controlPlaneTier: must be one of standard, tier-xl, tier-2xl, tier-4xl, tier-8xl/);
  oneProblem({ logRetentionDays: 100 }, /^logRetentionDays: CloudWatch Logs keeps logs for 1, 3, .* days; 100 is not one of them$/);
  oneProblem({ serviceIpv4Cidr: '100.64.0.0/16' }, /^serviceIpv4Cidr: 100\.64\.0\.0\/16: EKS takes a \/12 to \/24 inside 10\.0\.0\.0\/8/);
  oneProblem({ serviceIpv4Cidr: '192.168.0.0/20' }, /^serviceIpv4Cidr: 192\.168\.0\.0\/20 overlaps the VPC's 192\.168\.0\.0\/16/);
  oneProblem({ serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv6' }, /^serviceIpv4Cidr: IPv6 clusters give Services IPv6 addresses/);
});

test('the creator need not be admin, when an access entry names the admins', async () => {
  const r = await renderAnswers({ creatorAdmin: false, accessEntries: [ADMIN] });
  assert.is(clusterOf(r).accessConfig.bootstrapClusterCreatorAdminPermissions, false);
  assert.match(
    r.files.get('README.md')!,
    /gets no access \(`bootstrapClusterCreatorAdminPermissions: false`\): run the kubectl and helm steps as one of the principals/,
  );
  checkProject(r, 'no creator admin');
  oneProblem(
    { creatorAdmin: false },
    /^creatorAdmin: without it nobody could administer the cluster; give --access-entries <role ARN>=AmazonEKSClusterAdminPolicy/,
  );
});

test('access entries as in eksctl example 40: Kubernetes groups, a namespace-scoped viewer with a wildcard, a cluster admin, no creator admin', async () => {
  const r = await renderAnswers({
    creatorAdmin: false,
    accessEntries: [
      `arn:aws:iam::${ACCOUNT}:user/my-user-name=groups:group1+group2`,
      `arn:aws:iam::${ACCOUNT}:role/role-name-1=AmazonEKSViewPolicy@default+my-namespace+dev-*`,
      ADMIN,
    ],
  });
  const access = clusterOf(r).accessConfig;
  assert.is(access.bootstrapClusterCreatorAdminPermissions, false);
  assert.equal(access.accessEntries[0], { principalARN: `arn:aws:iam::${ACCOUNT}:user/my-user-name`, kubernetesGroups: ['group1', 'group2'] });
  assert.equal(access.accessEntries[1].accessPolicies[0].accessScope, { type: 'namespace', namespaces: ['default', 'my-namespace', 'dev-*'] });
  assert.match(r.files.get('README.md')!, /Entries with `kubernetesGroups` grant nothing by themselves: bind those groups/);
  checkProject(r, 'example 40');
  oneProblem(
    { accessEntries: [`arn:aws:iam::${ACCOUNT}:role/x=groups:system:masters`] },
    /^accessEntries: "system:masters" is not a Kubernetes group an access entry may give/,
  );
});

test('an access entry names its Kubernetes user: kubernetesUsername beside groups or a policy; the reserved prefixes of EKS refused', async () => {
  const r = await renderAnswers({
    accessEntries: [
      `arn:aws:iam::${ACCOUNT}:role/dev=groups:dev-team;username:dev-{{SessionName}}`,
      `arn:aws:iam::${ACCOUNT}:role/ops=AmazonEKSViewPolicy;username:ops`,
    ],
  });
  checkProject(r, 'usernames');
  const [dev, ops] = clusterOf(r).accessConfig.accessEntries;
  assert.equal(dev, { principalARN: `arn:aws:iam::${ACCOUNT}:role/dev`, kubernetesUsername: 'dev-{{SessionName}}', kubernetesGroups: ['dev-team'] });
  assert.is(ops.kubernetesUsername, 'ops');
  assert.is(ops.accessPolicies[0].policyARN, 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy');
  oneProblem(
    { accessEntries: [`arn:aws:iam::${ACCOUNT}:role/x=groups:a;username:system:admin`] },
    /^accessEntries: username system:admin: EKS keeps user names starting system: for itself/,
  );
  oneProblem({ accessEntries: [`arn:aws:iam::${ACCOUNT}:role/x=groups:a;username:a b`] }, /^accessEntries: "a b" is not a Kubernetes user name/);
});

test('an OIDC identity provider as in eksctl example 27: in cluster.yaml, associated by a README step after the cluster, explained', async () => {
  const issuerUrl = 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_Ur78RxTra';
  const r = await renderAnswers({
    region: 'us-west-2',
    tags: { team: 'platform' },
    oidcProvider: { issuerUrl, clientId: '10basodnbu3gs9b1bf9r566btu', usernameClaim: 'email' },
  });
  checkProject(r, 'example 27');
  assert.equal(clusterOf(r).identityProviders, [
    {
      type: 'oidc',
      name: 'oidc',
      issuerURL: issuerUrl,
      clientID: '10basodnbu3gs9b1bf9r566btu',
      usernameClaim: 'email',
      usernamePrefix: 'oidc:',
      groupsClaim: 'groups',
      groupsPrefix: 'oidc:',
      tags: { team: 'platform' },
    },
  ]);
  const readme = r.files.get('README.md')!;
  const create = readme.indexOf('eksctl create cluster');
  const associate = readme.search(/eksctl associate identityprovider --config-file \S*.*eksctl\/cluster\.yaml\S* --wait/);
  assert.ok(create >= 0 && associate > create, 'associated once the cluster exists');
  assert.match(readme, /\*\*OIDC sign-in\*\*.*`oidc:<email>`.*get nothing until you bind them/);
  // Without groups in the tokens, no groups prefix is written either.
  const noGroups = clusterOf(await renderAnswers({ oidcProvider: { issuerUrl, clientId: 'c', groupsClaim: '' } }));
  assert.equal([noGroups.identityProviders[0].groupsClaim, noGroups.identityProviders[0].groupsPrefix], [undefined, undefined]);
  assert.is(clusterOf(await renderAnswers({})).identityProviders, undefined, 'none unless asked for');
  oneProblem({ oidcProvider: { issuerUrl } }, /^oidcProvider\.clientId: required with an issuer/);
  oneProblem(
    { oidcProvider: { issuerUrl: 'http://idp.example.com', clientId: 'c' } },
    /^oidcProvider\.issuerUrl: "http:\/\/idp\.example\.com" is not an issuer URL; EKS takes https:/,
  );
  oneProblem(
    { oidcProvider: { issuerUrl, clientId: 'c', usernamePrefix: 'system:x' } },
    /^oidcProvider\.usernamePrefix: a username prefix holding system: would reach the names Kubernetes keeps/,
  );
});

test.run();
