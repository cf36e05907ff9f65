// Cluster access: the three authentication modes, access entries for named principals (type, access
// policy, cluster or namespace scope), and the aws-auth deprecation warning and migration note.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAccessEntry } from '../src/plan/access.ts';
import { resolve } from '../src/plan/resolve.ts';
import { ACCOUNT, checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { renderAnswers, TODAY } from './support/project.ts';

const ADMINS = `arn:aws:iam::${ACCOUNT}:role/platform-admins`;
const DEVS = `arn:aws:iam::${ACCOUNT}:role/team-a`;
const AUDIT = `arn:aws:iam::${ACCOUNT}:user/auditor`;
const NODES = `arn:aws:iam::${ACCOUNT}:role/legacy-nodes`;

test('access modes map to authenticationMode; entries render with type, policy and scope', async () => {
  const modes = { 'access-entries': 'API', both: 'API_AND_CONFIG_MAP', 'aws-auth': 'CONFIG_MAP' } as const;
  for (const [access, mode] of Object.entries(modes)) {
    const r = await renderAnswers({ access: access as keyof typeof modes });
    const c = clusterOf(r);
    assert.is(c.accessConfig.authenticationMode, mode);
    assert.is(c.accessConfig.bootstrapClusterCreatorAdminPermissions, true);
    checkProject(r, access);
  }
  const r = await renderAnswers({
    accessEntries: [
      `${ADMINS}=AmazonEKSClusterAdminPolicy`,
      `${DEVS}=AmazonEKSEditPolicy@team-a+team-a-jobs`,
      `${AUDIT}=AmazonEKSViewPolicy`,
      `${NODES}=EC2_LINUX`,
    ],
  });
  checkProject(r, 'entries');
  assert.equal(clusterOf(r).accessConfig.accessEntries, [
    {
      principalARN: ADMINS,
      accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
    },
    {
      principalARN: DEVS,
      accessPolicies: [
        { policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', accessScope: { type: 'namespace', namespaces: ['team-a', 'team-a-jobs'] } },
      ],
    },
    { principalARN: AUDIT, accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'cluster' } }] },
    { principalARN: NODES, type: 'EC2_LINUX' },
  ]);
  assert.match(r.files.get('README.md')!, /\*\*Access entries\*\* for the principals you named/);
  // Access policy ARNs follow the partition.
  const cn = await renderAnswers({ region: 'cn-north-1', accessEntries: [`arn:aws-cn:iam::${ACCOUNT}:role/ops=AmazonEKSAdminPolicy@ops`] });
  assert.is(clusterOf(cn).accessConfig.accessEntries[0].accessPolicies[0].policyARN, 'arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy');
});

test('aws-auth: deprecation warning, comment, README note and migration step; both keeps entries and points to the move', async () => {
  const r = await renderAnswers({ access: 'aws-auth' });
  assert.ok(r.plan.warnings.some((w) => /^access aws-auth uses the aws-auth ConfigMap \(authenticationMode CONFIG_MAP\), which EKS has deprecated/.test(w)));
  assert.match(r.files.get('eksctl/cluster.yaml')!, /# The aws-auth ConfigMap only\. EKS has deprecated it/);
  const readme = r.files.get('README.md')!;
  assert.match(readme, /## Warnings\n\n- access aws-auth uses the aws-auth ConfigMap/);
  assert.match(readme, /\*\*The aws-auth ConfigMap\*\* \(`authenticationMode: CONFIG_MAP`\), as you asked\. EKS has deprecated it/);
  assert.match(
    readme,
    /### Move from the aws-auth ConfigMap to access entries[\s\S]*eksctl utils migrate-to-access-entry --cluster my-cluster --region us-east-1 --target-authentication-mode API --approve/,
  );
  const both = await renderAnswers({ access: 'both', accessEntries: [`${ADMINS}=AmazonEKSClusterAdminPolicy`] });
  assert.is(clusterOf(both).accessConfig.accessEntries.length, 1);
  assert.match(both.files.get('README.md')!, /### Move from the aws-auth ConfigMap to access entries/);
  assert.not.match((await renderAnswers({})).files.get('README.md')!, /aws-auth ConfigMap to access entries/);
});

test('access entries: each mistake gives one clear error', () => {
  oneProblem(
    { access: 'aws-auth', accessEntries: [`${ADMINS}=AmazonEKSClusterAdminPolicy`] },
    /^accessEntries: access entries need --access access-entries or both; with aws-auth, map principals in the aws-auth ConfigMap instead$/,
  );
  oneProblem(
    { accessEntries: [ADMINS] },
    /^accessEntries: "arn:aws:iam::111122223333:role\/platform-admins" is not an access entry; write <principal ARN>=<policy>/,
  );
  oneProblem(
    { accessEntries: [`arn:aws:sts::${ACCOUNT}:assumed-role/admins/me=AmazonEKSViewPolicy`] },
    /^accessEntries: arn:aws:sts::111122223333:assumed-role\/admins\/me is a session ARN; name the IAM role itself/,
  );
  oneProblem({ accessEntries: [`arn:aws:iam::*:role/x=AmazonEKSViewPolicy`] }, /^accessEntries: "arn:aws:iam::\*:role\/x" is not an IAM role or user ARN/);
  oneProblem(
    { accessEntries: [`${ADMINS}=AmazonEKSRootPolicy`] },
    /^accessEntries: "AmazonEKSRootPolicy" is neither an access policy nor a node type; use one of AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy/,
  );
  oneProblem(
    { accessEntries: [`${ADMINS}=AmazonEKSBlockStoragePolicy`] },
    /^accessEntries: AmazonEKSBlockStoragePolicy is reserved for AWS service-linked roles/,
  );
  oneProblem(
    { accessEntries: [`${ADMINS}=AmazonEKSClusterAdminPolicy@web`] },
    /^accessEntries: AmazonEKSClusterAdminPolicy is a cluster-wide policy; drop @web or use AmazonEKSAdminPolicy@web/,
  );
  oneProblem({ accessEntries: [`${DEVS}=AmazonEKSEditPolicy@Team_A`] }, /^accessEntries: "Team_A" is not a namespace/);
  oneProblem({ accessEntries: [`${NODES}=EC2_LINUX@web`] }, /^accessEntries: "EC2_LINUX@web" is neither an access policy nor a node type/);
  oneProblem(
    { accessEntries: [`${ADMINS}=AmazonEKSViewPolicy`, `${ADMINS}=AmazonEKSEditPolicy@web`] },
    /^accessEntries: arn:aws:iam::111122223333:role\/platform-admins is listed twice; give one entry per principal$/,
  );
  oneProblem(
    { region: 'cn-north-1', accessEntries: [`${ADMINS}=AmazonEKSViewPolicy`] },
    /^accessEntries: arn:aws:iam::111122223333:role\/platform-admins is in partition aws, but cn-north-1 is in aws-cn/,
  );
  oneProblem(
    { compute: 'karpenter', accountId: ACCOUNT, accessEntries: [`arn:aws:iam::${ACCOUNT}:role/my-cluster-karpenter-node=EC2_LINUX`] },
    /^accessEntries: my-cluster-karpenter-node is Karpenter's node role, whose EC2_LINUX entry the project already creates/,
  );
  oneProblem({ access: 'config-map' as any }, /^access: must be one of access-entries, both, aws-auth/);
});

test('access entry grammar', () => {
  assert.equal(parseAccessEntry(`${NODES}=EC2_WINDOWS`), { principalARN: NODES, type: 'EC2_WINDOWS', namespaces: [] });
  assert.equal(parseAccessEntry(`${DEVS}=AmazonEKSAdminPolicy@a+b`), {
    principalARN: DEVS,
    type: 'STANDARD',
    policy: 'AmazonEKSAdminPolicy',
    namespaces: ['a', 'b'],
  });
  // Role names may contain "=", "@" and "+"; the last "=" separates the policy.
  assert.equal(parseAccessEntry(`arn:aws:iam::${ACCOUNT}:role/path/a=b@c=AmazonEKSViewPolicy`), {
    principalARN: `arn:aws:iam::${ACCOUNT}:role/path/a=b@c`,
    type: 'STANDARD',
    policy: 'AmazonEKSViewPolicy',
    namespaces: [],
  });
  assert.type(parseAccessEntry(`${NODES}=FARGATE_LINUX`), 'object');
  assert.type(parseAccessEntry(`${NODES}=HYBRID`), 'string');
  assert.is(resolve({ accessEntries: [`${NODES}=FARGATE_LINUX`] }, TODAY).access.entries[0].type, 'FARGATE_LINUX');
});

test.run();
