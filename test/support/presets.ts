// Named answer sets. PRESETS each have a reviewed golden tree (test/golden/<name>); SERVER_PRESETS add
// the combinations whose manifests differ most, for the real API server's dry run.
import type { PartialAnswers } from '../../src/answers/types.ts';

export const PRESETS: Record<string, PartialAnswers> = {
  default: {},
  'irsa-public': {
    identity: 'irsa',
    accountId: '111122223333',
    region: 'eu-west-1',
    publicAccessCidrs: ['203.0.113.0/24'],
    tags: { team: 'platform', 'cost-center': 'cc-42' },
  },
  // One preset per compute type (managed is the default above).
  'self-managed-spot': {
    compute: 'self-managed',
    nodeGroup: { capacityType: 'spot', instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'], labels: { 'example.com/pool': 'general' } },
  },
  'fargate-irsa': { compute: 'fargate', accountId: '111122223333', region: 'eu-west-1' },
  karpenter: { compute: 'karpenter', karpenter: { architectures: ['amd64', 'arm64'], capacityTypes: ['on-demand', 'spot'] }, tags: { team: 'platform' } },
  'auto-mode-access': {
    compute: 'auto-mode',
    access: 'both',
    accessEntries: [
      'arn:aws:iam::111122223333:role/platform-admins=AmazonEKSClusterAdminPolicy',
      'arn:aws:iam::111122223333:role/team-web=AmazonEKSEditPolicy@web',
    ],
  },
  // Networking and storage: a private IPv4 cluster with prefix delegation, network policy, an ALB and EBS volumes,
  'private-ipv4-network': { cni: { prefixDelegation: true, networkPolicy: true }, ingress: 'alb', storage: ['ebs'] },
  // and an IPv6 cluster behind an internet-facing Network Load Balancer with TLS, a DNS name and source ranges.
  ipv6: {
    ipFamily: 'ipv6',
    region: 'eu-west-1',
    ingress: 'nlb',
    addon: { awsLoadBalancerController: { scheme: 'internet-facing' } },
    tls: { certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666' },
    app: { hostname: 'web.example.com' },
    ingressSourceCidrs: ['198.51.100.0/24', '2001:db8:100::/48'],
  },
  // Service projects on a cluster that exists: Pod Identity behind an ALB, reaching its own secret,
  // S3 prefix and table; and IRSA behind an NLB, with the cluster's issuer given.
  'service-pod-identity': {
    service: true,
    name: 'prod',
    region: 'eu-west-1',
    accountId: '111122223333',
    app: {
      name: 'orders',
      githubRepository: 'example-org/orders',
      secrets: ['prod/orders/db'],
      s3Prefixes: ['example-orders-bucket/orders'],
      dynamodbTables: ['orders'],
    },
    ingress: 'alb',
    ingressClass: 'alb',
    addon: { awsLoadBalancerController: { scheme: 'internet-facing' } },
    ingressSourceCidrs: ['198.51.100.0/24'],
    cni: { networkPolicy: true },
  },
  'service-irsa': {
    service: true,
    name: 'prod',
    region: 'eu-west-1',
    accountId: '111122223333',
    identity: 'irsa',
    clusterOidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
    ingress: 'nlb',
    app: { name: 'reports', githubRepository: 'example-org/reports', githubBranch: 'release' },
  },
};

const EXTERNAL_DNS = { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'], domainFilters: ['example.com'] };

export const SERVER_PRESETS: Record<string, PartialAnswers> = {
  ...PRESETS,
  // The largest project: Karpenter, EBS and EFS storage with snapshots, network policy, an ALB and most add-ons.
  largest: {
    compute: 'karpenter',
    storage: ['ebs', 'efs'],
    volumeSnapshots: true,
    cni: { networkPolicy: true },
    ingress: 'alb',
    addons: [
      'aws-load-balancer-controller',
      'external-dns',
      'metrics-server',
      'cert-manager',
      'aws-ebs-csi-driver',
      'aws-efs-csi-driver',
      'snapshot-controller',
      'secrets-store-csi-driver',
      'secrets-store-csi-driver-provider-aws',
      'kube-prometheus-stack',
      'hpa',
      'pdb',
      'vpa',
    ],
    addon: { externalDns: EXTERNAL_DNS, secretsStoreCsiDriverProviderAws: { secretName: 'prod/web/db' } },
  },
  // An internet-facing ALB with a certificate the README requests, its name from external-dns, WAF, source
  // ranges and network policy: the Ingress is filled in at apply time.
  'edge-alb': {
    ingress: 'alb',
    cni: { networkPolicy: true },
    addons: ['external-dns'],
    addon: { awsLoadBalancerController: { scheme: 'internet-facing' }, externalDns: EXTERNAL_DNS },
    tls: { domain: 'web.example.com' },
    ingressSourceCidrs: ['198.51.100.0/24'],
    wafAclArn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/web/0a1b2c3d-1111-2222-3333-444455556666',
  },
  // GitOps with the Argo CD capability, beside ACK and KRO: the manifests Argo CD syncs.
  'gitops-argocd': {
    gitops: 'argocd',
    capabilities: ['argocd', 'ack', 'kro'],
    ackPolicyArns: ['arn:aws:iam::111122223333:policy/ack-s3-buckets'],
    argocd: { idcInstanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef', repoUrl: 'https://github.com/acme/platform.git' },
    ingress: 'alb',
    cni: { networkPolicy: true },
  },
  // A service whose cluster's issuer is read when applying, without ECR or CI, and no account given.
  'service-irsa-discovered': {
    service: true,
    name: 'prod',
    region: 'us-east-2',
    identity: 'irsa',
    accountId: '111122223333',
    app: { name: 'jobs', ecr: false, ci: 'none' },
  },
  'fsx-and-efs': { storage: ['efs', 'fsx-lustre'], addons: ['aws-fsx-csi-driver'] },
  'windows-nodes': { windowsNodes: true, identity: 'irsa', accountId: '111122223333' },
  // Upgraded from the minor before: the README's runbook is checked with the other commands.
  'fargate-efs': { compute: 'fargate', accountId: '111122223333', storage: ['efs'], ingress: 'alb', upgradeFrom: '1.35' },
  'auto-mode-storage': { compute: 'auto-mode', storage: ['ebs'], addons: ['metrics-server', 'hpa'] },
  'managed-autoscaler': { addons: ['cluster-autoscaler', 'metrics-server', 'hpa', 'aws-for-fluent-bit'], app: { replicas: 3 }, upgradeFrom: '1.35' },
  // A system, a Spot and a GPU group, the application on the GPU group (its tolerations reach the server).
  'node-groups': {
    nodeGroups: [
      { name: 'gpu', instanceTypes: ['g5.xlarge'], maxSize: 2 },
      { name: 'spot', capacityType: 'spot', instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'] },
    ],
    app: { nodePool: 'gpu' },
  },
  // Karpenter with general and GPU NodePools (the GPU one's limits and taints go through the NodePool CRD's rules);
  // the GPU pool's Bottlerocket, and the reserved pool's reservations and node role, give each an EC2NodeClass of its own.
  'karpenter-node-pools': {
    compute: 'karpenter',
    nodePools: [
      { name: 'batch', capacityTypes: ['spot'], weight: 10 },
      { name: 'gpu', gpu: true, gpuLimit: 8, amiFamily: 'Bottlerocket' },
      { name: 'reserved', capacityReservationIds: ['cr-0123456789abcdef0'], nodeRole: 'reserved-nodes' },
    ],
    app: { nodePool: 'gpu' },
  },
};
