// eksctl's own rules, as a table. The cases are the ones eksctl v0.230.0 tests in
// pkg/apis/eksctl.io/v1alpha5 (validation_test.go, managed_nodegroup_test.go,
// access_entry_validation_test.go, addon_test.go, auto_mode_validation_test.go, defaults_test.go,
// identitymapping_test.go) and pkg/ctl (configfile_test.go, create/cluster_test.go): the same
// inputs, and the same verdict, valid or an error quoting eksctl's reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { checkEksctlRules, EKSCTL_RULES } from '../src/validate/eksctl-rules.ts';
import { eksctlRulesDoc } from '../src/validate/eksctl-rules-doc.ts';

type Cfg = Record<string, any>;
const base = (extra: Cfg = {}): Cfg => ({
  apiVersion: 'eksctl.io/v1alpha5',
  kind: 'ClusterConfig',
  metadata: { name: 'c', region: 'us-west-2', version: '1.34' },
  ...extra,
});
const mng = (ng: Cfg) => base({ managedNodeGroups: [{ name: 'ng', ...ng }] });
const sng = (ng: Cfg) => base({ nodeGroups: [{ name: 'ng', ...ng }] });
const ipv6 = (extra: Cfg) => base({ kubernetesNetworkConfig: { ipFamily: 'IPv6' }, ...extra });
const core = (...more: Cfg[]) => [{ name: 'kube-proxy' }, { name: 'coredns' }, { name: 'vpc-cni' }, ...more];
const entry = (e: Cfg) => base({ accessConfig: { accessEntries: [e] } });
const policy = (scope: Cfg) => ({ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: scope });

function messages(cfg: Cfg): string[] {
  const out: string[] = [];
  checkEksctlRules(cfg, (rule, path, message) => out.push(`${rule} ${path}: ${message}`));
  return out;
}

/** [case, config, "valid" or a phrase eksctl's error contains] */
const CASES: [string, Cfg, string][] = [
  // a cluster without the VPC CNI (configfile.go validateBareCluster; configfile_test.go)
  [
    'disableDefaultAddons, no vpc-cni, a managed node group',
    base({ addonsConfig: { disableDefaultAddons: true }, addons: [{ name: 'coredns' }], managedNodeGroups: [{ name: 'ng' }] }),
    'not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled',
  ],
  [
    'disableDefaultAddons, no vpc-cni, a pod identity association',
    base({
      addonsConfig: { disableDefaultAddons: true },
      iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', roleARN: 'arn:aws:iam::111122223333:role/r' }] },
    }),
    'without VPC CNI',
  ],
  [
    'disableDefaultAddons with vpc-cni and node groups',
    base({ addonsConfig: { disableDefaultAddons: true }, addons: core(), managedNodeGroups: [{ name: 'ng' }] }),
    'valid',
  ],
  ['disableDefaultAddons, no vpc-cni, Auto Mode', base({ addonsConfig: { disableDefaultAddons: true }, autoModeConfig: { enabled: true } }), 'valid'],
  ['disableDefaultAddons, no vpc-cni, nothing that needs it', base({ addonsConfig: { disableDefaultAddons: true } }), 'valid'],
  // capabilities (capability.go Capability.Validate; examples 47 and 48; the EKS API)
  [
    'ACK and KRO capabilities (example 47)',
    base({
      capabilities: [
        { name: 'ack', type: 'ACK', deletePropagationPolicy: 'RETAIN' },
        { name: 'kro', type: 'KRO', deletePropagationPolicy: 'RETAIN' },
      ],
    }),
    'valid',
  ],
  [
    'an Argo CD capability with Identity Center (example 48)',
    base({
      capabilities: [
        {
          name: 'argocd',
          type: 'ARGOCD',
          deletePropagationPolicy: 'RETAIN',
          configuration: { argocd: { awsIdc: { idcInstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef' } } },
        },
      ],
    }),
    'valid',
  ],
  ['a capability without a name', base({ capabilities: [{ type: 'KRO', deletePropagationPolicy: 'RETAIN' }] }), 'capability name is required'],
  ['a capability without a type', base({ capabilities: [{ name: 'k', deletePropagationPolicy: 'RETAIN' }] }), 'capability type is required'],
  [
    'an Argo CD capability without configuration',
    base({ capabilities: [{ name: 'a', type: 'ARGOCD', deletePropagationPolicy: 'RETAIN' }] }),
    'configuration is required for ARGOCD capability',
  ],
  [
    'an Argo CD capability without awsIdc',
    base({ capabilities: [{ name: 'a', type: 'ARGOCD', deletePropagationPolicy: 'RETAIN', configuration: { argocd: { namespace: 'argocd' } } }] }),
    'awsIdc configuration is required for ARGOCD capability',
  ],
  [
    'two KRO capabilities',
    base({
      capabilities: [
        { name: 'a', type: 'KRO', deletePropagationPolicy: 'RETAIN' },
        { name: 'b', type: 'KRO', deletePropagationPolicy: 'RETAIN' },
      ],
    }),
    'one capability of type KRO',
  ],
  ['a capability without deletePropagationPolicy', base({ capabilities: [{ name: 'k', type: 'KRO' }] }), 'CloudFormation requires it'],
  // metadata
  ['a config without a region', base({ metadata: { name: 'c', version: '1.34' } }), 'metadata.region must be set'],
  ['a cluster name with an underscore', base({ metadata: { name: 'my_cluster', region: 'us-west-2' } }), 'name must satisfy regular expression pattern'],
  // node group names and sizes
  ['two self-managed groups ng0, ng1', base({ nodeGroups: [{ name: 'ng0' }, { name: 'ng1' }] }), 'valid'],
  ['two groups named ng', base({ nodeGroups: [{ name: 'ng' }, { name: 'ng' }] }), 'is not unique'],
  ['a managed and a self-managed group share a name', base({ nodeGroups: [{ name: 'ng' }], managedNodeGroups: [{ name: 'ng' }] }), 'is not unique'],
  ['a group without a name', base({ nodeGroups: [{}] }), 'nodeGroups[0].name must be set'],
  ['self-managed name ng_invalid-name-10', sng({ name: 'ng_invalid-name-10' }), 'name must satisfy regular expression pattern'],
  ['self-managed name ng100@invalid-name', sng({ name: 'ng100@invalid-name' }), 'name must satisfy regular expression pattern'],
  ['managed group without sizes', mng({}), 'valid'],
  ['managed desiredCapacity 0', mng({ desiredCapacity: 0 }), 'valid'],
  ['managed desiredCapacity 3', mng({ desiredCapacity: 3 }), 'valid'],
  ['managed desired 1, min 2', mng({ desiredCapacity: 1, minSize: 2 }), 'cannot use --nodes-min=2 and --nodes=1 at the same time'],
  ['managed desired 3, max 2', mng({ desiredCapacity: 3, maxSize: 2 }), 'cannot use --nodes-max=2 and --nodes=3 at the same time'],
  ['managed min 2, max 1', mng({ minSize: 2, maxSize: 1 }), 'cannot use --nodes-min=2 and --nodes-max=1 at the same time'],
  ['self-managed min 3, max 2', sng({ minSize: 3, maxSize: 2 }), 'cannot use --nodes-min=3 and --nodes-max=2'],
  // updateConfig
  ['updateConfig.maxUnavailable 1', mng({ updateConfig: { maxUnavailable: 1 } }), 'valid'],
  ['updateConfig.maxUnavailablePercentage 1', mng({ updateConfig: { maxUnavailablePercentage: 1 } }), 'valid'],
  [
    'both maxUnavailable and maxUnavailablePercentage',
    mng({ updateConfig: { maxUnavailable: 1, maxUnavailablePercentage: 1 } }),
    'cannot use maxUnavailable=1 and maxUnavailablePercentage=1 at the same time',
  ],
  ['maxUnavailable 100 with maxSize 5', mng({ maxSize: 5, updateConfig: { maxUnavailable: 100 } }), 'maxUnavailable=100 cannot be greater than maxSize=5'],
  [
    'maxUnavailable 5 with the default maxSize 4',
    mng({ minSize: 2, maxSize: 4, desiredCapacity: 2, updateConfig: { maxUnavailable: 5 } }),
    'maxUnavailable=5 cannot be greater than maxSize=4',
  ],
  ['maxUnavailable 3 with no sizes (maxSize becomes 2)', mng({ updateConfig: { maxUnavailable: 3 } }), 'maxUnavailable=3 cannot be greater than maxSize=2'],
  ['an empty updateConfig', mng({ updateConfig: {} }), 'maxUnavailable or maxUnavailablePercentage must be defined'],
  // labels and taints, managed and self-managed
  ['label node-role.kubernetes.io/os (managed)', mng({ labels: { 'node-role.kubernetes.io/os': 'linux' } }), 'disallowed as they have reserved prefixes'],
  ['label node-role.kubernetes.io/os (self-managed)', sng({ labels: { 'node-role.kubernetes.io/os': 'linux' } }), 'disallowed as they have reserved prefixes'],
  ['label alpha.service-controller.kubernetes.io/test', sng({ labels: { 'alpha.service-controller.kubernetes.io/test': 'x' } }), 'reserved prefixes'],
  [
    'kubelet labels hostname, beta os, kubelet.kubernetes.io/palindrome',
    mng({ labels: { 'kubernetes.io/hostname': 'a', 'beta.kubernetes.io/os': 'linux', 'kubelet.kubernetes.io/palindrome': 'x' } }),
    'valid',
  ],
  ['empty labels and taints', mng({ labels: {}, taints: [] }), 'valid'],
  [
    'taints key1=value1:NoSchedule, key2:NoSchedule, key3:PreferNoSchedule',
    mng({
      taints: [
        { key: 'key1', value: 'value1', effect: 'NoSchedule' },
        { key: 'key2', effect: 'NoSchedule' },
        { key: 'key3', effect: 'PreferNoSchedule' },
      ],
    }),
    'valid',
  ],
  ['a taint without an effect (managed)', mng({ taints: [{ key: 'key1', value: 'v' }] }), 'invalid taint effect'],
  [
    'a taint effect NoEffect (self-managed)',
    sng({ taints: [{ key: 'key1', value: 'v', effect: 'NoEffect' }] }),
    'Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule',
  ],
  ['a taint effect in the EKS API spelling', sng({ taints: [{ key: 'k', effect: 'NO_SCHEDULE' }] }), 'invalid taint effect'],
  ['self-managed taints in the map form', sng({ taints: { dedicated: 'gpu:NoSchedule' } }), 'valid'],
  ['self-managed taints in the map form with a bad effect', sng({ taints: { dedicated: 'gpu:Never' } }), 'invalid taint effect'],
  ['a taint value v@lue', mng({ taints: [{ key: 'k', value: 'v@lue', effect: 'NoSchedule' }] }), 'invalid taint value'],
  // AMI families
  [
    'self-managed amiFamily AmazonLinux2 at 1.32',
    base({ metadata: { name: 'c', region: 'us-west-2', version: '1.32' }, nodeGroups: [{ name: 'ng', amiFamily: 'AmazonLinux2' }] }),
    'valid',
  ],
  [
    'amiFamily AmazonLinux2 at 1.33',
    base({ metadata: { name: 'c', region: 'us-west-2', version: '1.33' }, managedNodeGroups: [{ name: 'ng', amiFamily: 'AmazonLinux2' }] }),
    'AmazonLinux2 is not supported for Kubernetes version 1.33',
  ],
  ['amiFamily written aMAZONlINUx2023', mng({ amiFamily: 'aMAZONlINUx2023' }), 'valid'],
  ['amiFamily SomeTrash', mng({ amiFamily: 'SomeTrash' }), 'AMI Family SomeTrash is not supported - use one of:'],
  ['managed WindowsServer2022FullContainer', mng({ amiFamily: 'WindowsServer2022FullContainer' }), 'valid'],
  // volumes
  ['gp3 volumeIOPS 3000', sng({ volumeSize: 50, volumeType: 'gp3', volumeIOPS: 3000 }), 'valid'],
  ['gp3 volumeIOPS 2999', sng({ volumeSize: 50, volumeType: 'gp3', volumeIOPS: 2999 }), 'must be within range 3000-16000'],
  ['io1 volumeIOPS 64001', sng({ volumeSize: 50, volumeType: 'io1', volumeIOPS: 64001 }), 'must be within range 100-64000'],
  ['io2 volumeIOPS 99', sng({ volumeSize: 50, volumeType: 'io2', volumeIOPS: 99 }), 'must be within range 100-256000'],
  ['gp2 with volumeIOPS', sng({ volumeSize: 50, volumeType: 'gp2', volumeIOPS: 3000 }), 'volumeIOPS is only supported for io1, io2 and gp3 volume types'],
  ['gp3 throughput 125', sng({ volumeSize: 50, volumeType: 'gp3', volumeThroughput: 125 }), 'valid'],
  ['gp3 throughput 1001', sng({ volumeSize: 50, volumeType: 'gp3', volumeThroughput: 1001 }), 'must be within range 125-1000'],
  ['gp2 with throughput', sng({ volumeSize: 50, volumeType: 'gp2', volumeThroughput: 125 }), 'volumeThroughput is only supported for gp3 volume type'],
  [
    'volumeKmsKeyID without volumeEncrypted',
    sng({ volumeSize: 50, volumeKmsKeyID: 'k' }),
    'volumeKmsKeyID can not be set without nodeGroups[0].volumeEncrypted enabled explicitly',
  ],
  ['volumeKmsKeyID with volumeEncrypted', sng({ volumeSize: 50, volumeKmsKeyID: 'k', volumeEncrypted: true }), 'valid'],
  ['self-managed volumeEncrypted without volumeSize', sng({ volumeEncrypted: true }), 'cannot be set without nodeGroups[0].volumeSize'],
  // instance types
  [
    'managed instanceType and instanceTypes',
    mng({ instanceType: 'm5.large', instanceTypes: ['m5.large'] }),
    'only one of instanceType or instanceTypes can be specified',
  ],
  [
    'instancesDistribution with instanceType t3.small',
    sng({ instanceType: 't3.small', instancesDistribution: { instanceTypes: ['t3.medium', 't3.large'] } }),
    'instanceType should be \\"mixed\\" or unset',
  ],
  ['instancesDistribution without types', sng({ instancesDistribution: { instanceTypes: [] } }), 'at least two instance types have to be specified'],
  [
    'spotInstancePools 21',
    sng({ instancesDistribution: { instanceTypes: ['a', 'b'], spotInstancePools: 21 } }),
    'spotInstancePools should be between 1 and 20',
  ],
  [
    'onDemandPercentageAboveBaseCapacity 101',
    sng({ instancesDistribution: { instanceTypes: ['a', 'b'], onDemandPercentageAboveBaseCapacity: 101 } }),
    'between 0 and 100',
  ],
  [
    'spotAllocationStrategy unsupported-strategy',
    sng({ instancesDistribution: { instanceTypes: ['a', 'b'], spotAllocationStrategy: 'unsupported-strategy' } }),
    'spotAllocationStrategy should be one of: [lowest-price diversified',
  ],
  [
    'lowest-price with spotInstancePools 2',
    sng({ instancesDistribution: { instanceTypes: ['a', 'b'], spotAllocationStrategy: 'lowest-price', spotInstancePools: 2 } }),
    'valid',
  ],
  [
    'disablePodIMDS with withAddonPolicies',
    mng({ disablePodIMDS: true, iam: { withAddonPolicies: { externalDNS: true } } }),
    'disablePodIMDS and managedNodeGroups[0].iam.withAddonPolicies cannot be set at the same time',
  ],
  // IAM: OIDC, service accounts, pod identity
  ['withOIDC unset without service accounts', base({ iam: {} }), 'valid'],
  [
    'withOIDC false with service accounts',
    base({ iam: { withOIDC: false, serviceAccounts: [{ metadata: { name: 'sa-1' }, attachPolicyARNs: ['arn:aws:iam::aws:policy/x'] }] } }),
    'iam.withOIDC must be enabled explicitly',
  ],
  [
    'a service account without a name',
    base({ iam: { withOIDC: true, serviceAccounts: [{ metadata: {}, attachPolicy: {} }] } }),
    'iam.serviceAccounts[0].name must be set',
  ],
  [
    'a service account without a policy',
    base({ iam: { withOIDC: true, serviceAccounts: [{ metadata: { name: 'sa' } }] } }),
    'iam.serviceAccounts[0].attachPolicy must be set',
  ],
  [
    'two service accounts ns-2/sa-2',
    base({
      iam: {
        withOIDC: true,
        serviceAccounts: [
          { metadata: { name: 'sa-2', namespace: 'ns-2' }, attachPolicy: {} },
          { metadata: { name: 'sa-2', namespace: 'ns-2' }, attachPolicy: {} },
        ],
      },
    }),
    '"ns-2/sa-2" is not unique',
  ],
  [
    'a pod identity association with roleName only',
    base({ addons: [{ name: 'eks-pod-identity-agent' }], iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', roleName: 'r' }] } }),
    'at least one of the following must be specified: iam.podIdentityAssociations[0].roleARN',
  ],
  [
    'a pod identity association with roleARN and a policy',
    base({
      addons: [{ name: 'eks-pod-identity-agent' }],
      iam: {
        podIdentityAssociations: [
          { namespace: 'a', serviceAccountName: 'b', roleARN: 'arn:aws:iam::111122223333:role/r', permissionPolicyARNs: ['arn:aws:iam::aws:policy/x'] },
        ],
      },
    }),
    'cannot be specified when iam.podIdentityAssociations[0].roleARN is set',
  ],
  [
    'permissionPolicyName without permissionPolicy',
    base({
      addons: [{ name: 'eks-pod-identity-agent' }],
      iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', roleARN: 'arn:aws:iam::111122223333:role/r', permissionPolicyName: 'p' }] },
    }),
    'permissionPolicyName requires permissionPolicy to be set',
  ],
  [
    'pod identity associations without the agent add-on',
    base({ iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicy: {} }] } }),
    'the \\"eks-pod-identity-agent\\" addon must be installed',
  ],
  [
    'pod identity associations without the agent, Auto Mode',
    base({ autoModeConfig: { enabled: true }, iam: { podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicy: {} }] } }),
    'valid',
  ],
  // add-ons
  ['an add-on without a name', base({ addons: [{}] }), 'name is required'],
  [
    'configurationValues as prose',
    base({ addons: [{ name: 'coredns', configurationValues: 'this a string not an object' }] }),
    'is not valid, supported format(s) are: JSON and YAML',
  ],
  [
    'configurationValues as JSON and as YAML',
    base({
      addons: [
        { name: 'coredns', configurationValues: '{"replicaCount":3}' },
        { name: 'vpc-cni', configurationValues: 'replicaCount: 3' },
      ],
    }),
    'valid',
  ],
  [
    'serviceAccountRoleARN and attachPolicyARNs',
    base({ addons: [{ name: 'vpc-cni', serviceAccountRoleARN: 'arn:aws:iam::111122223333:role/r', attachPolicyARNs: ['arn:aws:iam::aws:policy/x'] }] }),
    'at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified',
  ],
  [
    'pod identity associations on the agent add-on',
    base({ addons: [{ name: 'eks-pod-identity-agent', podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicyARNs: ['x'] }] }] }),
    'cannot set pod identity associations for \\"eks-pod-identity-agent\\" addon',
  ],
  [
    'an add-on association without a namespace',
    base({
      addons: [{ name: 'eks-pod-identity-agent' }, { name: 'vpc-cni', podIdentityAssociations: [{ serviceAccountName: 'b', permissionPolicyARNs: ['x'] }] }],
    }),
    'podIdentityAssociations[0].namespace must be set',
  ],
  [
    'an add-on association with wellKnownPolicies',
    base({
      addons: [
        { name: 'eks-pod-identity-agent' },
        { name: 'vpc-cni', podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', wellKnownPolicies: { autoScaler: true } }] },
      ],
    }),
    'wellKnownPolicies is not supported for addon.podIdentityAssociations',
  ],
  [
    'an add-on association with tags {}',
    base({
      addons: [
        { name: 'eks-pod-identity-agent' },
        { name: 'vpc-cni', podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicyARNs: ['x'], tags: {} }] },
      ],
    }),
    'tags is not supported for addon.podIdentityAssociations (addon: vpc-cni)',
  ],
  [
    'useDefaultPodIdentityAssociations with associations',
    base({
      addons: [
        { name: 'eks-pod-identity-agent' },
        {
          name: 'vpc-cni',
          useDefaultPodIdentityAssociations: true,
          podIdentityAssociations: [{ namespace: 'a', serviceAccountName: 'b', permissionPolicyARNs: ['x'] }],
        },
      ],
    }),
    'cannot specify both addon.useDefaultPodIdentityAssociations and addon.podIdentityAssociations',
  ],
  [
    'useDefaultPodIdentityAssociations with serviceAccountRoleARN',
    base({
      addons: [
        { name: 'eks-pod-identity-agent' },
        { name: 'vpc-cni', useDefaultPodIdentityAssociations: true, serviceAccountRoleARN: 'arn:aws:iam::111122223333:role/r' },
      ],
    }),
    'cannot specify serviceAccountRoleARN, wellKnownPolicies, attachPolicy or attachPolicyARNs when addon.useDefaultPodIdentityAssociations is set',
  ],
  ['an add-on with serviceAccountRoleARN only', base({ addons: [{ name: 'vpc-cni', serviceAccountRoleARN: 'arn:aws:iam::111122223333:role/r' }] }), 'valid'],
  // access entries
  [
    'CONFIG_MAP with an access entry',
    base({ accessConfig: { authenticationMode: 'CONFIG_MAP', accessEntries: [{ principalARN: 'arn:aws:iam::111122223333:role/a' }] } }),
    'authenticationMode must be set to either API_AND_CONFIG_MAP or API to use access entries',
  ],
  ['an empty access entry', entry({}), 'accessEntries[0].principalARN must be set to a valid AWS ARN'],
  [
    'an access policy without a scope type',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', accessPolicies: [policy({})] }),
    'accessScope.type must be set to either \\"namespace\\" or \\"cluster\\"',
  ],
  [
    'an access scope "resource"',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', accessPolicies: [policy({ type: 'resource' })] }),
    'invalid access scope type \\"resource\\"',
  ],
  [
    'an access entry type ec2_linux',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', type: 'ec2_linux' }),
    'invalid access entry type \\"ec2_linux\\" for accessEntries[0]',
  ],
  [
    'FARGATE_LINUX with kubernetesGroups',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', type: 'FARGATE_LINUX', kubernetesGroups: ['g'] }),
    'cannot specify accessEntries[0].kubernetesGroups nor accessEntries[0].kubernetesUsername when type is set to FARGATE_LINUX',
  ],
  [
    'HYBRID_LINUX with access policies',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', type: 'HYBRID_LINUX', accessPolicies: [policy({ type: 'cluster' })] }),
    'cannot specify accessEntries[0].accessPolicies when type is set to HYBRID_LINUX',
  ],
  [
    'cluster scope with namespaces',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', accessPolicies: [policy({ type: 'cluster', namespaces: ['kube-system'] })] }),
    'cannot specify accessEntries[0].accessScope.namespaces when accessScope is set to cluster',
  ],
  [
    'namespace scope without namespaces',
    entry({ principalARN: 'arn:aws:iam::111122223333:role/a', accessPolicies: [policy({ type: 'namespace' })] }),
    'at least one namespace must be specified when accessScope is set to namespace: (accessEntries[0])',
  ],
  [
    'a policy ARN that is not a cluster access policy',
    entry({
      principalARN: 'arn:aws:iam::111122223333:role/a',
      accessPolicies: [{ policyARN: 'arn:aws:iam::aws:policy/AdministratorAccess', accessScope: { type: 'cluster' } }],
    }),
    'must be a cluster-access-policy resource',
  ],
  [
    'role-1, role-2, role-1',
    base({ accessConfig: { accessEntries: ['role-1', 'role-2', 'role-1'].map((r) => ({ principalARN: `arn:aws:iam::111122223333:role/${r}` })) } }),
    'duplicate access entry accessEntries[2] with principal ARN \\"arn:aws:iam::111122223333:role/role-1\\"',
  ],
  [
    'a valid mix of access entries',
    base({
      accessConfig: {
        accessEntries: [
          { principalARN: 'arn:aws:iam::111122223333:role/a', accessPolicies: [policy({ type: 'cluster' })] },
          { principalARN: 'arn:aws:iam::111122223333:role/b' },
          { principalARN: 'arn:aws:iam::111122223333:role/c', type: 'EC2_LINUX' },
          { principalARN: 'arn:aws:iam::111122223333:role/d', type: 'STANDARD', kubernetesGroups: ['g'], kubernetesUsername: 'u' },
          { principalARN: 'arn:aws:iam::111122223333:role/e', accessPolicies: [policy({ type: 'namespace', namespaces: ['default'] })] },
          {
            principalARN: 'arn:aws:iam::111122223333:role/f',
            type: 'EC2',
            accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy', accessScope: { type: 'cluster' } }],
          },
        ],
      },
    }),
    'valid',
  ],
  [
    'self-managed groups, CONFIG_MAP, no creator admin',
    base({ accessConfig: { authenticationMode: 'CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: false }, nodeGroups: [{ name: 'ng' }] }),
    'cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and bootstrapClusterCreatorAdminPermissions is false',
  ],
  [
    'self-managed groups, no creator admin, no access entries',
    base({ accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: false }, nodeGroups: [{ name: 'ng' }] }),
    'no access entries are configured',
  ],
  // IPv6
  ['ipFamily "invalid"', base({ kubernetesNetworkConfig: { ipFamily: 'invalid' } }), 'invalid value \\"invalid\\" for ipFamily; allowed are IPv4 and IPv6'],
  ['IPv6 with the core add-ons and OIDC', ipv6({ addons: core(), iam: { withOIDC: true } }), 'valid'],
  ['iPv6 spelled in mixed case', base({ kubernetesNetworkConfig: { ipFamily: 'iPv6' }, addons: core(), iam: { withOIDC: true } }), 'valid'],
  [
    'IPv6 at 1.12',
    ipv6({ metadata: { name: 'c', region: 'us-west-2', version: '1.12' }, addons: core(), iam: { withOIDC: true } }),
    'cluster version must be >= 1.21',
  ],
  [
    'IPv6 with kube-proxy only',
    ipv6({ addons: [{ name: 'kube-proxy' }], iam: { withOIDC: true } }),
    'the default core addons must be defined for IPv6; missing addon(s): coredns',
  ],
  ['IPv6, vpc-cni, no OIDC, no agent', ipv6({ addons: core(), iam: { withOIDC: false } }), 'either pod identity or oidc needs to be enabled if IPv6 is set'],
  [
    'IPv6, agent, autoApplyPodIdentityAssociations',
    ipv6({ addons: core({ name: 'eks-pod-identity-agent' }), addonsConfig: { autoApplyPodIdentityAssociations: true } }),
    'valid',
  ],
  [
    'IPv6, agent, vpc-cni useDefaultPodIdentityAssociations',
    ipv6({
      addons: [{ name: 'kube-proxy' }, { name: 'coredns' }, { name: 'vpc-cni', useDefaultPodIdentityAssociations: true }, { name: 'eks-pod-identity-agent' }],
    }),
    'valid',
  ],
  [
    'IPv6, agent, vpc-cni with its own association',
    ipv6({
      addons: [
        { name: 'kube-proxy' },
        { name: 'coredns' },
        {
          name: 'vpc-cni',
          podIdentityAssociations: [{ namespace: 'kube-system', serviceAccountName: 'aws-node', roleARN: 'arn:aws:iam::111122223333:role/r' }],
        },
        { name: 'eks-pod-identity-agent' },
      ],
    }),
    'valid',
  ],
  [
    'IPv6, agent, plain vpc-cni',
    ipv6({ addons: core({ name: 'eks-pod-identity-agent' }) }),
    'Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon',
  ],
  ['IPv6, agent, plain vpc-cni, OIDC on too', ipv6({ addons: core({ name: 'eks-pod-identity-agent' }), iam: { withOIDC: true } }), 'Set one of:'],
  ['IPv6 with coredns only', ipv6({ addons: [{ name: 'coredns' }] }), 'valid'],
  ['IPv6 with Auto Mode and no add-ons', ipv6({ autoModeConfig: { enabled: true }, iam: { withOIDC: true } }), 'valid'],
  [
    'IPv6, vpc-cni 1.9.0',
    ipv6({ addons: [{ name: 'coredns' }, { name: 'vpc-cni', version: '1.9.0' }], iam: { withOIDC: true } }),
    'vpc-cni version must be at least version 1.10.0 for IPv6',
  ],
  ['IPv6, vpc-cni 1.10 and latest', ipv6({ addons: [{ name: 'coredns' }, { name: 'vpc-cni', version: '1.10' }], iam: { withOIDC: true } }), 'valid'],
  [
    'IPv6, vpc-cni 1.invalid!semver',
    ipv6({ addons: [{ name: 'coredns' }, { name: 'vpc-cni', version: '1.invalid!semver' }], iam: { withOIDC: true } }),
    'failed to parse version',
  ],
  ['IPv6 with vpc.nat {}', ipv6({ addons: [{ name: 'coredns' }], vpc: { nat: {} } }), 'setting NAT is not supported with IPv6'],
  [
    'IPv6 with serviceIPv4CIDR',
    base({ kubernetesNetworkConfig: { ipFamily: 'IPv6', serviceIPv4CIDR: '192.168.0.0/24' }, addons: [{ name: 'coredns' }] }),
    'service IPv4 CIDR is not supported with IPv6',
  ],
  ['IPv6 with autoAllocateIPv6', ipv6({ addons: [{ name: 'coredns' }], vpc: { autoAllocateIPv6: true } }), 'auto allocate ipv6 is not supported with IPv6'],
  [
    'IPv6 with a self-managed group',
    ipv6({ addons: [{ name: 'coredns' }], nodeGroups: [{ name: 'ng' }] }),
    'unmanaged nodegroups are not supported with IPv6 clusters',
  ],
  // VPC, endpoints, private cluster
  ['publicAccessCIDRs 48.58.68/24', base({ vpc: { publicAccessCIDRs: ['48.58.68/24'] } }), 'invalid CIDR address'],
  ['extraCIDRs and publicAccessCIDRs', base({ vpc: { extraCIDRs: ['192.168.0.0/24'], publicAccessCIDRs: ['3.48.58.68/24'] } }), 'valid'],
  [
    'securityGroup with controlPlaneSecurityGroupIDs',
    base({ vpc: { securityGroup: 'sg-1', controlPlaneSecurityGroupIDs: ['sg-2'] } }),
    'only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified',
  ],
  ['endpoints private true, public true', base({ vpc: { clusterEndpoints: { privateAccess: true, publicAccess: true } } }), 'valid'],
  [
    'endpoints both false',
    base({ vpc: { clusterEndpoints: { privateAccess: false, publicAccess: false } } }),
    'Kubernetes API access must have one of public or private clusterEndpoints enabled',
  ],
  [
    'endpoints {publicAccess: false} only',
    base({ vpc: { clusterEndpoints: { publicAccess: false } } }),
    'must have one of public or private clusterEndpoints enabled',
  ],
  ['privateCluster on an eksctl VPC', base({ privateCluster: { enabled: true } }), 'valid'],
  [
    'privateCluster with a group without privateNetworking',
    base({ privateCluster: { enabled: true }, managedNodeGroups: [{ name: 'ng' }] }),
    'managedNodeGroups[0].privateNetworking must be enabled for a fully-private cluster',
  ],
  [
    'privateCluster with clusterEndpoints set',
    base({ privateCluster: { enabled: true }, vpc: { clusterEndpoints: { privateAccess: true } } }),
    'vpc.clusterEndpoints cannot be set for a fully-private cluster',
  ],
  ['privateCluster with publicAccessCIDRs', base({ privateCluster: { enabled: true }, vpc: { publicAccessCIDRs: ['203.0.113.10/32'] } }), 'valid'],
  [
    'privateCluster on an existing VPC without private subnets',
    base({ privateCluster: { enabled: true }, vpc: { id: 'vpc-1' } }),
    'vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied',
  ],
  [
    'additionalEndpointServices [logs] with skipEndpointCreation',
    base({ privateCluster: { enabled: true, skipEndpointCreation: true, additionalEndpointServices: ['logs'] } }),
    'cannot be set when privateCluster.skipEndpointCreation is true',
  ],
  [
    'additionalEndpointServices [unknown]',
    base({ privateCluster: { enabled: true, additionalEndpointServices: ['unknown'] } }),
    'unsupported endpoint service',
  ],
  ['availabilityZones [az-1]', base({ availabilityZones: ['az-1'] }), 'only 1 zone(s) specified [az-1], 2 are required (can be non-unique)'],
  [
    'manageSharedNodeSecurityGroupRules false without a shared group',
    base({ vpc: { manageSharedNodeSecurityGroupRules: false } }),
    'vpc.manageSharedNodeSecurityGroupRules must be enabled when using eksctl-managed security groups',
  ],
  // logging, encryption, upgrade policy
  ['enableTypes [api]', base({ cloudWatch: { clusterLogging: { enableTypes: ['api'] } } }), 'valid'],
  [
    'enableTypes [anything]',
    base({ cloudWatch: { clusterLogging: { enableTypes: ['anything'] } } }),
    'log type \\"anything\\" (cloudWatch.clusterLogging.enableTypes[0]) is unknown',
  ],
  [
    'logRetentionInDays 42',
    base({ cloudWatch: { clusterLogging: { enableTypes: ['api'], logRetentionInDays: 42 } } }),
    'invalid value 42 for logRetentionInDays; supported values are [1 3 5 7',
  ],
  [
    'logRetentionInDays 1096, a CloudWatch value eksctl refuses',
    base({ cloudWatch: { clusterLogging: { enableTypes: ['api'], logRetentionInDays: 1096 } } }),
    'invalid value 1096 for logRetentionInDays',
  ],
  ['logRetentionInDays 545', base({ cloudWatch: { clusterLogging: { enableTypes: ['api'], logRetentionInDays: 545 } } }), 'valid'],
  [
    'logRetentionInDays 545 without log types',
    base({ cloudWatch: { clusterLogging: { logRetentionInDays: 545 } } }),
    'cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types',
  ],
  ['secretsEncryption {}', base({ secretsEncryption: {} }), 'secretsEncryption.keyARN is required'],
  ['a KMS key ARN', base({ secretsEncryption: { keyARN: 'arn:aws:kms:us-west-2:000000000000:key/12345-12345' } }), 'valid'],
  ['keyARN invalid:arn', base({ secretsEncryption: { keyARN: 'invalid:arn' } }), 'invalid ARN'],
  ['supportType standard', base({ upgradePolicy: { supportType: 'standard' } }), 'upgradePolicy.supportType must be either'],
  // Auto Mode
  [
    'Auto Mode with nodeRoleARN and nodePools []',
    base({ autoModeConfig: { enabled: true, nodeRoleARN: 'arn:aws:iam::111122223333:role/n', nodePools: [] } }),
    'cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty',
  ],
  ['Auto Mode nodePools [invalid]', base({ autoModeConfig: { enabled: true, nodePools: ['invalid'] } }), 'invalid NodePool \\"invalid\\"'],
  ['Auto Mode disabled with nodePools', base({ autoModeConfig: { enabled: false, nodePools: ['system'] } }), 'when Auto Mode is disabled'],
  [
    'Auto Mode with nodeRoleARN and permissionsBoundaryARN',
    base({
      autoModeConfig: {
        enabled: true,
        nodeRoleARN: 'arn:aws:iam::111122223333:role/n',
        permissionsBoundaryARN: 'arn:aws:iam::111122223333:policy/b',
        nodePools: ['system'],
      },
    }),
    'cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodeRoleARN is set',
  ],
  [
    'Auto Mode with a managed node group',
    base({ autoModeConfig: { enabled: true }, managedNodeGroups: [{ name: 'ng' }] }),
    'creation of managed or self-managed nodegroups is not supported during cluster creation when Auto Mode is enabled',
  ],
  [
    'Auto Mode with coredns',
    base({ autoModeConfig: { enabled: true }, addons: [{ name: 'coredns' }] }),
    'core networking addons are not required on a cluster using Auto Mode',
  ],
  [
    'Auto Mode with coredns and a Fargate profile',
    base({ autoModeConfig: { enabled: true }, addons: [{ name: 'coredns' }], fargateProfiles: [{ name: 'fp', selectors: [{ namespace: 'a' }] }] }),
    'valid',
  ],
  // Fargate and identity mappings
  ['a Fargate profile without a name', base({ fargateProfiles: [{ selectors: [{ namespace: 'a' }] }] }), 'invalid Fargate profile: empty name'],
  ['a Fargate profile without selectors', base({ fargateProfiles: [{ name: 'fp', selectors: [] }] }), 'no profile selector'],
  [
    'a Fargate selector without a namespace',
    base({ fargateProfiles: [{ name: 'fp', selectors: [{}] }] }),
    'invalid profile selector at index #0: empty namespace',
  ],
  [
    'a Fargate profile named eks-foo',
    base({ fargateProfiles: [{ name: 'eks-foo', selectors: [{ namespace: 'a' }] }] }),
    'name should NOT start with \\"eks-\\"',
  ],
  [
    'a Fargate profile with two namespaced selectors',
    base({ fargateProfiles: [{ name: 'fp', selectors: [{ namespace: 'a' }, { namespace: 'b' }] }] }),
    'valid',
  ],
  [
    'an identity mapping with account and arn',
    base({ iamIdentityMappings: [{ account: '111122223333', arn: 'arn:aws:iam::111122223333:role/a' }] }),
    'account cannot be configured with any other options',
  ],
  // custom AMIs and bootstrap settings
  ['a custom AMI without amiFamily', sng({ ami: 'ami-1234' }), 'when using a custom AMI, amiFamily needs to be explicitly set'],
  [
    'a custom AL2 AMI without overrideBootstrapCommand',
    sng({ ami: 'ami-1234', amiFamily: 'AmazonLinux2' }),
    'overrideBootstrapCommand is required when using a custom AMI based on AmazonLinux2',
  ],
  ['a custom AL2023 AMI without overrideBootstrapCommand', sng({ ami: 'ami-1234', amiFamily: 'AmazonLinux2023' }), 'valid'],
  ['a managed custom AMI that is no AMI ID', mng({ ami: 'custom', amiFamily: 'AmazonLinux2023' }), 'invalid AMI "custom"'],
  [
    'a managed custom AMI with maxPodsPerNode',
    mng({ ami: 'ami-1234', amiFamily: 'AmazonLinux2023', maxPodsPerNode: 50 }),
    'maxPodsPerNode is not supported when using a custom AMI',
  ],
  [
    'managed AL2023 with a NodeConfig in overrideBootstrapCommand',
    mng({ amiFamily: 'AmazonLinux2023', overrideBootstrapCommand: 'kind: NodeConfig' }),
    'valid',
  ],
  [
    'managed Ubuntu with overrideBootstrapCommand but no AMI',
    mng({ amiFamily: 'Ubuntu2204', overrideBootstrapCommand: 'x' }),
    'overrideBootstrapCommand can only be set when a custom AMI',
  ],
  ['kubeletExtraConfig with authentication', sng({ kubeletExtraConfig: { authentication: {} } }), `cannot override "authentication" in kubelet config`],
  ['kubeletExtraConfig with kubeReserved', sng({ kubeletExtraConfig: { kubeReserved: { cpu: '300m' } } }), 'valid'],
  [
    'Bottlerocket with kubeletExtraConfig',
    sng({ amiFamily: 'Bottlerocket', kubeletExtraConfig: { x: 1 } }),
    'kubeletExtraConfig is not supported for Bottlerocket nodegroups (path=nodeGroups[0].kubeletExtraConfig)',
  ],
  [
    'Bottlerocket with preBootstrapCommands',
    sng({ amiFamily: 'Bottlerocket', preBootstrapCommands: ['x'] }),
    'preBootstrapCommands is not supported for Bottlerocket nodegroups',
  ],
  [
    'bottlerocket settings on AL2023',
    sng({ amiFamily: 'AmazonLinux2023', bottlerocket: { enableAdminContainer: true } }),
    'bottlerocket config can only be used with amiFamily "Bottlerocket"',
  ],
  [
    'Bottlerocket setting kubernetes.node-labels',
    sng({ amiFamily: 'Bottlerocket', bottlerocket: { settings: { kubernetes: { 'node-labels': { a: 'b' } } } } }),
    'invalid Bottlerocket setting: use nodeGroups[0].labels instead (path=nodeGroups[0].bottlerocket.settings.kubernetes.node-labels)',
  ],
  [
    'Bottlerocket with the admin container and a motd',
    sng({ amiFamily: 'Bottlerocket', bottlerocket: { enableAdminContainer: true, settings: { motd: 'hi' } } }),
    'valid',
  ],
  // identity providers
  [
    'an OIDC provider as in example 27',
    base({
      identityProviders: [
        {
          type: 'oidc',
          name: 'cognito-user-pool-1',
          issuerURL: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_Ur78RxTra',
          clientID: '10basodnbu3gs9b1bf9r566btu',
          usernameClaim: 'email',
        },
      ],
    }),
    'valid',
  ],
  [
    'an OIDC provider without a clientID',
    base({ identityProviders: [{ type: 'oidc', name: 'a', issuerURL: 'https://x' }] }),
    'identityProviders[0] is invalid: clientID must be set and non-empty',
  ],
  [
    'an OIDC provider without a name',
    base({ identityProviders: [{ type: 'oidc', clientID: 'c', issuerURL: 'https://x' }] }),
    'identityProviders[0] is invalid: name must be set and non-empty',
  ],
  // capacity reservations
  [
    'capacityReservation with a preference and a target',
    sng({ capacityReservation: { capacityReservationPreference: 'open', capacityReservationTarget: { capacityReservationID: 'id' } } }),
    'only one of CapacityReservationPreference or CapacityReservationTarget may be specified at a time',
  ],
  ['capacityReservationPreference open', sng({ capacityReservation: { capacityReservationPreference: 'open' } }), 'valid'],
  ['capacityReservationPreference none', sng({ capacityReservation: { capacityReservationPreference: 'none' } }), 'valid'],
  [
    'capacityReservationPreference err',
    sng({ capacityReservation: { capacityReservationPreference: 'err' } }),
    'accepted values include "open" and "none"; got "err"',
  ],
  [
    'a target with a reservation ID and a group ARN',
    sng({ capacityReservation: { capacityReservationTarget: { capacityReservationID: 'id', capacityReservationResourceGroupARN: 'arn' } } }),
    'only one of CapacityReservationID or CapacityReservationResourceGroupARN may be specified at a time',
  ],
  [
    'a capacity block with its reservation',
    sng({ capacityReservation: { capacityReservationTarget: { capacityReservationID: 'id' } }, instanceMarketOptions: { marketType: 'capacity-block' } }),
    'valid',
  ],
  [
    'instanceMarketOptions without capacityReservation',
    sng({ instanceMarketOptions: { marketType: 'capacity-block' } }),
    'instanceMarketOptions cannot be set without capacityReservation',
  ],
  [
    'marketType spot with a reservation',
    sng({ capacityReservation: { capacityReservationTarget: { capacityReservationID: 'id' } }, instanceMarketOptions: { marketType: 'spot' } }),
    'only accepted value is "capacity-block"; got "spot"',
  ],
  [
    'a managed capacity block with two instance types',
    mng({
      instanceTypes: ['p5.48xlarge', 'p4d.24xlarge'],
      capacityReservation: { capacityReservationTarget: { capacityReservationID: 'id' } },
      instanceMarketOptions: { marketType: 'capacity-block' },
    }),
    'cannot specify multiple instance types when using capacity block',
  ],
  [
    'an identity mapping with a namespace but no serviceName',
    base({ iamIdentityMappings: [{ namespace: 'a' }] }),
    'serviceName is required when using namespace',
  ],
];

for (const [name, cfg, want] of CASES) {
  test(`eksctl: ${name} → ${want === 'valid' ? 'valid' : 'refused'}`, () => {
    const got = messages(cfg);
    if (want === 'valid') assert.equal(got, [], name);
    else {
      const phrase = want.replace(/\\"/g, '"');
      assert.ok(
        got.some((m) => m.includes(phrase)),
        `${name}: expected an error containing ${JSON.stringify(phrase)}, got ${JSON.stringify(got)}`,
      );
      // Every finding names the field it is about and quotes eksctl.
      assert.ok(
        got.every((m) => /^eksctl-[a-z0-9-]+ [\w.[\]-]+: .*eksctl/.test(m)),
        got.join('\n'),
      );
    }
  });
}

test('every eksctl rule is refused by at least one case of the table', () => {
  const fired = new Set<string>();
  for (const [, cfg, want] of CASES) if (want !== 'valid') checkEksctlRules(cfg, (rule) => fired.add(rule));
  assert.equal(
    EKSCTL_RULES.map((r) => r.id).filter((id) => !fired.has(id)),
    [],
  );
});

test('add-on files (eksctl create addon -f) are not held to the cluster-creation rules', () => {
  const addonFile = {
    apiVersion: 'eksctl.io/v1alpha5',
    kind: 'ClusterConfig',
    metadata: { name: 'c', region: 'us-west-2' },
    addons: [{ name: 'aws-ebs-csi-driver', useDefaultPodIdentityAssociations: true }],
  };
  assert.equal(messages(addonFile), []);
});

test('docs/eksctl-rules.md lists every rule with its eksctl source, as the code has them', () => {
  const doc = readFileSync(new URL('../docs/eksctl-rules.md', import.meta.url), 'utf8');
  for (const r of EKSCTL_RULES) assert.ok(doc.includes(`| \`${r.id}\` |`) && doc.includes(r.source.replace(/\|/g, '\\|')), r.id);
  assert.is(doc, eksctlRulesDoc(), 'docs/eksctl-rules.md is stale: run npm run docs');
});

test.run();
