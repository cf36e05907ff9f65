// Karpenter: a small managed node group runs the system pods and Karpenter, which launches every
// other node from a NodePool. Its AWS resources and manifests are built in ./resources.ts.
import { gitopsHelmStep } from '../../../plan/gitops.ts';
import { AMI_FAMILIES, ARCHITECTURES, CAPACITY_TYPES, type Answers, type PartialAnswers } from '../../../answers/types.ts';
import type { AwsPartition, HelmChart } from '../../../data/versions.ts';
import { parseAccessEntry, type AccessEntrySpec } from '../../../plan/access.ts';
import { COMPUTE, computeOf, onlyOn } from '../../../plan/compute-types.ts';
import { linuxGroup } from '../../node-group.ts';
import { trustFor, type ServiceAccountRef } from '../../../plan/iam.ts';
import { GPU_TAINT_KEY, parseTaint, type Taint } from '../../../plan/kube.ts';
import type { IamRole, NodeRole } from '../../../plan/resolve.ts';
import { intIn, labelMapProblem, subsetOf, type Problem } from '../../../plan/rules.ts';
import { shellWord as sh } from '../../../render/escape.ts';
import { code, join, md, none } from '../../../render/prose.ts';
import type { ComputeContext, ComputeModule, DomainQuestion } from '../../contract.ts';
import { parseItemFlag, type ItemField } from '../../items.ts';
import {
  KARPENTER_CHART,
  KARPENTER_NAMESPACE,
  KARPENTER_SERVICE_ACCOUNT,
  karpenterCloudFormation,
  karpenterControllerPolicy,
  karpenterManifests,
  karpenterNames,
  nodeRoleManagedPolicies,
  nodeRoleTrust,
  type KarpenterManifests,
  type KarpenterNames,
} from './resources.ts';

export { karpenterNames } from './resources.ts';

export interface KarpenterPlan {
  chart: HelmChart;
  release: string;
  namespace: string;
  serviceAccount: string;
  valuesFile: string;
  names: KarpenterNames;
  controllerRole: IamRole;
  nodeRole: NodeRole;
  /** Node roles of yours that NodePools name: each gets an access entry and may be passed by the controller. */
  poolRoles: NodeRole[];
  queueName: string;
  cloudFormation: Record<string, unknown>;
  manifests: KarpenterManifests;
  /** Spot allowed: the account needs the EC2 Spot service-linked role. */
  spot: boolean;
}

// Tags Karpenter sets on the nodes it launches; a user tag of the same key would be overwritten.
const RESERVED_TAGS = ['eks:eks-cluster-name', 'karpenter.sh/nodepool', 'karpenter.sh/nodeclaim', 'karpenter.k8s.aws/ec2nodeclass'];

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const POOL_FIELDS: readonly ItemField[] = [
  ['name', 'name', 'text'],
  ['architectures', 'architectures', 'list'],
  ['capacity-types', 'capacityTypes', 'list'],
  ['instance-categories', 'instanceCategories', 'list'],
  ['gpu', 'gpu', 'bool'],
  ['labels', 'labels', 'map'],
  ['taints', 'taints', 'pairs'],
  ['cpu-limit', 'cpuLimit', 'int'],
  ['memory-limit', 'memoryLimit', 'int'],
  ['gpu-limit', 'gpuLimit', 'int'],
  ['disruption-budget', 'disruptionBudget', 'text'],
  ['weight', 'weight', 'int'],
  ['ami-family', 'amiFamily', 'text'],
  ['capacity-reservation-ids', 'capacityReservationIds', 'list'],
  ['node-role', 'nodeRole', 'text'],
];
const POOL_KEYS = new Set<string>(POOL_FIELDS.map(([, k]) => k));

/** A NodePool with what it leaves out: the default pool's choices, and for GPUs the nvidia.com/gpu taint and 4 GPUs. */
function completePool(x: Record<string, unknown>, a: PartialAnswers): Record<string, unknown> {
  const gpu = x.gpu === true;
  return {
    name: x.name,
    architectures: a.karpenter?.architectures ?? ['amd64'],
    capacityTypes: ['on-demand'],
    instanceCategories: a.karpenter?.instanceCategories ?? ['c', 'm', 'r'],
    gpu,
    labels: {},
    taints: gpu ? [`${GPU_TAINT_KEY}=true:NoSchedule`] : [],
    cpuLimit: a.karpenter?.cpuLimit ?? 100,
    memoryLimit: a.karpenter?.memoryLimit ?? 400,
    gpuLimit: gpu ? 4 : 0,
    disruptionBudget: a.karpenter?.disruptionBudget ?? '10%',
    weight: 0,
    amiFamily: a.amiFamily ?? 'AmazonLinux2023',
    capacityReservationIds: [],
    nodeRole: '',
    ...x,
  };
}

/** The first problem of the extra NodePools, named by its path (nodePools[0].cpuLimit). */
function extraPoolsProblem(v: unknown, a: PartialAnswers, today: Date): string | undefined {
  if (!Array.isArray(v)) return 'expected a list of NodePools';
  // Without Karpenter the pools are refused as a whole (problems), not field by field.
  if (!computeOf(a).nodePool) return undefined;
  const rule = (key: string) => questions.find((q) => q.key === key)?.rule;
  const seen = new Set<string>();
  for (const [i, given] of v.entries()) {
    const at = `nodePools[${i}]`;
    if (!isRecord(given)) return `${at}: expected a map of fields (name, gpu, cpuLimit, ...)`;
    const x = completePool(given, a);
    const unknown = Object.keys(x).find((k) => !POOL_KEYS.has(k));
    if (unknown) return `${at}.${unknown}: not a NodePool field; the fields are ${[...POOL_KEYS].join(', ')}`;
    if (typeof x.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(x.name) || x.name.length > 63)
      return `${at}.name: ${JSON.stringify(x.name)} is not a NodePool name; use at most 63 lowercase letters, digits and hyphens, e.g. gpu`;
    if (x.name === 'default') return `${at}.name: default is the NodePool the karpenter answers describe; choose another name`;
    if (seen.has(x.name)) return `${at}.name: ${x.name} is given twice; NodePool names are unique`;
    seen.add(x.name);
    const checks: [string, string][] = [
      ['architectures', 'karpenter.architectures'],
      ['capacityTypes', 'karpenter.capacityTypes'],
      ['instanceCategories', 'karpenter.instanceCategories'],
      ['cpuLimit', 'karpenter.cpuLimit'],
      ['memoryLimit', 'karpenter.memoryLimit'],
      ['disruptionBudget', 'karpenter.disruptionBudget'],
    ];
    for (const [field, key] of checks) {
      const problem = rule(key)?.(x[field], a, today);
      if (problem) return `${at}.${field}: ${problem}`;
    }
    if (typeof x.gpu !== 'boolean') return `${at}.gpu: expected true or false`;
    for (const [field, min, max] of [
      ['gpuLimit', 0, 10000],
      ['weight', 0, 100],
    ] as const) {
      const problem = intIn(min, max)(x[field], a, today);
      if (problem) return `${at}.${field}: ${problem}`;
    }
    const labels = labelMapProblem(x.labels, 50, true);
    if (labels) return `${at}.labels: ${labels}`;
    if (!Array.isArray(x.taints) || x.taints.some((t) => typeof parseTaint(t) === 'string'))
      return `${at}.taints: ${Array.isArray(x.taints) ? parseTaint(x.taints.find((t) => typeof parseTaint(t) === 'string')) : 'expected a list of key=value:Effect taints'}`;
    if (x.gpu && (x.gpuLimit as number) < 1) return `${at}.gpuLimit: a GPU NodePool needs a limit of at least 1 GPU`;
    if (!(AMI_FAMILIES as readonly unknown[]).includes(x.amiFamily))
      return `${at}.amiFamily: must be one of ${AMI_FAMILIES.join(', ')} (got ${JSON.stringify(x.amiFamily)})`;
    const ids = x.capacityReservationIds;
    if (!Array.isArray(ids)) return `${at}.capacityReservationIds: expected a list of capacity reservation IDs`;
    const badId = ids.find((id) => typeof id !== 'string' || !/^cr-[0-9a-f]{17}$/.test(id));
    if (badId !== undefined) return `${at}.capacityReservationIds: ${JSON.stringify(badId)} is not a capacity reservation ID; e.g. cr-0123456789abcdef0`;
    if (ids.length > 30) return `${at}.capacityReservationIds: an EC2NodeClass selects at most 30 reservations (got ${ids.length})`;
    if (new Set(ids).size !== ids.length) return `${at}.capacityReservationIds: lists one twice; give each once`;
    if (x.nodeRole !== '' && (typeof x.nodeRole !== 'string' || !/^[\w+=,.@-]{1,64}$/.test(x.nodeRole)))
      return `${at}.nodeRole: ${JSON.stringify(x.nodeRole)} is not an IAM role name; give the name alone (not the ARN), e.g. gpu-nodes`;
    // Karpenter installs no device plugin; Bottlerocket's NVIDIA variant brings its own, AL2023's does not.
    if (x.gpu && x.amiFamily !== 'Bottlerocket')
      return `${at}.gpu: Karpenter's GPU nodes need the NVIDIA device plugin, which Bottlerocket's NVIDIA AMI brings and this project does not install on AL2023; give the pool ami-family=Bottlerocket`;
  }
  return undefined;
}

const questions: DomainQuestion[] = [
  {
    key: 'karpenter.architectures',
    kind: 'list',
    group: 'compute',
    prompted: true,
    message: 'CPU architectures Karpenter may launch',
    hint: 'amd64, arm64 (Graviton), or both',
    choices: () => ARCHITECTURES.map((value) => ({ value, hint: value === 'arm64' ? 'AWS Graviton' : 'Intel and AMD' })),
    when: onlyOn('karpenter'),
    default: () => ['amd64'],
    rule: subsetOf(ARCHITECTURES),
  },
  {
    key: 'karpenter.capacityTypes',
    kind: 'list',
    group: 'compute',
    prompted: true,
    message: 'Capacity types Karpenter may launch',
    hint: 'on-demand, spot, or both (Karpenter prefers spot when both are allowed)',
    choices: () => CAPACITY_TYPES.map((value) => ({ value })),
    when: onlyOn('karpenter'),
    default: () => ['on-demand'],
    rule: subsetOf(CAPACITY_TYPES),
  },
  {
    key: 'karpenter.instanceCategories',
    kind: 'list',
    group: 'compute',
    prompted: false,
    message: 'EC2 instance categories for Karpenter',
    hint: 'letters such as c (compute), m (general), r (memory)',
    default: () => ['c', 'm', 'r'],
    rule: (v) => {
      if (!Array.isArray(v) || v.length === 0) return 'give at least one EC2 instance category, e.g. c,m,r';
      const bad = v.find((x) => typeof x !== 'string' || !/^[a-z]{1,8}$/.test(x));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not an instance category; use the family letters, e.g. c, m, r, t, g`;
      return new Set(v).size === v.length ? undefined : 'lists a category twice; give each once';
    },
  },
  {
    key: 'karpenter.cpuLimit',
    kind: 'integer',
    group: 'compute',
    prompted: false,
    message: 'Karpenter vCPU limit',
    hint: 'the NodePool stops launching nodes above this many vCPUs',
    default: () => 100,
    rule: intIn(1, 100000),
  },
  {
    key: 'karpenter.memoryLimit',
    kind: 'integer',
    group: 'compute',
    prompted: false,
    message: 'Karpenter memory limit (GiB)',
    hint: 'the NodePool stops launching nodes above this much memory',
    default: () => 400,
    rule: intIn(1, 1000000),
  },
  {
    key: 'karpenter.disruptionBudget',
    kind: 'string',
    group: 'compute',
    prompted: false,
    message: 'Karpenter disruption budget',
    hint: 'nodes Karpenter may disrupt at once: a percentage (10%) or a count (2)',
    default: () => '10%',
    rule: (v) =>
      typeof v === 'string' && /^((100|[0-9]{1,2})%|[0-9]+)$/.test(v)
        ? undefined
        : `${JSON.stringify(v)} is not a percentage (0% to 100%) or a node count; e.g. 10% or 2`,
  },
  {
    key: 'nodePools',
    kind: 'groups',
    group: 'compute',
    prompted: true,
    when: onlyOn('karpenter'),
    message: 'NodePools beside the default one',
    hint: `one per flag, e.g. name=gpu,gpu=true,gpu-limit=4; fields: ${POOL_FIELDS.map(([f]) => f).join(' ')}`,
    default: () => [],
    item: (raw) => parseItemFlag(raw, POOL_FIELDS),
    itemName: 'NodePool',
    complete: (v, a) => (Array.isArray(v) ? v.map((x) => (isRecord(x) ? completePool(x, a) : x)) : v),
    rule: (v, a, today) => extraPoolsProblem(v, a, today),
  },
];

function problems(a: Answers): Problem[] {
  if (!computeOf(a).nodePool)
    return a.nodePools.length
      ? [{ field: 'nodePools', message: `NodePools are Karpenter's, and ${computeOf(a).runsOn} have none; use --compute karpenter or drop --node-pool` }]
      : [];
  const p: Problem[] = [];
  const reserved = Object.keys(a.tags).find((k) => RESERVED_TAGS.includes(k));
  if (reserved) p.push({ field: 'tags', message: `${reserved} is a tag Karpenter sets on the nodes it launches; drop it` });
  const nodeRole = karpenterNames(a.name).nodeRole;
  // IAM role names are limited to 64 characters.
  if (nodeRole.length > 64) p.push({ field: 'name', message: `the IAM role name ${nodeRole} would exceed 64 characters; shorten the cluster name` });
  if (a.accessEntries.some((spec) => (parseAccessEntry(spec) as AccessEntrySpec).principalARN.endsWith(`:role/${nodeRole}`)))
    p.push({ field: 'accessEntries', message: `${nodeRole} is Karpenter's node role, whose EC2_LINUX entry the project already creates; drop this entry` });
  return p;
}

function planKarpenter({ answers: a, aws, tags, nodePoolMaxPods }: ComputeContext): KarpenterPlan {
  const names = karpenterNames(a.name);
  const sa: ServiceAccountRef = { namespace: KARPENTER_NAMESPACE, name: KARPENTER_SERVICE_ACCOUNT };
  const roleArn = (name: string) => `arn:${aws.partition}:iam::${aws.account}:role/${name}`;
  const labels = Object.entries(a.nodeGroup.labels).map(([key, value]) => ({ key, value }));
  const taints = a.nodeGroup.taints.map((t) => parseTaint(t) as Taint);
  const poolRoles = [...new Set(a.nodePools.map((x) => x.nodeRole).filter((r) => r !== '' && r !== names.nodeRole))];
  const nodeRole = (name: string, purpose: string): NodeRole => ({
    name,
    purpose,
    arn: roleArn(name),
    trust: nodeRoleTrust(aws.partition as AwsPartition),
    managedPolicyArns: nodeRoleManagedPolicies(aws.partition as AwsPartition),
  });
  return {
    chart: KARPENTER_CHART,
    release: 'karpenter',
    namespace: KARPENTER_NAMESPACE,
    serviceAccount: KARPENTER_SERVICE_ACCOUNT,
    valuesFile: 'helm/karpenter.values.yaml',
    names,
    controllerRole: {
      name: names.controllerRole,
      purpose: "the Karpenter controller, which launches and terminates this cluster's nodes and reads the interruption queue",
      serviceAccount: sa,
      trust: trustFor(aws, sa),
      // It may pass the pools' own node roles to EC2 as well as its own.
      policy: karpenterControllerPolicy(aws, names, poolRoles),
      arn: roleArn(names.controllerRole),
    },
    nodeRole: nodeRole(names.nodeRole, 'nodes Karpenter launches (created by cloudformation/karpenter.json)'),
    poolRoles: poolRoles.map((r) =>
      nodeRole(r, `nodes of the NodePools that name it (yours: it must trust EC2 as this file shows and carry the same AWS managed policies)`),
    ),
    queueName: names.queue,
    cloudFormation: karpenterCloudFormation(aws, names, tags, a.permissionsBoundaryArn),
    manifests: karpenterManifests(a, names, tags, labels, taints, nodePoolMaxPods),
    // Any NodePool that may launch Spot needs EC2's Spot service-linked role.
    spot: [a.karpenter.capacityTypes, ...a.nodePools.map((x) => x.capacityTypes)].some((t) => t.includes('spot')),
  };
}

export const karpenter: ComputeModule = {
  id: 'karpenter',
  traits: COMPUTE.karpenter,
  hint: 'a small managed group for system pods, Karpenter launches the rest just in time',
  questions,
  problems,
  configures: () => 'system node group',
  created: () => "the system node group, the Karpenter node role's access entry",
  // A small On-Demand group for system pods and Karpenter itself; the user's labels and taints go to the NodePool.
  groups: ({ answers, tags, maxPodsPerNode }) => ({
    managed: [
      linuxGroup(answers, tags, maxPodsPerNode, {
        labels: [{ key: 'role', value: 'system' }],
        taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
        spot: false,
      }),
    ],
  }),
  additions: (ctx) => {
    const k = planKarpenter(ctx);
    return {
      karpenter: k,
      roles: [k.controllerRole],
      nodeRoles: [k.nodeRole, ...k.poolRoles],
      helmReleases: [
        {
          id: 'karpenter',
          release: k.release,
          namespace: k.namespace,
          repo: k.chart.repo,
          chart: k.chart.chart,
          version: k.chart.version,
          valuesFile: k.valuesFile,
          images: k.chart.images,
        },
      ],
    };
  },
  files: (plan) => {
    const k = plan.karpenter!;
    return [
      {
        path: 'cloudformation/karpenter.json',
        template: 'base/iam/document.json.hbs',
        format: 'json',
        purpose: `CloudFormation: Karpenter node role ${k.nodeRole.name} and interruption queue ${k.queueName} with its EventBridge rules`,
        data: { document: k.cloudFormation },
      },
      {
        path: 'k8s/karpenter/10-ec2nodeclass.yaml',
        template: 'compute/karpenter/ec2nodeclass.yaml.hbs',
        format: 'yaml',
        purpose: `EC2NodeClass${k.manifests.nodeClasses.length > 1 ? 'es' : ''} ${k.manifests.nodeClasses.map((c) => c.name).join(', ')}: AMI, node role, private subnets, IMDSv2 with hop limit 1, encrypted volumes${k.manifests.nodeClasses.some((c) => c.capacityReservationIds.length) ? ', capacity reservations' : ''}`,
      },
      {
        path: 'k8s/karpenter/20-nodepool.yaml',
        template: 'compute/karpenter/nodepool.yaml.hbs',
        format: 'yaml',
        purpose: `NodePool${k.manifests.pools.length > 1 ? 's' : ''} ${k.manifests.pools.map((x) => x.name).join(', ')}: architectures, capacity types, instance categories, limits and disruption budget`,
      },
      { path: k.valuesFile, template: 'compute/karpenter/values.yaml.hbs', format: 'yaml', purpose: `Helm values for Karpenter (chart ${k.chart.version})` },
    ];
  },
  steps: (plan) => {
    const k = plan.karpenter!;
    const region = plan.answers.region;
    const ownWay = `It runs on the system node group and gets its AWS permissions through ${plan.podIdentity ? 'its pod identity association' : 'its IRSA role'}.`;
    return {
      beforeCluster: [
        {
          title: 'Create the Karpenter node role and interruption queue',
          why: `The cluster's access entry names the node role ${k.nodeRole.name}, so it must exist first. The queue ${k.queueName} receives Spot interruption, rebalance, health and instance-state events, so Karpenter drains nodes before EC2 takes them.`,
          commands: [
            // The pools' own node roles are yours: the cluster's access entries name them, so they must exist first.
            ...k.poolRoles.map(
              (r) =>
                `aws iam get-role --region ${sh(region)} --role-name ${sh(r.name)} >/dev/null || { echo ${sh(`IAM role ${r.name}, a NodePool's node role, does not exist: create it as iam/${r.name}-trust.json shows, with the AWS managed policies the README lists, then run this step again`)} >&2; false; }`,
            ),
            `aws cloudformation deploy --region ${sh(region)} --stack-name ${sh(k.names.stack)} --template-file cloudformation/karpenter.json --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset`,
            ...(k.spot
              ? // Once per account: the role exists after the first time.
                [
                  // IAM is global, but the AWS CLI still needs a region to sign the call.
                  `aws iam get-role --region ${sh(region)} --role-name AWSServiceRoleForEC2Spot >/dev/null 2>&1 || aws iam create-service-linked-role --region ${sh(region)} --aws-service-name spot.amazonaws.com`,
                ]
              : []),
          ],
        },
      ],
      afterCluster: [
        plan.gitops.enabled
          ? gitopsHelmStep('Karpenter', plan.helmReleases.find((r) => r.id === 'karpenter')!, [], ownWay)
          : {
              title: 'Install Karpenter',
              why: `Helm chart ${k.chart.chart} ${k.chart.version}, pinned; values in ${k.valuesFile}. ${ownWay}`,
              commands: [
                `helm upgrade --install ${k.release} ${k.chart.repo}/${k.chart.chart} --version ${k.chart.version} --namespace ${k.namespace} --values ${k.valuesFile} --wait`,
              ],
            },
        {
          title: 'Create the NodePool and EC2NodeClass',
          why: 'From now on Karpenter launches nodes for pods the system node group does not take (it is tainted CriticalAddonsOnly).',
          commands: [
            'kubectl apply -f k8s/karpenter/',
            // Ready once Karpenter has resolved the AMIs, subnets, security groups and reservations each class selects.
            'kubectl wait --for=condition=Ready ec2nodeclass --all --timeout=5m',
          ],
        },
      ],
      maintenance: [
        {
          title: 'Pin the Karpenter node AMI',
          why: `The EC2NodeClass${k.manifests.nodeClasses.length > 1 ? 'es select' : ' selects'} ${[...new Set(k.manifests.nodeClasses.map((c) => c.amiAlias))].join(' and ')}, so every new AMI release drifts and replaces nodes. For production, pin a release (for example al2023@v20260101) in k8s/karpenter/10-ec2nodeclass.yaml and move it on deliberately.`,
          commands: [`kubectl get ec2nodeclass -o custom-columns='NAME:.metadata.name,AMIS:.status.amis[*].id'`],
        },
      ],
    };
  },
  readme: (p) => {
    const k = p.karpenter!;
    const extra = p.answers.nodePools.map((x) => {
      const taints = x.taints.length ? md`, tainted ${join(x.taints.map(code))}` : none;
      const what = x.gpu
        ? md`instances with NVIDIA GPUs, up to ${x.gpuLimit} GPUs (\`nvidia.com/gpu\`); Bottlerocket's NVIDIA AMI brings the device plugin, and a pod asks for GPUs with \`resources.limits: {nvidia.com/gpu: 1}\``
        : md`instance categories ${x.instanceCategories.join(', ')}`;
      const cls = k.manifests.nodeClasses.find((c) => c.name === x.name);
      const own = cls
        ? md` Its EC2NodeClass ${code(cls.name)} has ${join(
            [
              ...(x.amiFamily !== p.answers.amiFamily ? [md`the ${code(cls.amiAlias)} AMIs`] : []),
              ...(x.nodeRole
                ? [
                    md`your role ${code(x.nodeRole)}, which must trust EC2 and carry the node policies below (${code(`iam/${x.nodeRole}-trust.json`)}); it gets an access entry, and the controller may pass it`,
                  ]
                : []),
              ...(x.capacityReservationIds.length
                ? [md`the capacity reservations ${join(x.capacityReservationIds.map(code))}, used first (capacity type \`reserved\`)`]
                : []),
            ],
            '; ',
          )}.`
        : none;
      return md`**NodePool ${code(x.name)}** (${x.capacityTypes.join(' or ')}${taints}): ${what}; up to ${x.cpuLimit} vCPU and ${x.memoryLimit} GiB. A pod goes there by selecting ${code(`karpenter.sh/nodepool: ${x.name}`)} and tolerating its taints.${own}`;
    });
    return [
      md`**Karpenter ${k.chart.version}**: a small managed node group (\`system\`, ${p.compute.amiLabel}, tainted \`CriticalAddonsOnly\`) runs CoreDNS, the add-ons and Karpenter; Karpenter launches every other node from the NodePool in \`k8s/karpenter/\`: ${k.manifests.summary}. The controller's permissions follow Karpenter's split controller policies, scoped to this cluster (${code(`iam/${k.controllerRole.name}-policy.json`)}). Its nodes use the role ${code(k.nodeRole.name)} (\`AmazonEKSWorkerNodePolicy\`, \`AmazonEKS_CNI_Policy\`, \`AmazonEC2ContainerRegistryPullOnly\`, \`AmazonSSMManagedInstanceCore\`) with ${p.access.api ? md`an \`EC2_LINUX\` access entry` : md`an aws-auth mapping`}, IMDSv2 with a hop limit of 1, and encrypted gp3 volumes.`,
      ...extra,
    ];
  },
};
