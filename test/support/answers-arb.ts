// Answer sets generated from the question registry itself, so every answer key (today's and
// tomorrow's) is exercised: valid-leaning ones (cohered) and hostile ones.
import fc from 'fast-check';
import { QUESTIONS, type Question } from '../../src/answers/registry.ts';
import { setPath } from '../../src/answers/paths.ts';
import type { PartialAnswers } from '../../src/answers/types.ts';
import { TODAY } from './project.ts';

const HOSTILE = ['', ' ', 'a"b', "it's", 'k: v', '# c', 'line\nbreak', '{{x}}', '日本', '-x', 'x'.repeat(300), '\u2028'];
// Text AWS accepts in tag values, YAML-significant where it can be: it must come through escaping intact.
const PRINTABLE = ['prod', 'a value with spaces', 'k: v', 'ünïcødé 日本', '- dash', 'a=b/c@d+e_f.g', '', 'x'.repeat(256)];

// Values for free-text keys: good ones (valid alone) and bad ones; other keys use their own choices.
const GOOD: Record<string, string[]> = {
  name: ['my-cluster', 'prod-eu-1', 'a'],
  upgradeFrom: [''],
  accountId: ['', '123456789012'],
  'app.name': ['web', 'api', 'a-b-c'],
  'app.namespace': ['web', 'shop'],
  'app.image': [
    'public.ecr.aws/nginx/nginx-unprivileged:1.30.4-alpine',
    'ghcr.io/acme/api:1.2.3',
    `registry.example.com:5000/team/app@sha256:${'a'.repeat(64)}`,
  ],
  publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
  'nodeGroup.instanceTypes': ['m7i.large', 'm6i.xlarge', 'c6i.2xlarge'],
  kmsKeyArn: [''],
  serviceIpv4Cidr: ['', '172.20.0.0/16', '10.100.0.0/16'],
  'addon.externalDns.hostedZoneIds': ['Z0123456789ABCDEFGHIJ'],
  'addon.secretsStoreCsiDriverProviderAws.secretName': ['prod/web/db'],
  'nodeGroup.ami': ['', 'ami-0123456789abcdef0'],
  permissionsBoundaryArn: ['', 'arn:aws:iam::123456789012:policy/eks-boundary'],
  'oidcProvider.issuerUrl': ['', 'https://example.okta.com/oauth2/default'],
  'oidcProvider.clientId': ['0oa1b2c3d4e5f6g7h8i9'],
  'oidcProvider.usernameClaim': ['sub', 'email', 'cognito:username'],
  'app.roleArn': [''],
  'app.managedPolicyArns': ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/team/read-config'],
  'nodeGroup.securityGroups': ['sg-0123456789abcdef0', 'sg-01234567'],
  'nodeGroup.preBootstrapCommands': ['echo ready', 'sysctl -w vm.max_map_count=262144'],
  'tls.certificateArn': ['', 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666'],
  'tls.domain': ['', 'web.example.com', '*.example.com'],
  'tls.hostedZoneId': [''],
  'app.hostname': ['', 'web.example.com'],
  ingressSourceCidrs: ['198.51.100.0/24', '203.0.113.7/32'],
  wafAclArn: ['', 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/0a1b2c3d-1111-2222-3333-444455556666'],
  'argocd.idcInstanceArn': ['', 'arn:aws:sso:::instance/ssoins-0123456789abcdef'],
  'argocd.idcRegion': ['', 'us-west-2'],
  'argocd.adminGroupIds': ['9067c4a2-10b1-70a1-1234-0123456789ab'],
  'argocd.repoUrl': ['', 'https://github.com/acme/platform.git', 'git@github.com:acme/platform.git'],
  'argocd.revision': ['main', 'release/v1'],
  ackPolicyArns: ['arn:aws:iam::123456789012:policy/ack-s3-buckets'],
};
export const BAD: Record<string, string[]> = {
  name: ['x'.repeat(101), '9lives', 'bad_name', '-lead'],
  accountId: ['12345', 'abc'],
  'app.name': ['Web', '1api'],
  'app.namespace': ['kube-system', 'default', 'UPPER'],
  'app.image': ['nginx:latest', 'nginx', 'UPPER/case:1'],
  publicAccessCidrs: ['0.0.0.0/0', '10.0.0.1/8', 'nope', '2001:db8::/32'],
  'nodeGroup.instanceTypes': ['bogus', 'm7i'],
  serviceIpv4Cidr: ['100.64.0.0/16', '10.0.0.0/8', '2001:db8::/108'],
  'nodeGroup.ami': ['ami-xyz', 'my-ami'],
  permissionsBoundaryArn: ['boundary', 'arn:aws:iam::123456789012:role/x'],
  'oidcProvider.issuerUrl': ['http://idp.example.com', 'https://idp.example.com/?tenant=1'],
  'oidcProvider.usernamePrefix': ['system:x', 'has space'],
  'app.roleArn': ['my-role', 'arn:aws:iam::123456789012:policy/x'],
  'nodeGroup.securityGroups': ['sg-1', 'default'],
  kmsKeyArn: ['not-an-arn', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  'tls.certificateArn': ['arn:aws:acm:us-east-1:123:certificate/x', 'arn:aws:iam::123456789012:server-certificate/x'],
  'tls.domain': ['Example.COM', 'a..b', '*.*.example.com'],
  'app.hostname': ['*.example.com', 'no_underscore.example.com'],
  ingressSourceCidrs: ['10.0.0.1/8', 'anywhere'],
  wafAclArn: ['arn:aws:waf::123456789012:webacl/x'],
  'argocd.idcInstanceArn': ['arn:aws:sso:::instance/x', 'ssoins-0123456789abcdef'],
  'argocd.repoUrl': ['github.com/acme/platform', 'ftp://example.com/repo'],
  'argocd.revision': ['-main', 'a..b'],
  ackPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess', 'ack'],
};

// Maps whose keys are field names of their own: whole values, good and bad.
const GOOD_MAPS: Record<string, Record<string, string>[]> = {
  'nodeGroup.kubelet': [
    {},
    { podPidsLimit: '4096' },
    { 'evictionHard.memory.available': '500Mi', imageGCHighThresholdPercent: '90', 'kubeReserved.cpu': '250m' },
  ],
  'nodeGroup.bottlerocketSettings': [{}, { motd: 'hello' }, { 'kubernetes.image-gc-high-threshold-percent': '75' }],
};
const BAD_MAPS: Record<string, Record<string, string>[]> = {
  'nodeGroup.kubelet': [{ maxPods: '50' }, { imageGCHighThresholdPercent: '50' }, { cpuManagerPolicy: 'fast' }],
  'nodeGroup.bottlerocketSettings': [{ 'kubernetes.max-pods': '5' }, { 'Not A Path': 'x' }],
};

function valueArb(q: Question, hostile: boolean): fc.Arbitrary<unknown> | undefined {
  if (GOOD_MAPS[q.key]) return fc.constantFrom(...GOOD_MAPS[q.key], ...(hostile ? BAD_MAPS[q.key] : []));
  const choices = q.choices?.({}, TODAY).map((c) => c.value) ?? [];
  const pool = hostile ? [...(GOOD[q.key] ?? choices), ...(BAD[q.key] ?? HOSTILE)] : (GOOD[q.key] ?? choices);
  switch (q.kind) {
    case 'boolean':
      return hostile ? fc.boolean() : fc.constantFrom(false, false, false, true);
    case 'integer':
      return hostile ? fc.integer({ min: -5, max: 70000 }) : undefined;
    case 'list':
      return pool.length ? fc.subarray(pool, { minLength: hostile ? 0 : 1, maxLength: Math.min(3, pool.length) }) : undefined;
    case 'map': {
      // Tags take free text; Kubernetes labels only label-safe text.
      const free = q.key === 'tags';
      const keys = free ? ['team', 'env', 'cost center', 'a/b'] : ['team', 'env', 'example.com/tier'];
      const values = free ? PRINTABLE : ['a', 'prod', 'blue-1', ''];
      return fc.dictionary(
        fc.constantFrom(...keys, ...(hostile ? ['aws:x', '', 'kubernetes.io/x'] : [])),
        fc.constantFrom(...values, ...(hostile ? HOSTILE : [])),
        { maxKeys: 3 },
      );
    }
    default:
      return pool.length ? fc.constantFrom(...pool) : hostile ? fc.constantFrom(...HOSTILE) : undefined;
  }
}

/** Repairs the few pairings that are always refused, so the valid-leaning generator mostly yields valid sets. */
function cohere(a: PartialAnswers): PartialAnswers {
  if (a.endpoint === 'private') delete a.publicAccessCidrs;
  // Without the creator as admin an access entry must name the admins: covered by test/cluster-settings.test.ts.
  if (a.creatorAdmin === false) delete a.creatorAdmin;
  if (a.supportType === 'standard') delete a.supportType;
  if (a.ipFamily === 'ipv6' || a.vpcId) delete a.serviceIpv4Cidr;
  if ((a.endpoint === 'public' || a.endpoint === 'public-private') && !a.publicAccessCidrs?.length) a.publicAccessCidrs = ['203.0.113.0/24'];
  if (a.publicAccessCidrs?.length && a.endpoint === undefined) a.endpoint = 'public-private';
  if (a.ipFamily === 'ipv6') delete a.natGateway;
  // No NAT means a fully private cluster with images from private ECR: covered by test/network.test.ts.
  if (a.natGateway === 'Disable') delete a.natGateway;
  if (a.ipFamily === 'ipv6') {
    delete a.cni?.prefixDelegation;
    delete a.cni?.externalSnat;
    if (a.compute === 'auto-mode') delete a.ipFamily;
  }
  if (a.volumeSnapshots && !a.storage?.includes('ebs')) a.volumeSnapshots = false;
  if (a.windowsNodes && a.compute !== undefined && a.compute !== 'managed' && a.compute !== 'self-managed') a.windowsNodes = false;
  if (a.ipFamily === 'ipv6' && (a.compute === 'self-managed' || a.windowsNodes)) delete a.ipFamily;
  if (a.compute === 'fargate' || a.windowsNodes) a.identity = 'irsa';
  delete a.cni?.customNetworking; // needs an existing VPC with a secondary CIDR: covered by test/network.test.ts
  if (a.autoMode?.nodePools && !a.autoMode.nodePools.includes('general-purpose')) a.autoMode = { nodePools: ['general-purpose', ...a.autoMode.nodePools] };
  if (a.identity === 'irsa' && !a.accountId) a.accountId = '123456789012';
  // ARNs of the standard partition; a boundary cannot cover the default vpc-cni association of IPv6.
  if (a.region?.startsWith('cn-') || a.region?.startsWith('us-gov-')) {
    delete a.permissionsBoundaryArn;
    if (a.app) delete a.app.managedPolicyArns;
  }
  if (a.ipFamily === 'ipv6') delete a.permissionsBoundaryArn;
  // An issuer and its client ID come together.
  if (a.oidcProvider?.issuerUrl && !a.oidcProvider.clientId) a.oidcProvider.clientId = '0oa1b2c3d4e5f6g7h8i9';
  if (a.oidcProvider?.clientId && !a.oidcProvider.issuerUrl) delete a.oidcProvider.clientId;
  // Node settings belong to one AMI family, and a custom AMI excludes the maxPods prefix delegation sets.
  if (a.nodeGroup) {
    const bottlerocket = a.amiFamily === 'Bottlerocket';
    if (bottlerocket) for (const k of ['kubelet', 'preBootstrapCommands'] as const) delete a.nodeGroup[k];
    else for (const k of ['bottlerocketSettings', 'bottlerocketAdminContainer'] as const) delete a.nodeGroup[k];
    if (a.cni?.prefixDelegation) delete a.nodeGroup.ami;
    if (a.compute === 'fargate' || a.compute === 'auto-mode')
      for (const k of ['ami', 'kubelet', 'preBootstrapCommands', 'volumeType', 'securityGroups', 'bottlerocketSettings', 'bottlerocketAdminContainer'] as const)
        delete a.nodeGroup[k];
  }
  // The edge belongs to a load balancer in the cluster's region; a requested certificate names the host.
  const lb = (a.ingress === 'alb' || a.ingress === 'nlb') && a.compute !== 'auto-mode';
  if (!lb || (a.region && a.region !== 'us-east-1')) {
    delete a.tls;
    delete a.wafAclArn;
  }
  if (!lb) {
    if (a.app) delete a.app.hostname;
    delete a.ingressSourceCidrs;
  }
  if (a.tls?.certificateArn && a.tls.domain) delete a.tls.certificateArn;
  if (a.tls?.domain && a.app?.hostname) a.app.hostname = a.tls.domain.replace('*', 'www');
  if (a.ingress !== 'alb') delete a.wafAclArn;
  if (lb && a.addon?.awsLoadBalancerController?.scheme === 'internet-facing' && !a.ingressSourceCidrs?.length) a.ingressSourceCidrs = ['198.51.100.0/24'];
  // Capabilities: GitOps needs Argo CD and a repository, Argo CD an Identity Center instance, ACK its policies.
  const standard = !a.region?.startsWith('cn-') && !a.region?.startsWith('us-gov-');
  if (!standard || a.access === 'aws-auth') {
    delete a.capabilities;
    delete a.gitops;
  }
  if (a.gitops === 'argocd') {
    a.capabilities = [...new Set([...(a.capabilities ?? []), 'argocd' as const])];
    a.argocd = { ...a.argocd, repoUrl: a.argocd?.repoUrl || 'https://github.com/acme/platform.git' };
    if (a.tls) delete a.tls.domain;
  } else if (a.argocd) delete a.argocd.repoUrl;
  if (a.capabilities?.includes('argocd'))
    a.argocd = { ...a.argocd, idcInstanceArn: a.argocd?.idcInstanceArn || 'arn:aws:sso:::instance/ssoins-0123456789abcdef' };
  else if (a.argocd) a.argocd = a.argocd.revision ? { revision: a.argocd.revision } : {};
  if (a.capabilities?.includes('ack')) a.ackPolicyArns = a.ackPolicyArns?.length ? a.ackPolicyArns : ['arn:aws:iam::123456789012:policy/ack-s3-buckets'];
  else delete a.ackPolicyArns;
  if (a.capabilities?.length) delete a.permissionsBoundaryArn;
  return a;
}

/** Each question is given with some probability, otherwise left to its default. */
export function answersArb(hostile: boolean): fc.Arbitrary<PartialAnswers> {
  const keyed = QUESTIONS.map((q) => [q.key, valueArb(q, hostile)] as const).filter((x): x is readonly [string, fc.Arbitrary<unknown>] => x[1] !== undefined);
  return fc.tuple(...keyed.map(([, arb]) => fc.option(arb, { freq: hostile ? 2 : 6, nil: undefined }))).map((values) => {
    const a: PartialAnswers = {};
    values.forEach((v, i) => {
      if (v !== undefined) setPath(a, keyed[i][0], v);
    });
    return hostile ? a : cohere(a);
  });
}

/** A value of the wrong type for the question's kind: no rule may let it through. */
export function wrongType(q: Question): unknown {
  switch (q.kind) {
    case 'boolean':
      return 'yes';
    case 'integer':
      return 'seven';
    case 'list':
      return 'not-a-list';
    case 'map':
      return ['not', 'a', 'map'];
    default:
      return 42;
  }
}

/** Values refused whatever the other answers are (0.0.0.0/0 is allowed with allowPublicInternet; a key ARN in the cluster's own region and account is fine). */
export const ALWAYS_BAD: Record<string, string[]> = Object.fromEntries(
  Object.entries(BAD).map(([k, vs]) => [k, vs.filter((v) => v !== '0.0.0.0/0' && !v.startsWith('arn:aws:kms:'))]),
);
