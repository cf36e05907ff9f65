// The single registry of questions. The wizard, the flags, --help and the answers-file checks all
// derive from this array; defaults live in plan/defaults.ts and rules in plan/answer-rules.ts.
import type { AnswerKind, PartialAnswers } from './types.ts';
import {
  ACCESS_MODES,
  COMPUTE_TYPES,
  CONTROL_PLANE_LOG_TYPES,
  ENDPOINT_MODES,
  IDENTITY_MODES,
  INGRESS_TYPES,
  IP_FAMILIES,
  NAT_GATEWAYS,
  STORAGE_KINDS,
} from './types.ts';
import { flagName } from './paths.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { EKS_REGIONS } from '../data/regions.ts';
import { ALL_ADDONS, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import { computeOf } from '../plan/compute-types.ts';
import { impliedAddons } from '../plan/implied.ts';
import { COMPUTE_MODULES, autoMode, fargate, karpenter, nodeGroup } from '../domains/index.ts';

export type Group = 'cluster' | 'network' | 'compute' | 'identity' | 'app' | 'storage' | 'addons';

export interface Choice {
  value: string;
  hint?: string;
}

export interface Question {
  key: string;
  kind: AnswerKind;
  group: Group;
  message: string;
  hint: string;
  /** Asked by the wizard; other questions take their default unless given as a flag or in a file. */
  prompted: boolean;
  choices?: (a: PartialAnswers, today: Date) => Choice[];
  when?: (a: PartialAnswers) => boolean;
}

export const QUESTIONS: Question[] = [
  {
    key: 'name',
    kind: 'string',
    group: 'cluster',
    prompted: true,
    message: 'Cluster name',
    hint: 'letters, digits and hyphens, starting with a letter; also names the project folder',
  },
  {
    key: 'region',
    kind: 'string',
    group: 'cluster',
    prompted: true,
    message: 'AWS region',
    hint: 'the region the cluster runs in, e.g. eu-west-1',
    choices: () => EKS_REGIONS.map((r) => ({ value: r.code, hint: r.name })),
  },
  {
    key: 'accountId',
    kind: 'string',
    group: 'cluster',
    prompted: true,
    message: 'AWS account ID (leave empty to fill in when applying)',
    hint: '12 digits, used in the KMS key and IAM role ARNs; empty writes ${AWS_ACCOUNT_ID} for envsubst',
  },
  {
    key: 'kubernetesVersion',
    kind: 'choice',
    group: 'cluster',
    prompted: true,
    message: 'Kubernetes version',
    hint: 'versions EKS supports today; extended support costs extra',
    choices: (_a, today) =>
      KUBERNETES_VERSIONS.filter((v) => supportStatus(v.version, today) !== 'unsupported')
        .map((v) => ({
          value: v.version,
          hint:
            supportStatus(v.version, today) === 'extended'
              ? `extended support (extra cost) until ${v.endOfExtendedSupport}`
              : `standard support until ${v.endOfStandardSupport}`,
        }))
        .reverse(),
  },
  {
    key: 'endpoint',
    kind: 'choice',
    group: 'cluster',
    prompted: true,
    message: 'API server endpoint access',
    hint: 'private keeps the Kubernetes API inside the VPC; public access is limited to the CIDRs you give',
    choices: () =>
      ENDPOINT_MODES.map((value) => ({
        value,
        hint: {
          private: 'private endpoint only (most secure)',
          'public-private': 'private, plus public from named CIDRs',
          public: 'public from named CIDRs only',
        }[value],
      })),
  },
  {
    key: 'publicAccessCidrs',
    kind: 'list',
    group: 'cluster',
    prompted: true,
    message: 'CIDRs allowed to reach the public endpoint',
    hint: 'comma separated, e.g. 203.0.113.10/32; 0.0.0.0/0 opens the API to the internet',
    when: (a) => a.endpoint !== undefined && a.endpoint !== 'private',
  },
  {
    key: 'allowPublicInternet',
    kind: 'boolean',
    group: 'cluster',
    prompted: true,
    message: 'The API endpoint would be reachable from the whole internet. Continue?',
    hint: 'needed only when publicAccessCidrs contains 0.0.0.0/0; recorded in the README',
    when: (a) => (a.publicAccessCidrs ?? []).includes('0.0.0.0/0'),
  },
  {
    key: 'ipFamily',
    kind: 'choice',
    group: 'network',
    prompted: true,
    message: 'IP family of pods and Services',
    hint: 'ipv4, or ipv6 (pods get IPv6 addresses from the subnets; no Windows nodes, no dual-stack)',
    choices: () =>
      IP_FAMILIES.map((value) => ({
        value,
        hint: value === 'ipv4' ? 'IPv4 (most common)' : 'IPv6: no pod IP exhaustion; needs Nitro instances, managed nodes, Fargate or Karpenter',
      })),
  },
  {
    key: 'vpcId',
    kind: 'string',
    group: 'network',
    prompted: true,
    message: 'Existing VPC id (leave empty to create a new VPC)',
    hint: 'vpc-0123456789abcdef0; empty lets eksctl create a VPC with public and private subnets in each AZ',
  },
  {
    key: 'vpcCidr',
    kind: 'string',
    group: 'network',
    prompted: true,
    message: 'IPv4 CIDR of the new VPC',
    hint: '/16 to /24, e.g. 10.0.0.0/16; eksctl cuts it into one public and one private subnet per AZ',
    when: (a) => !a.vpcId,
  },
  {
    key: 'natGateway',
    kind: 'choice',
    group: 'network',
    prompted: true,
    message: 'NAT gateways for the private subnets',
    hint: 'HighlyAvailable (one per AZ), Single (one, cheaper), or Disable (no internet egress: a fully private cluster)',
    // Without NAT gateways the cluster is fully private, which a public endpoint rules out.
    choices: (a) =>
      NAT_GATEWAYS.filter((value) => value !== 'Disable' || (a.endpoint ?? 'private') === 'private').map((value) => ({ value, hint: NAT_HINTS[value] })),
    when: (a) => !a.vpcId && a.ipFamily !== 'ipv6',
  },
  {
    key: 'subnets.public',
    kind: 'list',
    group: 'network',
    prompted: true,
    message: 'Public subnets of the VPC',
    hint: 'az:subnet-id:cidr, one per AZ, comma separated, e.g. us-east-1a:subnet-0123456789abcdef0:10.0.0.0/20; empty for none',
    when: (a) => !!a.vpcId,
  },
  {
    key: 'subnets.private',
    kind: 'list',
    group: 'network',
    prompted: true,
    message: 'Private subnets of the VPC (nodes and pods)',
    hint: 'az:subnet-id:cidr, one per AZ in at least two AZs, e.g. us-east-1a:subnet-0123456789abcdef0:10.0.64.0/19',
    when: (a) => !!a.vpcId,
  },
  {
    key: 'tags',
    kind: 'map',
    group: 'cluster',
    prompted: false,
    message: 'Tags for the cluster and its AWS resources',
    hint: 'key=value; repeat the flag for more tags',
  },
  {
    key: 'access',
    kind: 'choice',
    group: 'cluster',
    prompted: false,
    message: 'How people and nodes authenticate to the Kubernetes API',
    hint: 'access-entries (authenticationMode API), both (API_AND_CONFIG_MAP) or aws-auth (CONFIG_MAP, deprecated)',
    choices: () => ACCESS_MODES.map((value) => ({ value, hint: ACCESS_HINTS[value] })),
  },
  {
    key: 'accessEntries',
    kind: 'list',
    group: 'cluster',
    prompted: false,
    message: 'Access entries for IAM principals',
    hint: '<role or user ARN>=<access policy>[@ns1+ns2] or <ARN>=EC2_LINUX|EC2_WINDOWS|FARGATE_LINUX; repeat the flag for more',
  },
  {
    key: 'kmsKeyArn',
    kind: 'string',
    group: 'cluster',
    prompted: false,
    message: 'KMS key for secrets encryption',
    hint: 'an existing key or alias ARN in the cluster region; empty creates alias/eks/<name> in a README step',
  },
  {
    key: 'logTypes',
    kind: 'list',
    group: 'cluster',
    prompted: false,
    message: 'Control-plane log types',
    hint: `any of ${CONTROL_PLANE_LOG_TYPES.join(', ')}; empty turns control-plane logging off`,
    choices: () => CONTROL_PLANE_LOG_TYPES.map((value) => ({ value })),
  },
  {
    key: 'compute',
    kind: 'choice',
    group: 'compute',
    prompted: true,
    message: 'How nodes run',
    hint: 'managed node groups are patched and replaced by EKS',
    choices: () => COMPUTE_TYPES.map((value) => ({ value, hint: COMPUTE_MODULES[value].hint })),
  },
  ...nodeGroup.questions,
  ...karpenter.questions,
  ...autoMode.questions,
  {
    key: 'identity',
    kind: 'choice',
    group: 'identity',
    prompted: true,
    message: 'How pods get AWS credentials',
    hint: 'EKS Pod Identity needs no OIDC provider; IRSA works everywhere',
    // Pod Identity does not run on Fargate or Windows nodes: there the wizard offers IRSA only, and says why.
    choices: (a) =>
      IDENTITY_MODES.filter((value) => value === 'irsa' || podIdentityBlocker(a) === undefined).map((value) => ({
        value,
        hint:
          value === 'pod-identity'
            ? 'EKS Pod Identity (recommended)'
            : podIdentityBlocker(a)
              ? `IAM roles for service accounts (OIDC); ${podIdentityBlocker(a)}`
              : 'IAM roles for service accounts (OIDC)',
      })),
  },
  {
    key: 'cni.prefixDelegation',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Assign /28 prefixes to nodes (VPC CNI prefix delegation)',
    hint: 'many more pods per node on Nitro instances; maxPods is set to match',
  },
  {
    key: 'cni.podSecurityGroups',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: "Security groups for the application's pods",
    hint: 'a SecurityGroupPolicy gives the pods their own security group (not on Windows or t instances)',
  },
  {
    key: 'cni.customNetworking',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Pods in their own subnets (VPC CNI custom networking)',
    hint: 'one ENIConfig per AZ; needs --vpc-id and --addon-vpc-cni-pod-subnets from a secondary CIDR',
  },
  {
    key: 'cni.networkPolicy',
    kind: 'boolean',
    group: 'network',
    prompted: true,
    message: 'Enforce Kubernetes network policies (default deny in the application namespace)?',
    hint: 'the VPC CNI enforces NetworkPolicy on EC2 Linux nodes (not Fargate or Windows)',
    when: (a) => computeOf(a).ec2 && a.windowsNodes !== true,
  },
  {
    key: 'cni.externalSnat',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Keep pod source addresses on traffic leaving the VPC (external SNAT)',
    hint: 'for private subnets behind a NAT gateway, or peered, Transit Gateway or Direct Connect networks',
  },
  {
    key: 'coreDns.replicas',
    kind: 'integer',
    group: 'network',
    prompted: false,
    message: 'CoreDNS replicas',
    hint: 'with autoscaling, the least EKS scales CoreDNS to',
  },
  {
    key: 'coreDns.autoscaling',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Let EKS scale CoreDNS with the cluster',
    hint: "the coredns add-on's autoScaling, from coreDns.replicas up",
  },
  {
    key: 'app.name',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'First application name',
    hint: 'a DNS label: lowercase letters, digits and hyphens',
  },
  {
    key: 'app.namespace',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'Namespace for the application',
    hint: 'created with Pod Security Standards "restricted"',
  },
  { key: 'app.image', kind: 'string', group: 'app', prompted: true, message: 'Container image', hint: 'a pinned tag or digest; :latest is refused' },
  {
    key: 'app.port',
    kind: 'integer',
    group: 'app',
    prompted: true,
    message: 'Container port',
    hint: '1-65535; images running as non-root cannot bind below 1024',
  },
  { key: 'app.replicas', kind: 'integer', group: 'app', prompted: false, message: 'Replicas', hint: 'pods in the Deployment' },
  ...fargate.questions,
  {
    key: 'ingress',
    kind: 'choice',
    group: 'app',
    prompted: true,
    message: 'How the application is reached from outside the cluster',
    hint: 'alb (Ingress), nlb (Service of type LoadBalancer), or none; both install the AWS Load Balancer Controller',
    choices: () => INGRESS_TYPES.map((value) => ({ value, hint: INGRESS_HINTS[value] })),
    when: (a) => !computeOf(a).awsRunsCore,
  },
  {
    key: 'storage',
    kind: 'list',
    group: 'storage',
    prompted: true,
    message: 'Persistent storage',
    hint: 'any of ebs, efs, fsx-lustre; each installs its CSI driver and writes a StorageClass and an example claim',
    // Fargate pods mount EFS only; FSx for Lustre does not work in IPv6 clusters.
    choices: (a) =>
      STORAGE_KINDS.map((value) => ({ value, hint: STORAGE_HINTS[value] })).filter(
        (c) => (!computeOf(a).fargate || c.value === 'efs') && (a.ipFamily !== 'ipv6' || c.value !== 'fsx-lustre'),
      ),
  },
  {
    key: 'volumeSnapshots',
    kind: 'boolean',
    group: 'storage',
    prompted: false,
    message: 'Volume snapshots',
    hint: 'the snapshot controller add-on and a VolumeSnapshotClass for EBS volumes',
  },
  {
    key: 'addons',
    kind: 'list',
    group: 'addons',
    prompted: true,
    message: 'Add-ons to install',
    hint: 'comma separated add-on ids',
    when: () => OPTIONAL_ADDONS.length > 0,
    // Add-ons other answers already bring (ingress, storage, snapshots, the budget) are not offered again.
    choices: (a) =>
      OPTIONAL_ADDONS.filter((m) => m.when(a) === true && !impliedAddons(a).some((x) => x.id === m.id)).map((m) => ({
        value: m.id,
        hint: `${m.title}: ${m.description}`,
      })),
  },
  ...ALL_ADDONS.flatMap((m) => m.questions),
];

/** Why EKS Pod Identity is not available for these answers, or undefined when it is. */
export function podIdentityBlocker(a: PartialAnswers): string | undefined {
  if (computeOf(a).fargate) return 'EKS Pod Identity does not run on Fargate pods';
  if (a.windowsNodes === true) return 'EKS Pod Identity does not run on Windows nodes';
  const ns = a.app?.namespace ?? a.app?.name;
  if (ns !== undefined && (a.fargate?.namespaces ?? []).includes(ns)) return `namespace ${ns} runs on Fargate, where EKS Pod Identity does not run`;
  return undefined;
}

const NAT_HINTS: Record<string, string> = {
  HighlyAvailable: 'one NAT gateway per AZ: an AZ outage leaves the others online',
  Single: 'one NAT gateway for all AZs: cheaper, one AZ carries all egress',
  Disable: 'no NAT gateway: nodes reach AWS through VPC endpoints only (fully private cluster)',
};

const INGRESS_HINTS: Record<string, string> = {
  none: 'reachable inside the cluster only (Service of type ClusterIP)',
  alb: 'Application Load Balancer through an Ingress (HTTP)',
  nlb: 'Network Load Balancer through a Service of type LoadBalancer (TCP)',
};

const STORAGE_HINTS: Record<string, string> = {
  ebs: 'Amazon EBS block volumes (ReadWriteOnce), encrypted gp3',
  efs: 'Amazon EFS shared file system (ReadWriteMany)',
  'fsx-lustre': 'Amazon FSx for Lustre, high-throughput (ReadWriteMany)',
};

const ACCESS_HINTS: Record<string, string> = {
  'access-entries': 'EKS access entries only (authenticationMode API, recommended)',
  both: 'access entries and the aws-auth ConfigMap (API_AND_CONFIG_MAP), while migrating',
  'aws-auth': 'the aws-auth ConfigMap only (CONFIG_MAP), deprecated',
};

export const QUESTION_BY_KEY = new Map(QUESTIONS.map((q) => [q.key, q]));
export const QUESTION_BY_FLAG = new Map(QUESTIONS.map((q) => [flagName(q.key), q]));
