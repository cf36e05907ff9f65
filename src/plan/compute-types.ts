// What each compute type can do, as data: the one place other domains ask instead of comparing
// compute names. A new compute type adds a row here and its module; the rules read the traits.
import type { Compute } from '../answers/types.ts';

export interface ComputeType {
  id: Compute;
  /** What runs the pods, for messages. */
  runsOn: string;
  /** EC2 instances this project launches (node groups or Karpenter): sessions, pod ENIs and prefixes apply. */
  ec2: boolean;
  /** eksctl node groups with the sizes and instance types the answers give. */
  nodeGroups: boolean;
  /** AWS runs the VPC CNI, CoreDNS, kube-proxy, the EBS driver and load balancing itself (Auto Mode). */
  awsRunsCore: boolean;
  /** Every pod runs in its own Fargate micro-VM: no DaemonSets, EBS or FSx volumes, Pod Identity or sessions. */
  fargate: boolean;
  /** Its node groups are EKS managed node groups (with Karpenter, the system group), which eksctl checks updateConfig of. */
  managedGroups: boolean;
  /** eksctl builds it into IPv6 clusters (eksctl refuses self-managed node groups there). */
  ipv6: boolean;
  /**
   * Nodes come from a Karpenter NodePool: any size in its instance categories, maxPods set by its
   * EC2NodeClass, subnets found by the karpenter.sh/discovery tag, and a controller installed from a
   * Helm chart whose images are on public.ecr.aws.
   */
  nodePool: boolean;
}

export const COMPUTE: Readonly<Record<Compute, ComputeType>> = {
  managed: {
    id: 'managed',
    runsOn: 'managed nodes',
    ec2: true,
    nodeGroups: true,
    awsRunsCore: false,
    fargate: false,
    managedGroups: true,
    ipv6: true,
    nodePool: false,
  },
  'self-managed': {
    id: 'self-managed',
    runsOn: 'self-managed nodes',
    ec2: true,
    nodeGroups: true,
    awsRunsCore: false,
    fargate: false,
    managedGroups: false,
    ipv6: false,
    nodePool: false,
  },
  karpenter: {
    id: 'karpenter',
    runsOn: 'Karpenter nodes',
    ec2: true,
    nodeGroups: false,
    awsRunsCore: false,
    fargate: false,
    managedGroups: true,
    ipv6: true,
    nodePool: true,
  },
  fargate: {
    id: 'fargate',
    runsOn: 'Fargate pods',
    ec2: false,
    nodeGroups: false,
    awsRunsCore: false,
    fargate: true,
    managedGroups: false,
    ipv6: true,
    nodePool: false,
  },
  'auto-mode': {
    id: 'auto-mode',
    runsOn: 'EKS Auto Mode nodes',
    ec2: false,
    nodeGroups: false,
    awsRunsCore: true,
    fargate: false,
    managedGroups: false,
    ipv6: true,
    nodePool: false,
  },
};

/** The compute type of (possibly partial) answers; managed until one is chosen. */
export const computeOf = (a: { compute?: Compute }): ComputeType => COMPUTE[a.compute ?? 'managed'] ?? COMPUTE.managed;

/** A question's `when`: asked only for these compute types. */
export const onlyOn =
  (...ids: Compute[]) =>
  (a: { compute?: Compute }): boolean =>
    a.compute !== undefined && ids.includes(a.compute);
