// The answers contract: a plain, serialisable object. Every later step is a pure function of it.

export const COMPUTE_TYPES = ['managed', 'self-managed', 'fargate', 'karpenter', 'auto-mode'] as const;
export const IDENTITY_MODES = ['pod-identity', 'irsa'] as const;
export const ENDPOINT_MODES = ['private', 'public-private', 'public'] as const;
/** Node AMI families offered for Linux node groups and Karpenter (eksctl spelling). */
export const AMI_FAMILIES = ['AmazonLinux2023', 'Bottlerocket'] as const;
export const CAPACITY_TYPES = ['on-demand', 'spot'] as const;
export const ACCESS_MODES = ['access-entries', 'both', 'aws-auth'] as const;
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export const ARCHITECTURES = ['amd64', 'arm64'] as const;
export const AUTO_MODE_NODE_POOLS = ['general-purpose', 'system'] as const;
export const IP_FAMILIES = ['ipv4', 'ipv6'] as const;
export const NAT_GATEWAYS = ['HighlyAvailable', 'Single', 'Disable'] as const;
export const INGRESS_TYPES = ['none', 'alb', 'nlb'] as const;
export const STORAGE_KINDS = ['ebs', 'efs', 'fsx-lustre'] as const;
export const SUPPORT_TYPES = ['standard', 'extended'] as const;
/** The EKS API's ControlPlaneScalingConfig tiers (docs/facts.md). */
export const CONTROL_PLANE_TIERS = ['standard', 'tier-xl', 'tier-2xl', 'tier-4xl', 'tier-8xl'] as const;
/** How the application and the Helm add-ons reach the cluster after it exists. */
export const GITOPS_MODES = ['none', 'argocd'] as const;
/** EKS capabilities (eksctl's `capabilities`), in this project's spelling. */
export const CAPABILITY_TYPES = ['argocd', 'ack', 'kro'] as const;
/** Where a workload's image is built and deployed from: nowhere (you do it), or a GitHub Actions workflow. */
export const CI_MODES = ['none', 'github-actions'] as const;

export type Compute = (typeof COMPUTE_TYPES)[number];
export type Identity = (typeof IDENTITY_MODES)[number];
export type Endpoint = (typeof ENDPOINT_MODES)[number];
export type AmiFamily = (typeof AMI_FAMILIES)[number];
export type CapacityType = (typeof CAPACITY_TYPES)[number];
export type AccessMode = (typeof ACCESS_MODES)[number];
export type TaintEffect = (typeof TAINT_EFFECTS)[number];
export type IpFamily = (typeof IP_FAMILIES)[number];
export type NatGateway = (typeof NAT_GATEWAYS)[number];
export type IngressType = (typeof INGRESS_TYPES)[number];
export type StorageKind = (typeof STORAGE_KINDS)[number];
export type SupportType = (typeof SUPPORT_TYPES)[number];
export type ControlPlaneTier = (typeof CONTROL_PLANE_TIERS)[number];
export type GitopsMode = (typeof GITOPS_MODES)[number];
export type CapabilityType = (typeof CAPABILITY_TYPES)[number];
export type CiMode = (typeof CI_MODES)[number];
/** A workload's delivery and the AWS resources its role reaches, each with its kind: the answers under app. that add service takes too. */
export const DELIVERY_FIELDS = {
  ecr: 'boolean',
  ci: 'text',
  githubRepository: 'text',
  githubBranch: 'text',
  secrets: 'list',
  s3Prefixes: 'list',
  dynamodbTables: 'list',
} as const;
export type DeliveryField = keyof typeof DELIVERY_FIELDS;

/** Subnets of an existing VPC, each written `<availability zone>:<subnet id>:<IPv4 CIDR>`. */
export interface SubnetAnswers {
  public: string[];
  private: string[];
}

export interface CoreDnsAnswers {
  /** CoreDNS replicas; with autoscaling, the least EKS may scale to. */
  replicas: number;
  /** EKS scales CoreDNS with the cluster (the add-on's autoScaling). */
  autoscaling: boolean;
}

/** What a group's nodes run: a custom AMI, kubelet and Bottlerocket settings, volume type, extra security groups. */
export interface NodeSettings {
  /** A custom AMI ID of the group's AMI family; '' for EKS's. */
  ami: string;
  /** Kubelet settings (AL2023): `field` or `field.key` to the value as text. */
  kubelet: Record<string, string>;
  preBootstrapCommands: string[];
  volumeType: 'gp3' | 'gp2';
  /** Security group IDs attached beside eksctl's. */
  securityGroups: string[];
  bottlerocketAdminContainer: boolean;
  /** Bottlerocket settings by dotted path. */
  bottlerocketSettings: Record<string, string>;
}

export interface NodeGroupAnswers extends NodeSettings {
  instanceTypes: string[];
  capacityType: CapacityType;
  minSize: number;
  desiredCapacity: number;
  maxSize: number;
  /** Root (AL2023) or data (Bottlerocket) volume size in GiB. */
  volumeSize: number;
  labels: Record<string, string>;
  /** `key=value:Effect` or `key:Effect`, as kubectl taint writes them. */
  taints: string[];
  /** updateConfig: a percentage ("33%") or a node count ("1"). */
  maxUnavailable: string;
  /** EKS node auto repair: unhealthy managed nodes are replaced. */
  autoRepair: boolean;
}

/** A node group beside the system group, for workloads that need other instances, Spot or taints. */
export interface ExtraNodeGroup extends Omit<NodeGroupAnswers, 'autoRepair'> {
  name: string;
  amiFamily: AmiFamily;
  /** In private subnets (the default); false puts the nodes in public subnets with public addresses. */
  privateNetworking: boolean;
  /** Some of the cluster's zones; empty spreads the group over all of them. */
  availabilityZones: string[];
  tags: Record<string, string>;
  /** An On-Demand Capacity Reservation or Capacity Block to launch into. */
  capacityReservationId: string;
  capacityReservationGroupArn: string;
  /** open or none when no reservation is targeted; '' leaves EC2's default. */
  capacityReservationPreference: '' | 'open' | 'none';
  capacityBlock: boolean;
  /** Self-managed groups: load balancers the Auto Scaling group registers with, and its metrics. */
  targetGroupARNs: string[];
  classicLoadBalancerNames: string[];
  asgMetrics: boolean;
}

/** A Karpenter NodePool beside the default one, for GPUs, Spot or workloads that need their own nodes. */
export interface ExtraNodePool {
  name: string;
  architectures: string[];
  capacityTypes: string[];
  /** Ignored for a GPU pool, which asks for NVIDIA GPUs instead. */
  instanceCategories: string[];
  /** NVIDIA GPU instances (any category), tainted nvidia.com/gpu unless taints are given. */
  gpu: boolean;
  labels: Record<string, string>;
  taints: string[];
  cpuLimit: number;
  memoryLimit: number;
  /** GPUs in all, for a GPU pool. */
  gpuLimit: number;
  disruptionBudget: string;
  /** Karpenter tries pools of higher weight first. */
  weight: number;
  /** The pool's AMI family; another than the cluster's gives the pool an EC2NodeClass of its own. */
  amiFamily: AmiFamily;
  /** On-Demand Capacity Reservations (cr-...) the pool launches into first, through its own EC2NodeClass. */
  capacityReservationIds: string[];
  /** An IAM role of yours for the pool's nodes (its name); '' for Karpenter's node role. */
  nodeRole: string;
}

export interface KarpenterAnswers {
  architectures: string[];
  capacityTypes: string[];
  instanceCategories: string[];
  /** NodePool limit, in vCPUs. */
  cpuLimit: number;
  /** NodePool limit, in GiB of memory. */
  memoryLimit: number;
  /** NodePool disruption budget: a percentage ("10%") or a node count ("2"). */
  disruptionBudget: string;
}

export interface AutoModeAnswers {
  nodePools: string[];
}

export interface FargateAnswers {
  /** Namespaces whose pods run on Fargate (with compute fargate, or next to node groups). */
  namespaces: string[];
  /** Pod labels every Fargate workload selector also requires; empty selects whole namespaces. */
  labels: Record<string, string>;
}

/** VPC CNI modes, set through the vpc-cni add-on's configurationValues. */
export interface CniAnswers {
  prefixDelegation: boolean;
  podSecurityGroups: boolean;
  customNetworking: boolean;
  networkPolicy: boolean;
  externalSnat: boolean;
}

export interface AppAnswers {
  name: string;
  namespace: string;
  image: string;
  port: number;
  replicas: number;
  /** The node group the application runs on: empty for the system group, or one of nodeGroups by name. */
  nodePool: string;
  /** An existing IAM role for the application, used instead of creating one; '' creates it. */
  roleArn: string;
  /** AWS managed or customer managed policies attached to the application's role beside its own. */
  managedPolicyArns: string[];
  /** The DNS name clients use (Ingress rule host, or the NLB's DNS record); '' for none. */
  hostname: string;
  /** An ECR repository for the image: immutable tags, scan on push, a lifecycle policy. */
  ecr: boolean;
  /** The workflow that builds, pushes, validates and deploys the workload. */
  ci: CiMode;
  /** owner/name of the GitHub repository whose workflow may deploy (ci github-actions). */
  githubRepository: string;
  /** The branch whose pushes deploy; the CI role trusts only it. */
  githubBranch: string;
  /** Secrets Manager secrets (names) the workload may read. */
  secrets: string[];
  /** S3 `bucket/prefix` places the workload may read and write. */
  s3Prefixes: string[];
  /** DynamoDB tables the workload may read and write. */
  dynamodbTables: string[];
}

/** HTTPS on the application's load balancer. */
export interface TlsAnswers {
  /** An ACM certificate that already exists; '' for none. */
  certificateArn: string;
  /** A domain the README requests an ACM certificate for, validated through DNS; '' for none. */
  domain: string;
  /** The Route 53 hosted zone the validation record is written to; '' prints it for you to add. */
  hostedZoneId: string;
}

/** The Argo CD capability's sign-in through IAM Identity Center, and where GitOps reads from. */
export interface ArgocdAnswers {
  /** The IAM Identity Center instance ARN Argo CD's users sign in through. */
  idcInstanceArn: string;
  /** Its region, when it is not the cluster's; '' for the cluster's. */
  idcRegion: string;
  /** Identity Center group ids that become Argo CD admins. */
  adminGroupIds: string[];
  /** The Git repository Argo CD syncs this project from (gitops argocd). */
  repoUrl: string;
  /** The branch or tag it follows. */
  revision: string;
}

/** An OIDC identity provider people sign in to the cluster with (EKS takes one per cluster). */
export interface OidcProviderAnswers {
  /** https issuer URL; '' for none. */
  issuerUrl: string;
  clientId: string;
  usernameClaim: string;
  usernamePrefix: string;
  /** '' when the tokens carry no groups. */
  groupsClaim: string;
  groupsPrefix: string;
}

export interface Answers {
  /** A service project: one workload onto a cluster that already exists; no ClusterConfig. */
  service: boolean;
  /** The existing cluster's OIDC issuer URL (service projects with IRSA); '' reads it at apply time. */
  clusterOidcIssuer: string;
  /** The existing cluster's IngressClass for an ALB (service projects); '' when there is no Ingress. */
  ingressClass: string;
  name: string;
  region: string;
  /** 12 digits; when empty, ARNs carry ${AWS_ACCOUNT_ID} and the README substitutes it. */
  accountId: string;
  kubernetesVersion: string;
  /** The version `create-eks-app upgrade` moved from; the README then holds the runbook from it. '' for none. */
  upgradeFrom: string;
  /** IPv4 CIDR of the VPC eksctl creates; with vpcId, optionally the existing VPC's CIDR. */
  vpcCidr: string;
  /** An existing VPC (vpc-...); empty lets eksctl create one. */
  vpcId: string;
  subnets: SubnetAnswers;
  /** Zones of the VPC eksctl creates (at least two); empty lets eksctl choose. */
  availabilityZones: string[];
  /** NAT gateways of the VPC eksctl creates. */
  natGateway: NatGateway;
  endpoint: Endpoint;
  publicAccessCidrs: string[];
  /** Recorded only when the user explicitly accepted an API endpoint open to the internet. */
  allowPublicInternet: boolean;
  tags: Record<string, string>;
  /** How people and roles reach the Kubernetes API: access entries (API), both, or the aws-auth ConfigMap. */
  access: AccessMode;
  /** Access entries for named principals: `<principal ARN>=<policy>[@ns1+ns2]` or `<principal ARN>=<type>`. */
  accessEntries: string[];
  /** A KMS key the user already has (key or alias ARN); empty creates one through a README step. */
  kmsKeyArn: string;
  /** Control-plane log types sent to CloudWatch Logs. */
  logTypes: string[];
  /** Days CloudWatch keeps the control-plane logs (a value CloudWatch Logs accepts). */
  logRetentionDays: number;
  /** standard, or extended: stay on this version in paid extended support when standard support ends. */
  supportType: SupportType;
  /** EKS Provisioned Control Plane tier; standard is EKS's default and costs nothing extra. */
  controlPlaneTier: ControlPlaneTier;
  /** ARC zonal shift for the cluster's load balancers and nodes. */
  zonalShift: boolean;
  /** Service ClusterIPs come from this range (IPv4 only); empty lets EKS choose 10.100.0.0/16 or 172.20.0.0/16. */
  serviceIpv4Cidr: string;
  /** The identity that runs eksctl becomes cluster admin through an access entry (bootstrapClusterCreatorAdminPermissions). */
  creatorAdmin: boolean;
  compute: Compute;
  /** AMI family of the Linux node groups and of Karpenter's nodes. */
  amiFamily: AmiFamily;
  /** The Linux node group (managed or self-managed; with Karpenter, the group its controller runs on). */
  nodeGroup: NodeGroupAnswers;
  /** Node groups beside the system group (managed or self-managed, as the compute type). */
  nodeGroups: ExtraNodeGroup[];
  oidcProvider: OidcProviderAnswers;
  /** A permissions boundary on every IAM role the project creates; '' for none. */
  permissionsBoundaryArn: string;
  /** Adds a Windows managed or self-managed node group next to the Linux one. */
  windowsNodes: boolean;
  karpenter: KarpenterAnswers;
  /** Karpenter NodePools beside the default one. */
  nodePools: ExtraNodePool[];
  autoMode: AutoModeAnswers;
  identity: Identity;
  ipFamily: IpFamily;
  /** VPC CNI modes, set through the vpc-cni add-on's configurationValues. */
  cni: CniAnswers;
  coreDns: CoreDnsAnswers;
  /** How the application is reached from outside the cluster. */
  ingress: IngressType;
  tls: TlsAnswers;
  /** CIDRs allowed to reach the application's load balancer; empty leaves an internal one open to its VPC. */
  ingressSourceCidrs: string[];
  /** Recorded only when the user explicitly accepted a load balancer open to the whole internet. */
  allowPublicIngress: boolean;
  /** A regional WAFv2 web ACL in front of the Application Load Balancer; '' for none. */
  wafAclArn: string;
  /** EKS capabilities: managed Argo CD, ACK and KRO. */
  capabilities: CapabilityType[];
  argocd: ArgocdAnswers;
  /** IAM policies of the ACK capability's role: what AWS resources ACK may manage. */
  ackPolicyArns: string[];
  /** none applies the app and add-ons from the README; argocd writes Argo CD Applications for them. */
  gitops: GitopsMode;
  /** Persistent storage the cluster offers, with an example claim each. */
  storage: StorageKind[];
  volumeSnapshots: boolean;
  app: AppAnswers;
  fargate: FargateAnswers;
  /** Optional add-ons by id (generators/addons). */
  addons: string[];
  /** Options of add-ons, keyed by the add-on's camelCase id. */
  addon: Record<string, Record<string, unknown>>;
}

/** The answers that are maps of fields (one per domain); a partial answer set may hold some fields of each. */
export const NESTED_ANSWERS = ['app', 'subnets', 'coreDns', 'nodeGroup', 'karpenter', 'autoMode', 'fargate', 'cni', 'oidcProvider', 'tls', 'argocd'] as const;
type Nested = (typeof NESTED_ANSWERS)[number];

/** What the user has given so far: any subset, with each domain's map possibly partial too. */
export type PartialAnswers = Partial<Omit<Answers, Nested | 'addon' | 'nodeGroups' | 'nodePools'>> & { [K in Nested]?: Partial<Answers[K]> } & {
  addon?: Record<string, Record<string, unknown>>;
  /** Groups and pools as given: what each leaves out is filled in when the answers are resolved. */
  nodeGroups?: Partial<ExtraNodeGroup>[];
  nodePools?: Partial<ExtraNodePool>[];
};

/** `groups`: a list of records, one per item (node groups); a flag gives one item as field=value pairs. */
export type AnswerKind = 'string' | 'integer' | 'boolean' | 'choice' | 'list' | 'map' | 'groups';
