// Karpenter as this project's compute: the controller's IAM policy (Karpenter's split controller
// policies, scoped to this cluster), the node role, the interruption queue with its EventBridge rules
// (a CloudFormation template, deployed before the cluster so the node role's access entry can name
// it), the Helm values, and the NodePool and EC2NodeClass that carry the user's choices.
//
// Sources: Karpenter 1.14 getting-started CloudFormation (KarpenterNodeRole, the six controller
// ManagedPolicies, KarpenterInterruptionQueue and its rules) and the karpenter.sh/v1 and
// karpenter.k8s.aws/v1 CRDs. Where we grant less than upstream, the statement says why.
import type { Answers } from '../../../answers/types.ts';
import { HELM_CHARTS, type AwsPartition } from '../../../data/versions.ts';
import type { AwsContext, PolicyDocument, Statement } from '../../../plan/iam.ts';
import { parseTaint, type Taint } from '../../../plan/kube.ts';

export const KARPENTER_NAMESPACE = 'kube-system';
export const KARPENTER_SERVICE_ACCOUNT = 'karpenter';
const CHART = HELM_CHARTS.karpenter;

export interface KarpenterNames {
  controllerRole: string;
  nodeRole: string;
  queue: string;
  stack: string;
}

export function karpenterNames(cluster: string): KarpenterNames {
  return { controllerRole: `${cluster}-karpenter`, nodeRole: `${cluster}-karpenter-node`, queue: `${cluster}-karpenter`, stack: `${cluster}-karpenter` };
}

/** The EC2 service principal differs in the China partition. */
export function ec2Principal(partition: AwsPartition): string {
  return partition === 'aws-cn' ? 'ec2.amazonaws.com.cn' : 'ec2.amazonaws.com';
}

/** Managed policies of the node role, as in Karpenter's KarpenterNodeRole. AmazonEKSWorkerNodePolicy
 *  also grants eks-auth:AssumeRoleForPodIdentity, which the Pod Identity agent needs on every node. */
export function nodeRoleManagedPolicies(partition: AwsPartition): string[] {
  return ['AmazonEKS_CNI_Policy', 'AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore'].map(
    (p) => `arn:${partition}:iam::aws:policy/${p}`,
  );
}

export function nodeRoleTrust(partition: AwsPartition): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllowEc2Instances', Effect: 'Allow', Principal: { Service: ec2Principal(partition) }, Action: 'sts:AssumeRole' }],
  };
}

/**
 * The controller's permissions: the statements of Karpenter's NodeLifecycle, IAMIntegration,
 * EKSIntegration, Interruption, ZonalShift and ResourceDiscovery policies, in that order, with the
 * same Sids. Narrower than upstream in one way: EC2 resources that carry an account (subnets,
 * security groups, launch templates, instances, ...) name this account instead of "*", because the
 * VPC eksctl creates belongs to it; shared-VPC or shared capacity reservation setups need "*" back.
 */
export function karpenterControllerPolicy(aws: AwsContext, names: KarpenterNames, poolRoles: string[] = []): PolicyDocument {
  const { partition: p, region: r, account: acct, cluster } = aws;
  const ec2 = (type: string) => `arn:${p}:ec2:${r}:${acct}:${type}/*`;
  const owned = `kubernetes.io/cluster/${cluster}`;
  const created = ['fleet', 'instance', 'volume', 'network-interface', 'launch-template', 'spot-instances-request'].map(ec2);
  const instanceProfiles = `arn:${p}:iam::${acct}:instance-profile/*`;
  const clusterArn = `arn:${p}:eks:${r}:${acct}:cluster/${cluster}`;
  const statements: Statement[] = [
    // NodeLifecyclePolicy
    {
      Sid: 'AllowScopedEC2InstanceAccessActions',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Resource: [
        `arn:${p}:ec2:${r}::image/*`,
        `arn:${p}:ec2:${r}::snapshot/*`,
        ec2('security-group'),
        ec2('subnet'),
        ec2('capacity-reservation'),
        ec2('placement-group'),
      ],
    },
    {
      Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Resource: ec2('launch-template'),
      Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowScopedEC2InstanceActionsWithTags',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      Resource: created,
      Condition: {
        StringEquals: { [`aws:RequestTag/${owned}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': cluster },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceCreationTagging',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: created,
      Condition: {
        StringEquals: {
          [`aws:RequestTag/${owned}`]: 'owned',
          'aws:RequestTag/eks:eks-cluster-name': cluster,
          'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
        },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceTagging',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: ec2('instance'),
      Condition: {
        StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' },
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
        StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': cluster },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
      },
    },
    {
      Sid: 'AllowScopedDeletion',
      Effect: 'Allow',
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Resource: [ec2('instance'), ec2('launch-template')],
      Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    },
    // IAMIntegrationPolicy
    {
      Sid: 'AllowPassingInstanceRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: poolRoles.length
        ? [names.nodeRole, ...poolRoles].map((r) => `arn:${p}:iam::${acct}:role/${r}`)
        : `arn:${p}:iam::${acct}:role/${names.nodeRole}`,
      Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
    },
    {
      Sid: 'AllowScopedInstanceProfileCreationActions',
      Effect: 'Allow',
      Action: ['iam:CreateInstanceProfile'],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: {
          [`aws:RequestTag/${owned}`]: 'owned',
          'aws:RequestTag/eks:eks-cluster-name': cluster,
          'aws:RequestTag/topology.kubernetes.io/region': r,
        },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileTagActions',
      Effect: 'Allow',
      Action: ['iam:TagInstanceProfile'],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: {
          [`aws:ResourceTag/${owned}`]: 'owned',
          'aws:ResourceTag/topology.kubernetes.io/region': r,
          [`aws:RequestTag/${owned}`]: 'owned',
          'aws:RequestTag/eks:eks-cluster-name': cluster,
          'aws:RequestTag/topology.kubernetes.io/region': r,
        },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileActions',
      Effect: 'Allow',
      Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned', 'aws:ResourceTag/topology.kubernetes.io/region': r },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    // EKSIntegrationPolicy
    { Sid: 'AllowAPIServerEndpointDiscovery', Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: clusterArn },
    // InterruptionPolicy
    {
      Sid: 'AllowInterruptionQueueActions',
      Effect: 'Allow',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      Resource: `arn:${p}:sqs:${r}:${acct}:${names.queue}`,
    },
    // ZonalShiftPolicy: read-only, and only for this cluster's managed resource.
    {
      Sid: 'AllowZonalShiftStatusReadOnly',
      Effect: 'Allow',
      Action: ['arc-zonal-shift:GetManagedResource'],
      Resource: '*',
      Condition: { StringEquals: { 'arc-zonal-shift:ResourceIdentifier': clusterArn } },
    },
    // ResourceDiscoveryPolicy: describe calls support no resource-level scoping; they are pinned to the region.
    {
      Sid: 'AllowRegionalReadActions',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeCapacityReservations',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceStatus',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribePlacementGroups',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': r } },
    },
    { Sid: 'AllowSSMReadActions', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: `arn:${p}:ssm:${r}::parameter/aws/service/*` },
    { Sid: 'AllowPricingReadActions', Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' },
    { Sid: 'AllowUnscopedInstanceProfileListAction', Effect: 'Allow', Action: 'iam:ListInstanceProfiles', Resource: '*' },
    { Sid: 'AllowInstanceProfileReadActions', Effect: 'Allow', Action: 'iam:GetInstanceProfile', Resource: instanceProfiles },
  ];
  return { Version: '2012-10-17', Statement: statements };
}

/** EventBridge rules that feed the interruption queue (the same five as Karpenter's template). */
const INTERRUPTION_RULES: [string, string, string][] = [
  ['ScheduledChangeRule', 'aws.health', 'AWS Health Event'],
  ['SpotInterruptionRule', 'aws.ec2', 'EC2 Spot Instance Interruption Warning'],
  ['RebalanceRule', 'aws.ec2', 'EC2 Instance Rebalance Recommendation'],
  ['InstanceStateChangeRule', 'aws.ec2', 'EC2 Instance State-change Notification'],
  ['CapacityReservationInterruptionRule', 'aws.ec2', 'EC2 Capacity Reservation Instance Interruption Warning'],
];

/**
 * CloudFormation for what exists before the cluster: the node role (so the access entry in the
 * ClusterConfig can name it) and the interruption queue with its rules. The queue policy lets only
 * these five rules send (aws:SourceArn), where Karpenter's template trusts any EventBridge rule.
 */
export function karpenterCloudFormation(
  aws: AwsContext,
  names: KarpenterNames,
  tags: { key: string; value: string }[],
  permissionsBoundary = '',
): Record<string, unknown> {
  const partition = aws.partition as AwsPartition;
  // The cluster's tags, when there are any (CloudFormation takes a list of Key/Value pairs).
  const tagged = tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) } : {};
  const queueArn = { 'Fn::GetAtt': ['KarpenterInterruptionQueue', 'Arn'] };
  const resources: Record<string, unknown> = {
    KarpenterNodeRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: names.nodeRole,
        Path: '/',
        Description: `Nodes that Karpenter launches for EKS cluster ${aws.cluster}`,
        AssumeRolePolicyDocument: nodeRoleTrust(partition),
        ManagedPolicyArns: nodeRoleManagedPolicies(partition),
        ...(permissionsBoundary ? { PermissionsBoundary: permissionsBoundary } : {}),
        ...tagged,
      },
    },
    KarpenterInterruptionQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: names.queue, MessageRetentionPeriod: 300, SqsManagedSseEnabled: true, ...tagged },
    },
    KarpenterInterruptionQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'KarpenterInterruptionQueue' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Id: 'EC2InterruptionPolicy',
          Statement: [
            {
              Sid: 'AllowInterruptionRules',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queueArn,
              Condition: { ArnEquals: { 'aws:SourceArn': INTERRUPTION_RULES.map(([id]) => ({ 'Fn::GetAtt': [id, 'Arn'] })) } },
            },
            {
              Sid: 'DenyHTTP',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sqs:*',
              Resource: queueArn,
              Condition: { Bool: { 'aws:SecureTransport': false } },
            },
          ],
        },
      },
    },
  };
  for (const [id, source, detailType] of INTERRUPTION_RULES) {
    resources[id] = {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: [source], 'detail-type': [detailType] },
        Targets: [{ Id: 'KarpenterInterruptionQueueTarget', Arn: queueArn }],
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Karpenter node role and interruption queue for EKS cluster ${aws.cluster} (written by create-eks-app)`,
    Resources: resources,
    Outputs: {
      NodeRoleArn: { Value: { 'Fn::GetAtt': ['KarpenterNodeRole', 'Arn'] } },
      InterruptionQueueName: { Value: { 'Fn::GetAtt': ['KarpenterInterruptionQueue', 'QueueName'] } },
    },
  };
}

export interface Requirement {
  key: string;
  operator: 'In' | 'Gt';
  values: string[];
}

/** One NodePool: the default one the karpenter answers describe, or one of nodePools. */
export interface PoolPlan {
  name: string;
  labels: { key: string; value: string }[];
  requirements: Requirement[];
  taints: Taint[];
  limits: { cpu: string; memory: string; gpu?: string };
  budgetNodes: string;
  weight?: number;
  /** The EC2NodeClass its nodes are built from. */
  nodeClass: string;
}

/** How a NodePool's nodes are built: the AMI, volumes and capacity reservations. */
export interface NodeClassPlan {
  name: string;
  /** The IAM role of its nodes. */
  role: string;
  amiAlias: string;
  blockDevices: { deviceName: string; volumeSize: string; rootVolume: boolean }[];
  capacityReservationIds: string[];
}

export interface KarpenterManifests {
  /** The default NodePool first, then nodePools. */
  pools: PoolPlan[];
  /** One line for the README: what the NodePool allows. */
  summary: string;
  /** The default EC2NodeClass first, then one per NodePool whose AMI family or reservations differ. */
  nodeClasses: NodeClassPlan[];
  requirements: Requirement[];
  labels: { key: string; value: string }[];
  taints: Taint[];
  limits: { cpu: string; memory: string };
  budgetNodes: string;
  subnetTags: { key: string; value: string }[];
  securityGroupTags: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  maxPods?: number;
}

export function karpenterManifests(
  a: Answers,
  names: KarpenterNames,
  tags: { key: string; value: string }[],
  labels: { key: string; value: string }[],
  taints: Taint[],
  maxPods?: number,
): KarpenterManifests {
  const bottlerocket = a.amiFamily === 'Bottlerocket';
  const summary =
    `${a.karpenter.architectures.join(' or ')} ${bottlerocket ? 'Bottlerocket' : 'AL2023'} nodes, ${a.karpenter.capacityTypes.join(' or ')}, ` +
    `instance categories ${a.karpenter.instanceCategories.join(', ')} of generation 5 or later, up to ${a.karpenter.cpuLimit} vCPU and ${a.karpenter.memoryLimit} GiB in all, ` +
    `at most ${a.karpenter.disruptionBudget} of the nodes disrupted at once`;
  const requirements: Requirement[] = [
    { key: 'kubernetes.io/arch', operator: 'In', values: a.karpenter.architectures },
    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: a.karpenter.capacityTypes },
    { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: a.karpenter.instanceCategories },
    // Generation 5 and later: Nitro instances with current price-performance.
    { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['4'] },
  ];
  const nodeClass = (name: string, family: string, capacityReservationIds: string[], role: string): NodeClassPlan => ({
    name,
    role,
    amiAlias: family === 'Bottlerocket' ? 'bottlerocket@latest' : 'al2023@latest',
    blockDevices:
      family === 'Bottlerocket'
        ? // Bottlerocket: a small OS volume, and a data volume for images and ephemeral storage.
          [
            { deviceName: '/dev/xvda', volumeSize: '4Gi', rootVolume: false },
            { deviceName: '/dev/xvdb', volumeSize: `${a.nodeGroup.volumeSize}Gi`, rootVolume: false },
          ]
        : [{ deviceName: '/dev/xvda', volumeSize: `${a.nodeGroup.volumeSize}Gi`, rootVolume: true }],
    capacityReservationIds,
  });
  const ownClass = (x: Answers['nodePools'][number]) => x.amiFamily !== a.amiFamily || x.capacityReservationIds.length > 0 || x.nodeRole !== '';
  const nodeClasses = [
    nodeClass('default', a.amiFamily, [], names.nodeRole),
    ...a.nodePools.filter(ownClass).map((x) => nodeClass(x.name, x.amiFamily, x.capacityReservationIds, x.nodeRole || names.nodeRole)),
  ];
  const extra = a.nodePools.map(
    (x): PoolPlan => ({
      name: x.name,
      nodeClass: ownClass(x) ? x.name : 'default',
      labels: Object.entries(x.labels).map(([key, value]) => ({ key, value })),
      requirements: [
        { key: 'kubernetes.io/arch', operator: 'In', values: x.architectures },
        { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
        // With reservations, Karpenter launches into them first (reserved), then as the pool allows.
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...(x.capacityReservationIds.length ? ['reserved'] : []), ...x.capacityTypes] },
        ...(x.gpu
          ? // Any instance with NVIDIA GPUs; Karpenter picks the NVIDIA variant of the node class's AMI for them.
            [{ key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In' as const, values: ['nvidia'] }]
          : [
              { key: 'karpenter.k8s.aws/instance-category', operator: 'In' as const, values: x.instanceCategories },
              { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt' as const, values: ['4'] },
            ]),
      ],
      taints: x.taints.map((t) => parseTaint(t) as Taint),
      limits: { cpu: String(x.cpuLimit), memory: `${x.memoryLimit}Gi`, ...(x.gpu ? { gpu: String(x.gpuLimit) } : {}) },
      budgetNodes: x.disruptionBudget,
      ...(x.weight ? { weight: x.weight } : {}),
    }),
  );
  return {
    pools: [
      {
        name: 'default',
        labels,
        requirements,
        taints,
        limits: { cpu: String(a.karpenter.cpuLimit), memory: `${a.karpenter.memoryLimit}Gi` },
        budgetNodes: a.karpenter.disruptionBudget,
        nodeClass: 'default',
      },
      ...extra,
    ],
    nodeClasses,
    summary,
    requirements,
    labels,
    taints,
    limits: { cpu: String(a.karpenter.cpuLimit), memory: `${a.karpenter.memoryLimit}Gi` },
    budgetNodes: a.karpenter.disruptionBudget,
    // eksctl tags every subnet it creates with the cluster name; internal-elb marks the private ones.
    // An existing VPC's private subnets get karpenter.sh/discovery in a README step instead.
    subnetTags: a.vpcId
      ? [{ key: 'karpenter.sh/discovery', value: a.name }]
      : [
          { key: 'alpha.eksctl.io/cluster-name', value: a.name },
          { key: 'kubernetes.io/role/internal-elb', value: '1' },
        ],
    // The cluster security group EKS creates, which managed nodes use too.
    securityGroupTags: [{ key: 'aws:eks:cluster-name', value: a.name }],
    tags,
    maxPods,
  };
}

export const KARPENTER_CHART = CHART;
