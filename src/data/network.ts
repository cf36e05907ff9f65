// Networking and storage facts the plan is built from. Every group names its source; the research
// notes are in docs/research/network-storage.md (section numbers below), summaries in docs/facts.md.
// Checked 2026-11-28, with LAST_CHECKED in versions.ts.
import type { StorageKind } from '../answers/types.ts';

/** eksctl's VPC rules (eksctl-io/eksctl pkg/vpc/vpc.go validateVPCCIDR; pkg/apis/eksctl.io/v1alpha5/vpc.go). */
export const EKSCTL_VPC = {
  /** eksctl's own default for a VPC it creates. */
  defaultCidr: '192.168.0.0/16',
  /** "VPC CIDR prefix must be between /16 and /24". */
  minPrefix: 16,
  maxPrefix: 24,
  /** MinRequiredSubnets: at least two public and/or two private subnets, in different AZs. */
  minSubnets: 2,
} as const;

/** EKS subnet requirements (UG networking/network-reqs.adoc; EC2 CreateSubnet API). */
export const SUBNET_FACTS = {
  /** EKS needs at least 6 free addresses in each cluster subnet, and recommends 16. */
  minFreeAddresses: 6,
  recommendedFreeAddresses: 16,
  /** AWS reserves the first four and the last address of every subnet. */
  reservedPerSubnet: 5,
  /** Subnet sizes AWS allows: /16 to /28. */
  minPrefix: 16,
  maxPrefix: 28,
} as const;

/** The values the answers take, and what eksctl writes for them (schema ClusterNAT, KubernetesNetworkConfig). */
export const EKSCTL_IP_FAMILY = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;

/** Regions where EKS refuses IPv6 clusters (EKS API KubernetesNetworkConfigRequest.ipFamily: "You can't specify ipv6 for clusters in China Regions"). */
export const IPV6_UNSUPPORTED_PARTITIONS = ['aws-cn'] as const;
/** eksctl's fully private clusters are not supported here (eksctl userdocs usage/eks-private-cluster.md). */
export const PRIVATE_CLUSTER_UNSUPPORTED_REGIONS = ['eu-south-1'] as const;

/**
 * Keys this project writes into the vpc-cni add-on's configurationValues, each with where AWS (or the
 * add-on's public users) put it there. Every env value is a string (the add-on schema types them so).
 * The add-on schema itself is only available from `aws eks describe-addon-configuration`; see research §2.
 */
export const VPC_CNI_CONFIG_KEYS: Readonly<Record<string, string>> = {
  enableNetworkPolicy: 'UG networking/cni-network-policy-configure.adoc (add-on configuration, "true" as a string)',
  enableWindowsIpam: 'aws-vpc-cni chart values.yaml (enableWindowsIpam: "false", a string); the add-on configuration mirrors the chart',
  enableWindowsPrefixDelegation:
    'aws-vpc-cni chart values.yaml (enableWindowsPrefixDelegation: "false", a string); UG cni-increase-ip-addresses-procedure.adoc (Windows prefixes)',
  'env.ENABLE_PREFIX_DELEGATION': 'UG networking/cni-increase-ip-addresses-procedure.adoc; add-on schema dump (format boolean)',
  'env.WARM_PREFIX_TARGET': 'UG networking/cni-increase-ip-addresses-procedure.adoc; add-on schema dump (format integer)',
  'env.ENABLE_POD_ENI': 'UG networking/security-groups-pods-deployment.adoc; add-on schema dump (format boolean)',
  'env.POD_SECURITY_GROUP_ENFORCING_MODE':
    'UG networking/security-groups-pods-deployment.adoc (standard needs no TCP early demux patch); set in add-on configuration by public Terraform',
  'env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG': 'UG networking/cni-custom-network-tutorial.adoc; add-on schema dump (format boolean)',
  'env.ENI_CONFIG_LABEL_DEF': 'UG networking/cni-custom-network-tutorial.adoc (topology.kubernetes.io/zone)',
  'env.AWS_VPC_K8S_CNI_EXTERNALSNAT': 'UG networking/external-snat.adoc; add-on schema dump (format boolean)',
};

/** Keys written into the coredns add-on's configurationValues (research §8). */
export const COREDNS_CONFIG_KEYS: Readonly<Record<string, string>> = {
  autoScaling: 'UG networking/coredns-autoscaling.adoc: {enabled, minReplicas, maxReplicas}, JSON booleans and integers',
  replicaCount: 'integer; used in add-on configuration by public Terraform, and in a captured add-on schema (third-party)',
};

/** EKS's default CoreDNS replica count (UG networking/coredns-autoscaling.adoc). */
export const COREDNS_DEFAULT_REPLICAS = 2;

/** CoreDNS pods' labels on EKS, and the namespace label Kubernetes sets on every namespace (research §6). */
export const KUBE_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53 } as const;

/** The EKS Pod Identity agent's link-local address on each node (UG pod-id-how-it-works). */
export const POD_IDENTITY_AGENT = { ipv4: '169.254.170.23/32', ipv6: 'fd00:ec2::23/128', port: 80 } as const;

/**
 * Instance families on the Xen hypervisor (or bare metal of unknown hypervisor): prefix delegation,
 * security groups for pods and IPv6 need Nitro. Read in aws/amazon-vpc-cni-k8s
 * pkg/vpc/vpc_ip_resource_limit.go@01c4ad5 (hypervisor "xen"), plus older Xen families (research §3).
 */
export const NON_NITRO_FAMILIES: readonly string[] = [
  'c1',
  'c3',
  'c4',
  'cr1',
  'd2',
  'f1',
  'g2',
  'g3',
  'g3s',
  'h1',
  'hs1',
  'i2',
  'i3',
  'm1',
  'm2',
  'm3',
  'm4',
  'p2',
  'p3',
  'r3',
  'r4',
  't1',
  't2',
  'x1',
  'x1e',
];

export function instanceFamily(type: string): string {
  return type.slice(0, type.indexOf('.'));
}

export function isNitro(type: string): boolean {
  return !NON_NITRO_FAMILIES.includes(instanceFamily(type)) && !type.endsWith('.metal');
}

/** Security groups for pods need a trunk ENI: no burstable (t) family at all (UG networking/security-groups-for-pods.adoc). */
export function supportsPodEni(type: string): boolean {
  return isNitro(type) && !/^t\d/.test(instanceFamily(type));
}

/**
 * ENIs and IPv4 addresses per ENI, read in aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go@01c4ad5
 * or derived from amazon-eks-ami eni-max-pods.txt values that follow the same pattern (research §3).
 * Families listed here share these per-size limits; `ENI_LIMIT_EXCEPTIONS` holds the sizes that differ.
 */
const STANDARD_SIZES: Readonly<Record<string, [number, number, number]>> = {
  // size: [ENIs, IPv4 per ENI, vCPUs]
  medium: [2, 4, 1],
  large: [3, 10, 2],
  xlarge: [4, 15, 4],
  '2xlarge': [4, 15, 8],
  '4xlarge': [8, 30, 16],
  '8xlarge': [8, 30, 32],
  '12xlarge': [8, 30, 48],
  '16xlarge': [15, 50, 64],
  '24xlarge': [15, 50, 96],
};
const STANDARD_FAMILIES = [
  'm5',
  'm5a',
  'c5',
  'c5a',
  'r5',
  'r5a',
  'm6i',
  'm6a',
  'c6i',
  'c6a',
  'r6i',
  'r6a',
  'm7i',
  'm7a',
  'c7i',
  'c7a',
  'r7i',
  'r7a',
  'm6g',
  'c6g',
  'r6g',
  'm7g',
  'c7g',
  'r7g',
];
const ENI_LIMIT_EXCEPTIONS: Readonly<Record<string, [number, number, number]>> = {
  't3.nano': [2, 2, 2],
  't3.micro': [2, 2, 2],
  't3.small': [3, 4, 2],
  't3.medium': [3, 6, 2],
  't3.large': [3, 12, 2],
  't3.xlarge': [4, 15, 4],
  't3.2xlarge': [4, 15, 8],
  't3a.nano': [2, 2, 2],
  't3a.micro': [2, 2, 2],
  't3a.small': [2, 4, 2],
  't3a.medium': [3, 6, 2],
  't3a.large': [3, 12, 2],
  't3a.xlarge': [4, 15, 4],
  't3a.2xlarge': [4, 15, 8],
  't4g.nano': [2, 2, 2],
  't4g.micro': [2, 2, 2],
  't4g.small': [3, 4, 2],
  't4g.medium': [3, 6, 2],
  't4g.large': [3, 12, 2],
  't4g.xlarge': [4, 15, 4],
  't4g.2xlarge': [4, 15, 8],
  'm8i.large': [3, 20, 2],
  'r8i.large': [3, 20, 2],
  'c8i.large': [3, 20, 2],
  'm8i.xlarge': [4, 30, 4],
  'r8i.xlarge': [4, 30, 4],
  // The Xen example in the research table: secondary-IP mode only.
  'm4.large': [2, 10, 2],
};

export interface EniLimits {
  enis: number;
  ipsPerEni: number;
  vcpus: number;
}

export function eniLimits(type: string): EniLimits | undefined {
  const exact = ENI_LIMIT_EXCEPTIONS[type];
  const size = type.slice(type.indexOf('.') + 1);
  const row = exact ?? (STANDARD_FAMILIES.includes(instanceFamily(type)) ? STANDARD_SIZES[size] : undefined);
  return row ? { enis: row[0], ipsPerEni: row[1], vcpus: row[2] } : undefined;
}

/** vCPUs from the size name alone, for types outside the table (large = 2, xlarge = 4, Nxlarge = 4N). */
export function vcpusFromSize(type: string): number | undefined {
  const size = type.slice(type.indexOf('.') + 1);
  if (size === 'large') return 2;
  if (size === 'xlarge') return 4;
  const m = /^(\d+)xlarge$/.exec(size);
  return m ? Number(m[1]) * 4 : undefined;
}

/**
 * The max-pods value amazon-eks-ami's max-pods-calculator.sh recommends (templates/al2/runtime/
 * max-pods-calculator.sh): prefix mode ENIs × ((IPs − 1) × 16) + 2, secondary-IP mode ENIs × (IPs − 1) + 2,
 * one ENI fewer with custom networking; then at most 110 up to 30 vCPUs and 250 above. Undefined when
 * neither the table nor the size name tells enough.
 */
export function recommendedMaxPods(type: string, opts: { prefixDelegation: boolean; customNetworking: boolean }): number | undefined {
  const limits = eniLimits(type);
  const vcpus = limits?.vcpus ?? vcpusFromSize(type);
  if (vcpus === undefined) return undefined;
  const cap = vcpus > 30 ? 250 : 110;
  if (!limits) {
    // Every type of size large and up has at least 3 ENIs of 10 addresses: in prefix mode the cap decides.
    return opts.prefixDelegation ? cap : undefined;
  }
  const enis = limits.enis - (opts.customNetworking ? 1 : 0);
  const perEni = (limits.ipsPerEni - 1) * (opts.prefixDelegation && isNitro(type) ? 16 : 1);
  return Math.min(enis * perEni + 2, cap);
}

/** The prefix delegation default AWS documents: one spare /28 prefix per node (UG cni-increase-ip-addresses-procedure.adoc). */
export const WARM_PREFIX_TARGET = '1';

/**
 * VPC endpoints a node in subnets without internet access needs (UG clusters/private-clusters.adoc;
 * research §10). `eksctl` says whether eksctl's privateCluster creates it (endpoint_service.go
 * RequiredEndpointServices; pkg/cfn/builder/vpc_endpoint.go).
 */
export interface EndpointService {
  service: string;
  type: 'Interface' | 'Gateway';
  why: string;
  /** eksctl creates it for a fully private cluster (logs only when control-plane logging is on). */
  eksctl: boolean;
  regional: boolean;
  /** In the China regions the service name starts cn.com.amazonaws (eksctl endpoint_service.go RequiresChinaPrefix); known for eksctl's endpoints only. */
  chinaPrefix?: boolean;
}
export const PRIVATE_CLUSTER_ENDPOINTS: readonly EndpointService[] = [
  { service: 'ec2', type: 'Interface', why: 'nodes look up their instance and network details', eksctl: true, regional: true, chinaPrefix: true },
  { service: 'ecr.api', type: 'Interface', why: 'image pulls from Amazon ECR (API)', eksctl: true, regional: true, chinaPrefix: true },
  { service: 'ecr.dkr', type: 'Interface', why: 'image pulls from Amazon ECR (registry)', eksctl: true, regional: true, chinaPrefix: true },
  { service: 's3', type: 'Gateway', why: 'image layers that ECR serves from Amazon S3', eksctl: true, regional: true, chinaPrefix: false },
  { service: 'sts', type: 'Interface', why: 'IRSA credentials (the SDKs must use the regional STS endpoint)', eksctl: true, regional: true, chinaPrefix: true },
  { service: 'logs', type: 'Interface', why: 'CloudWatch Logs', eksctl: true, regional: true, chinaPrefix: false },
  { service: 'eks', type: 'Interface', why: 'EKS API calls from inside the VPC (eksctl, the AWS CLI)', eksctl: false, regional: true },
  { service: 'eks-auth', type: 'Interface', why: 'EKS Pod Identity credentials', eksctl: false, regional: true },
  { service: 'ssm', type: 'Interface', why: 'Session Manager on the nodes: the tunnel to the private API endpoint', eksctl: false, regional: true },
  { service: 'ssmmessages', type: 'Interface', why: "Session Manager on the nodes: the tunnel's data channel", eksctl: false, regional: true },
  { service: 'ec2messages', type: 'Interface', why: "Session Manager on the nodes: the agent's messages", eksctl: false, regional: true },
  { service: 'elasticloadbalancing', type: 'Interface', why: 'the AWS Load Balancer Controller', eksctl: false, regional: true },
];

/**
 * AWS Load Balancer Controller annotations (kubernetes-sigs/aws-load-balancer-controller
 * docs/guide/ingress/annotations.md and docs/guide/service/annotations.md; research §9). All values are strings.
 */
export const LBC = {
  ingressClass: 'alb',
  /** The controller an IngressClass of the AWS Load Balancer Controller names (its chart's IngressClass). */
  ingressController: 'ingress.k8s.aws/alb',
  alb: {
    scheme: 'alb.ingress.kubernetes.io/scheme',
    targetType: 'alb.ingress.kubernetes.io/target-type',
    listenPorts: 'alb.ingress.kubernetes.io/listen-ports',
    healthcheckPath: 'alb.ingress.kubernetes.io/healthcheck-path',
    ipAddressType: 'alb.ingress.kubernetes.io/ip-address-type',
    certificateArn: 'alb.ingress.kubernetes.io/certificate-arn',
    sslPolicy: 'alb.ingress.kubernetes.io/ssl-policy',
    sslRedirect: 'alb.ingress.kubernetes.io/ssl-redirect',
    inboundCidrs: 'alb.ingress.kubernetes.io/inbound-cidrs',
    wafv2AclArn: 'alb.ingress.kubernetes.io/wafv2-acl-arn',
  },
  nlb: {
    type: 'service.beta.kubernetes.io/aws-load-balancer-type',
    targetType: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
    scheme: 'service.beta.kubernetes.io/aws-load-balancer-scheme',
    ipAddressType: 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type',
    sslCert: 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
    sslPorts: 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports',
    sslNegotiationPolicy: 'service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy',
  },
  /** external-dns reads a Service's or an Ingress's name from this annotation. */
  externalDnsHostname: 'external-dns.alpha.kubernetes.io/hostname',
  /** The scheme when none is given is internal; the project always writes one. */
  schemes: ['internal', 'internet-facing'] as const,
  /** Subnet role tags the controller discovers subnets by (docs/deploy/subnet_discovery.md). */
  publicSubnetTag: 'kubernetes.io/role/elb',
  privateSubnetTag: 'kubernetes.io/role/internal-elb',
} as const;

/** Elastic Load Balancing's TLS 1.3 policy that also allows TLS 1.2 (the console's default for new listeners). */
export const ELB_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Storage drivers (EKS User Guide, available add-ons; each driver's kubernetes-sigs docs). */
export const STORAGE_DRIVERS: Readonly<Record<StorageKind, { addon: string; provisioner: string; title: string }>> = {
  ebs: { addon: 'aws-ebs-csi-driver', provisioner: 'ebs.csi.aws.com', title: 'Amazon EBS' },
  efs: { addon: 'aws-efs-csi-driver', provisioner: 'efs.csi.aws.com', title: 'Amazon EFS' },
  'fsx-lustre': { addon: 'aws-fsx-csi-driver', provisioner: 'fsx.csi.aws.com', title: 'Amazon FSx for Lustre' },
};
/** EKS Auto Mode's built-in block storage (UG create-storage-class.adoc). */
export const AUTO_MODE_EBS_PROVISIONER = 'ebs.csi.eks.amazonaws.com';

/** FSx for Lustre client ports (FSx for Lustre User Guide, "File system access control with Amazon VPC"). */
export const LUSTRE_PORTS = { main: 988, rangeFrom: 1018, rangeTo: 1023 } as const;
/** The smallest SCRATCH_2 file system, and its step (UG storage/fsx-csi.adoc; research §11). */
export const FSX_MIN_CAPACITY = '1200Gi';
/** NFS, for EFS mount targets. */
export const NFS_PORT = 2049;
