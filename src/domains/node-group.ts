// The Linux node group: managed or self-managed, and with Karpenter the small group its controller
// and the add-ons run on. Also the AMI family (Karpenter's nodes share it) and the Windows group.
import { AMI_FAMILIES, CAPACITY_TYPES, type Answers, type ExtraNodeGroup, type PartialAnswers } from '../answers/types.ts';
import { computeOf, onlyOn } from '../plan/compute-types.ts';
import { GPU_TAINT_KEY, instanceArchitecture, isNeuronType, isNvidiaType, parseCountOrPercent, parseTaint, type Taint } from '../plan/kube.ts';
import { kv, type KV } from '../plan/compute.ts';
import { nodeGroupMaxPods } from '../plan/network.ts';
import { flag, intIn, labelMapProblem, oneOf, type Problem } from '../plan/rules.ts';
import { code, join, md, none, type Prose } from '../render/prose.ts';
import type { DomainModule, DomainQuestion, ReadmePlan } from './contract.ts';
import { parseItemFlag, type ItemField } from './items.ts';
import {
  completeSettings,
  SETTING_ITEM_FIELDS,
  settingDefaults,
  settingFieldProblem,
  settingsPlan,
  settingsProblem,
  settingsProse,
  SYSTEM_SETTING_QUESTIONS,
  type GroupShape,
  type SettingsPlan,
} from './node-settings.ts';

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// An extra group's fields as a flag spells them (--node-group name=gpu,min=0), with their kinds.
const GROUP_FLAG_FIELDS: readonly ItemField[] = [
  ['name', 'name', 'text'],
  ['instance-types', 'instanceTypes', 'list'],
  ['capacity-type', 'capacityType', 'text'],
  ['ami-family', 'amiFamily', 'text'],
  ['min', 'minSize', 'int'],
  ['desired', 'desiredCapacity', 'int'],
  ['max', 'maxSize', 'int'],
  ['volume-size', 'volumeSize', 'int'],
  ['labels', 'labels', 'map'],
  ['taints', 'taints', 'pairs'],
  ['private-networking', 'privateNetworking', 'bool'],
  ['max-unavailable', 'maxUnavailable', 'text'],
  ['availability-zones', 'availabilityZones', 'list'],
  ...SETTING_ITEM_FIELDS,
];
const GROUP_FIELDS = new Set<string>(GROUP_FLAG_FIELDS.map(([, f]) => f));
const RESERVED_GROUP_NAMES = ['system', 'windows'];
const GROUP_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9_]*$/;

/** One --node-group value as a group (see parseItemFlag). */
export const parseGroupFlag = (raw: string) => parseItemFlag(raw, GROUP_FLAG_FIELDS);

/** An extra group with the fields it leaves out: On-Demand, the system group's AMI family and volume, 0 to 2 nodes. */
function completeGroup(g: Record<string, unknown>, a: PartialAnswers): Record<string, unknown> {
  const min = typeof g.minSize === 'number' ? g.minSize : 0;
  // GPU nodes are tainted unless the group says otherwise, so only pods that ask for GPUs land there.
  const gpu = Array.isArray(g.instanceTypes) && g.instanceTypes.some((t) => typeof t === 'string' && isNvidiaType(t));
  const desired = typeof g.desiredCapacity === 'number' ? g.desiredCapacity : min;
  return {
    name: g.name,
    instanceTypes: a.nodeGroup?.instanceTypes ?? ['m7i.large'],
    capacityType: 'on-demand',
    amiFamily: a.amiFamily ?? 'AmazonLinux2023',
    minSize: min,
    desiredCapacity: desired,
    maxSize: Math.max(2, desired),
    volumeSize: a.nodeGroup?.volumeSize ?? 50,
    labels: {},
    taints: gpu ? [`${GPU_TAINT_KEY}=true:NoSchedule`] : [],
    privateNetworking: true,
    maxUnavailable: '33%',
    availabilityZones: [],
    ...settingDefaults(),
    volumeType: a.nodeGroup?.volumeType ?? 'gp3',
    ...completeSettings(g),
  };
}

/** The first problem of the extra groups, named by its path (nodeGroups[1].maxSize). */
function extraGroupsProblem(v: unknown, a: PartialAnswers, today: Date): string | undefined {
  if (!Array.isArray(v)) return 'expected a list of node groups';
  const fieldRule = (key: string) => questions.find((q) => q.key === key)?.rule;
  const seen = new Set<string>();
  for (const [i, given] of v.entries()) {
    const at = `nodeGroups[${i}]`;
    if (!isRecord(given)) return `${at}: expected a map of fields (name, instanceTypes, minSize, ...)`;
    // Checked as it will be saved: what the group leaves out is filled in first.
    const g = completeGroup(given, a);
    const unknown = Object.keys(g).find((k) => !GROUP_FIELDS.has(k));
    if (unknown) return `${at}.${unknown}: not a node group field; the fields are ${[...GROUP_FIELDS].join(', ')}`;
    if (typeof g.name !== 'string' || !GROUP_NAME.test(g.name) || g.name.length > 63)
      return `${at}.name: ${JSON.stringify(g.name)} is not a node group name; use letters, digits, - and _ (at most 63), e.g. gpu`;
    if (RESERVED_GROUP_NAMES.includes(g.name)) return `${at}.name: ${g.name} is the name of a group this project writes; choose another`;
    if (seen.has(g.name)) return `${at}.name: ${g.name} is given twice; node group names are unique`;
    seen.add(g.name);
    const checks: [string, string][] = [
      ['instanceTypes', 'nodeGroup.instanceTypes'],
      ['capacityType', 'nodeGroup.capacityType'],
      ['amiFamily', 'amiFamily'],
      ['volumeSize', 'nodeGroup.volumeSize'],
      ['taints', 'nodeGroup.taints'],
      ['maxUnavailable', 'nodeGroup.maxUnavailable'],
    ];
    for (const [field, key] of checks) {
      const problem = fieldRule(key)?.(g[field], a, today);
      if (problem) return `${at}.${field}: ${problem}`;
    }
    for (const field of ['minSize', 'desiredCapacity', 'maxSize'] as const) {
      const problem = intIn(field === 'maxSize' ? 1 : 0, 1000)(g[field], a, today);
      if (problem) return `${at}.${field}: ${problem}`;
    }
    const labels = labelMapProblem(g.labels, 50, true);
    if (labels) return `${at}.labels: ${labels}`;
    if (isRecord(g.labels) && 'role' in g.labels) return `${at}.labels: role is the label this project gives each group (role=${g.name}); choose another key`;
    if (typeof g.privateNetworking !== 'boolean') return `${at}.privateNetworking: expected true or false`;
    const types = g.instanceTypes as string[];
    const arm = types.find((t) => instanceArchitecture(t) === 'arm64');
    const x86 = types.find((t) => instanceArchitecture(t) === 'amd64');
    if (arm && x86) return `${at}.instanceTypes: ${x86} is x86_64 but ${arm} is Arm (Graviton); a node group runs one architecture`;
    const gpu = types.filter(isNvidiaType);
    if (gpu.length && gpu.length < types.length)
      return `${at}.instanceTypes: ${gpu[0]} has NVIDIA GPUs but ${types.find((t) => !isNvidiaType(t))} has none, and eksctl gives a group one AMI; put GPU types in a group of their own`;
    const blocking = gpu.length
      ? (g.taints as string[]).map((t) => parseTaint(t) as Taint).find((t) => t.effect !== 'PreferNoSchedule' && t.key !== GPU_TAINT_KEY)
      : undefined;
    if (blocking)
      return `${at}.taints: the NVIDIA device plugin eksctl installs tolerates only ${GPU_TAINT_KEY}, so with ${blocking.key}:${blocking.effect} the group's GPUs would never be offered to pods; taint it ${GPU_TAINT_KEY}=true:NoSchedule instead`;
    const zones = g.availabilityZones;
    if (!Array.isArray(zones) || zones.some((z) => typeof z !== 'string')) return `${at}.availabilityZones: expected a list of zone names`;
    const known = a.vpcId ? [...(a.subnets?.private ?? []), ...(a.subnets?.public ?? [])].map((s) => String(s).split(':')[0]) : (a.availabilityZones ?? []);
    const stray = (zones as string[]).find((z) => !known.includes(z));
    if (stray !== undefined)
      return known.length
        ? `${at}.availabilityZones: ${stray} is not one of the cluster's zones (${[...new Set(known)].join(', ')})`
        : `${at}.availabilityZones: name the cluster's zones with --availability-zones first, so the group's are among them`;
    const [min, desired, max] = [g.minSize, g.desiredCapacity, g.maxSize] as number[];
    if (!(min <= desired && desired <= max))
      return `${at}.desiredCapacity: must lie between minSize and maxSize (got min ${min}, desired ${desired}, max ${max})`;
    const fieldProblem = settingFieldProblem(g);
    if (fieldProblem) return `${at}.${fieldProblem[0]}: ${fieldProblem[1]}`;
    const x = g as unknown as ExtraNodeGroup;
    const across = settingsProblem(x, {
      managed: computeOf(a).managedGroups,
      amiFamily: x.amiFamily,
      instanceTypes: x.instanceTypes,
      spot: x.capacityType === 'spot',
      availabilityZones: x.availabilityZones,
      maxPods: nodeGroupMaxPods(a, x.instanceTypes) !== undefined,
    });
    if (across) return `${at}.${across[0]}: ${across[1]}`;
  }
  return undefined;
}

const questions: DomainQuestion[] = [
  {
    key: 'amiFamily',
    kind: 'choice',
    group: 'compute',
    prompted: true,
    message: 'Node operating system',
    hint: 'AmazonLinux2023, or Bottlerocket (minimal, immutable, container-only)',
    choices: () =>
      AMI_FAMILIES.map((value) => ({
        value,
        hint: value === 'AmazonLinux2023' ? 'Amazon Linux 2023 (EKS default)' : 'Bottlerocket: minimal, read-only OS for containers',
      })),
    // Asked for the compute types whose choice the wizard leads with; managed takes it as a flag.
    when: onlyOn('self-managed', 'karpenter'),
    default: () => 'AmazonLinux2023',
    rule: oneOf(AMI_FAMILIES),
  },
  {
    key: 'nodeGroup.capacityType',
    kind: 'choice',
    group: 'compute',
    prompted: true,
    message: 'Capacity type of the node group',
    hint: 'on-demand, or spot (cheaper, can be reclaimed with two minutes notice; give three or more instance types)',
    choices: () => CAPACITY_TYPES.map((value) => ({ value })),
    when: onlyOn('self-managed'),
    default: () => 'on-demand',
    rule: oneOf(CAPACITY_TYPES),
  },
  {
    key: 'nodeGroup.instanceTypes',
    kind: 'list',
    group: 'compute',
    prompted: true,
    message: 'Instance types for the node group',
    hint: 'comma separated, one architecture, e.g. m7i.large,m6i.large; with spot give three or more of similar size',
    when: (a) => computeOf(a).ec2,
    default: () => ['m7i.large'],
    rule: (v) => {
      if (!Array.isArray(v) || v.length === 0) return 'give at least one instance type, e.g. m7i.large';
      if (v.length > 20) return `a managed node group takes at most 20 instance types (got ${v.length})`;
      const bad = v.find((t) => typeof t !== 'string' || !INSTANCE_TYPE.test(t));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not an EC2 instance type; use the family.size form, e.g. m7i.large`;
      return undefined;
    },
  },
  {
    key: 'nodeGroup.minSize',
    kind: 'integer',
    group: 'compute',
    prompted: false,
    message: 'Minimum nodes',
    hint: 'lower bound of the node group',
    default: () => 2,
    rule: intIn(0, 1000),
  },
  {
    key: 'nodeGroup.desiredCapacity',
    kind: 'integer',
    group: 'compute',
    prompted: false,
    message: 'Desired nodes',
    hint: 'nodes at creation',
    default: (a) => Math.max(2, a.nodeGroup?.minSize ?? 2),
    rule: intIn(0, 1000),
  },
  {
    key: 'nodeGroup.maxSize',
    kind: 'integer',
    group: 'compute',
    prompted: false,
    message: 'Maximum nodes',
    hint: 'upper bound of the node group',
    default: (a) => Math.max(4, a.nodeGroup?.desiredCapacity ?? 2),
    rule: intIn(1, 1000),
  },
  {
    key: 'nodeGroup.volumeSize',
    kind: 'integer',
    group: 'compute',
    prompted: false,
    message: 'Node volume size (GiB)',
    hint: 'encrypted gp3 root volume (data volume on Bottlerocket), 20 to 16384',
    default: () => 50,
    rule: intIn(20, 16384),
  },
  {
    key: 'nodeGroup.labels',
    kind: 'map',
    group: 'compute',
    prompted: false,
    message: 'Node labels',
    hint: 'key=value Kubernetes labels on the nodes (the NodePool with karpenter); repeat the flag for more',
    default: () => ({}),
    rule: (v) =>
      labelMapProblem(v, 50, true) ??
      (v && typeof v === 'object' && 'role' in v
        ? 'role is the label create-eks-app gives each node group (role=system, role=windows), so yours would be replaced; choose another key'
        : undefined),
  },
  {
    key: 'nodeGroup.taints',
    kind: 'list',
    group: 'compute',
    prompted: false,
    message: 'Node taints',
    hint: 'key=value:Effect, Effect NoSchedule, PreferNoSchedule or NoExecute',
    default: () => [],
    rule: (v) => {
      if (!Array.isArray(v)) return 'must be a list of key=value:Effect taints';
      if (v.length > 50) return `takes at most 50 taints (got ${v.length}); drop some`;
      const seen = new Set<string>();
      for (const spec of v) {
        const t = parseTaint(spec);
        if (typeof t === 'string') return t;
        if (seen.has(`${t.key}:${t.effect}`)) return `taint ${t.key} with effect ${t.effect} is listed twice; keep one`;
        seen.add(`${t.key}:${t.effect}`);
      }
      return undefined;
    },
  },
  {
    key: 'nodeGroup.maxUnavailable',
    kind: 'string',
    group: 'compute',
    prompted: false,
    message: 'Nodes replaced at once during updates',
    hint: 'the node group updateConfig: a percentage (33%) or a count (1)',
    default: () => '33%',
    rule: (v) =>
      parseCountOrPercent(v, false) ? undefined : `${JSON.stringify(v)} is not a percentage (1% to 100%) or a node count (1 to 100); e.g. 33% or 1`,
  },
  {
    key: 'nodeGroup.autoRepair',
    kind: 'boolean',
    group: 'compute',
    prompted: false,
    message: 'Node auto repair',
    hint: 'EKS replaces managed nodes that turn unhealthy (nodeRepairConfig); managed node groups only',
    default: () => false,
  },
  ...SYSTEM_SETTING_QUESTIONS,
  {
    key: 'nodeGroups',
    kind: 'groups',
    group: 'compute',
    prompted: true,
    when: (a) => computeOf(a).nodeGroups,
    message: 'Node groups beside the system group',
    hint: `one per flag, e.g. name=gpu,instance-types=g5.xlarge,min=0,max=4; fields: ${GROUP_FLAG_FIELDS.map(([f]) => f).join(' ')}`,
    default: () => [],
    item: parseGroupFlag,
    itemName: 'node group',
    complete: (v, a) => (Array.isArray(v) ? v.map((g) => (isRecord(g) ? completeGroup(g, a) : g)) : v),
    rule: (v, a, today) => extraGroupsProblem(v, a, today),
  },
  {
    key: 'windowsNodes',
    kind: 'boolean',
    group: 'compute',
    prompted: false,
    message: 'Add a Windows node group',
    hint: 'managed or self-managed only; Windows pods need --identity irsa (no Pod Identity on Windows)',
    default: () => false,
  },
];

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  const g = a.nodeGroup;
  if (g.taints.length > 0) {
    const where = computeOf(a).nodePool
      ? 'the only NodePool (the system group keeps its CriticalAddonsOnly taint)'
      : computeOf(a).nodeGroups
        ? 'the only Linux node group'
        : 'the nodes';
    add(
      'nodeGroup.taints',
      `${where} would carry them, and CoreDNS, the add-ons and ${a.app.name} do not tolerate them, so their pods would stay Pending; drop ${flag('nodeGroup.taints')} (taints need a second node pool for the pods that tolerate them)`,
    );
  }
  const unavailable = parseCountOrPercent(g.maxUnavailable, false);
  // eksctl checks updateConfig of managed groups only (Karpenter's system group is one).
  if (unavailable && 'count' in unavailable && unavailable.count > g.maxSize && computeOf(a).managedGroups) {
    add(
      'nodeGroup.maxUnavailable',
      `${unavailable.count} nodes at once is more than nodeGroup.maxSize ${g.maxSize}, and eksctl refuses it ("maxUnavailable cannot be greater than maxSize"); give at most ${g.maxSize}, or a percentage`,
    );
  }
  if (!(g.minSize <= g.desiredCapacity && g.desiredCapacity <= g.maxSize)) {
    add(
      'nodeGroup.desiredCapacity',
      `must lie between nodeGroup.minSize and nodeGroup.maxSize (got min ${g.minSize}, desired ${g.desiredCapacity}, max ${g.maxSize})`,
    );
  }
  if (computeOf(a).ec2) {
    const arches = new Map(g.instanceTypes.map((t) => [t, instanceArchitecture(t)]));
    const arm = g.instanceTypes.find((t) => arches.get(t) === 'arm64');
    const x86 = g.instanceTypes.find((t) => arches.get(t) === 'amd64');
    if (arm && x86)
      add('nodeGroup.instanceTypes', `${x86} is x86_64 but ${arm} is Arm (Graviton); a node group runs one architecture, so list types of one kind`);
    if (a.windowsNodes && arm)
      add('nodeGroup.instanceTypes', `${arm} is an Arm (Graviton) type, and Windows nodes need x86_64; list x86_64 types such as m7i.large`);
  }
  const neuron = [...g.instanceTypes, ...a.nodeGroups.flatMap((x) => x.instanceTypes)].find(isNeuronType);
  if (neuron && computeOf(a).ec2) {
    add(
      g.instanceTypes.includes(neuron) ? 'nodeGroup.instanceTypes' : 'nodeGroups',
      `${neuron} is an Inferentia or Trainium (Neuron) type, whose device plugin and scheduler extension this tool does not set up; use an NVIDIA GPU type (g5, g6, p5) or a CPU type`,
    );
  }
  if (a.nodeGroups.length > 0 && !computeOf(a).nodeGroups) {
    add('nodeGroups', `node groups beside the system group need ${flag('compute')} managed or self-managed; ${computeOf(a).runsOn} take no eksctl node groups`);
  }
  const publicGroup = a.nodeGroups.find((x) => !x.privateNetworking);
  if (publicGroup && (a.vpcId ? a.subnets.public.length === 0 : a.natGateway === 'Disable' && a.ipFamily === 'ipv4')) {
    add('nodeGroups', `${publicGroup.name} asks for public subnets (privateNetworking false), and this VPC has none; keep its nodes private`);
  }
  if (g.autoRepair && !computeOf(a).managedGroups) {
    add(
      'nodeGroup.autoRepair',
      `node auto repair is a feature of EKS managed node groups, and ${computeOf(a).runsOn} have none; drop ${flag('nodeGroup.autoRepair')} or use ${flag('compute')} managed`,
    );
  }
  const shape: GroupShape = {
    managed: computeOf(a).managedGroups,
    amiFamily: a.amiFamily,
    instanceTypes: g.instanceTypes,
    spot: g.capacityType === 'spot',
    availabilityZones: [],
    maxPods: nodeGroupMaxPods(a, g.instanceTypes) !== undefined,
  };
  const settingDefaultsNow = settingDefaults();
  const changed = SYSTEM_SETTING_QUESTIONS.map((q) => q.key.slice('nodeGroup.'.length)).find(
    (k) => JSON.stringify((g as unknown as Record<string, unknown>)[k]) !== JSON.stringify(settingDefaultsNow[k]),
  );
  if (changed && !computeOf(a).ec2) {
    add(`nodeGroup.${changed}`, `${computeOf(a).runsOn} run on no node group of yours, so there is no node to set it on; drop ${flag(`nodeGroup.${changed}`)}`);
  } else if (computeOf(a).ec2) {
    const across = settingsProblem(g, shape);
    if (across) add(`nodeGroup.${across[0]}`, across[1]);
  }
  if (a.windowsNodes && !computeOf(a).nodeGroups) {
    add(
      'windowsNodes',
      `Windows nodes are offered with managed or self-managed node groups, not ${a.compute}; use ${flag('compute')} managed or drop ${flag('windowsNodes')}`,
    );
  }
  return p;
}

// ---------------------------------------------------------------- the groups it plans

interface GroupPlan {
  name: string;
  amiFamily: string;
  /** Managed node groups (and Karpenter's system group) list their types here. */
  instanceTypes: string[];
  /** Self-managed groups with one On-Demand type use instanceType; the rest use instancesDistribution. */
  instanceType?: string;
  distribution?: { instanceTypes: string[]; onDemandPercentageAboveBaseCapacity: number; spot: boolean };
  spot: boolean;
  minSize: number;
  desiredCapacity: number;
  maxSize: number;
  volumeSize: number;
  labels: KV[];
  taints: Taint[];
  tags: KV[];
  updateConfig?: { maxUnavailable?: number; maxUnavailablePercentage?: number };
  maxPodsPerNode?: number;
  /** EKS node auto repair (managed node groups only). */
  autoRepair?: boolean;
  /** In public subnets with public addresses (an extra group that asked for them). */
  publicSubnets?: boolean;
  /** Some of the cluster's zones; empty or absent spreads the group over all of them. */
  availabilityZones?: string[];
  /** Self-managed groups with cluster-autoscaler: eksctl copies labels and taints to ASG tags for scale-from-zero. */
  propagateASGTags?: boolean;
  windows: boolean;
}

export type NodeGroupPlan = GroupPlan & Partial<SettingsPlan>;

const WINDOWS_AMI_FAMILY = 'WindowsServer2022CoreContainer';

function updateConfig(spec: string): NodeGroupPlan['updateConfig'] {
  const v = parseCountOrPercent(spec, false);
  if (!v) return undefined;
  return 'percent' in v ? { maxUnavailablePercentage: v.percent } : { maxUnavailable: v.count };
}

export function linuxGroup(a: Answers, tags: KV[], maxPodsPerNode: number | undefined, extra: { labels: KV[]; taints: Taint[]; spot: boolean }): NodeGroupPlan {
  return {
    name: 'system',
    amiFamily: a.amiFamily,
    instanceTypes: a.nodeGroup.instanceTypes,
    spot: extra.spot,
    minSize: a.nodeGroup.minSize,
    desiredCapacity: a.nodeGroup.desiredCapacity,
    maxSize: a.nodeGroup.maxSize,
    volumeSize: a.nodeGroup.volumeSize,
    labels: extra.labels,
    taints: extra.taints,
    tags,
    updateConfig: updateConfig(a.nodeGroup.maxUnavailable),
    maxPodsPerNode,
    autoRepair: a.nodeGroup.autoRepair,
    windows: false,
    ...settingsPlan(a.nodeGroup),
  };
}

export function windowsGroup(a: Answers, tags: KV[], spot: boolean): NodeGroupPlan {
  return {
    name: 'windows',
    amiFamily: WINDOWS_AMI_FAMILY,
    instanceTypes: a.nodeGroup.instanceTypes,
    spot,
    minSize: 1,
    desiredCapacity: 1,
    maxSize: 3,
    // Windows Server container images are large; 100 GiB is the smallest comfortable root volume.
    volumeSize: Math.max(100, a.nodeGroup.volumeSize),
    volumeType: 'gp3',
    labels: [{ key: 'role', value: 'windows' }],
    // Keeps Linux pods (and charts without an OS nodeSelector) off the Windows nodes.
    taints: [{ key: 'os', value: 'windows', effect: 'NoSchedule' }],
    tags,
    updateConfig: updateConfig(a.nodeGroup.maxUnavailable),
    autoRepair: a.nodeGroup.autoRepair,
    windows: true,
  };
}

/** Self-managed groups: one On-Demand type as instanceType, otherwise an instancesDistribution. */
export function selfManagedGroup(g: NodeGroupPlan): NodeGroupPlan {
  const { updateConfig: _drop, autoRepair: _managedOnly, ...rest } = g;
  if (!g.spot && g.instanceTypes.length === 1) return { ...rest, instanceType: g.instanceTypes[0], instanceTypes: [] };
  return { ...rest, instanceTypes: [], distribution: { instanceTypes: g.instanceTypes, onDemandPercentageAboveBaseCapacity: g.spot ? 0 : 100, spot: g.spot } };
}

/** The Linux group the answers describe (labelled role=system), and the Windows group beside it when asked for. */
export function answeredGroups(a: Answers, tags: KV[], maxPodsPerNode: number | undefined): NodeGroupPlan[] {
  const labels = [{ key: 'role', value: 'system' }, ...kv(a.nodeGroup.labels).filter((l) => l.key !== 'role')];
  const taints = a.nodeGroup.taints.map((t) => parseTaint(t) as Taint);
  const spot = a.nodeGroup.capacityType === 'spot';
  const linux = linuxGroup(a, tags, maxPodsPerNode, { labels, taints, spot });
  return [linux, ...(a.windowsNodes ? [windowsGroup(a, tags, spot)] : []), ...a.nodeGroups.map((x) => extraGroup(a, x, tags))];
}

/** A group from nodeGroups, labelled role=<name> like the system group. */
function extraGroup(a: Answers, x: ExtraNodeGroup, tags: KV[]): NodeGroupPlan {
  return {
    name: x.name,
    amiFamily: x.amiFamily,
    instanceTypes: x.instanceTypes,
    spot: x.capacityType === 'spot',
    minSize: x.minSize,
    desiredCapacity: x.desiredCapacity,
    maxSize: x.maxSize,
    volumeSize: x.volumeSize,
    labels: [{ key: 'role', value: x.name }, ...kv(x.labels)],
    taints: x.taints.map((t) => parseTaint(t) as Taint),
    tags: [...tags.filter((t) => !(t.key in x.tags)), ...kv(x.tags)],
    updateConfig: updateConfig(x.maxUnavailable),
    // Set for its own instance types when prefix delegation or custom networking changes what a node holds.
    maxPodsPerNode: nodeGroupMaxPods(a, x.instanceTypes),
    autoRepair: a.nodeGroup.autoRepair,
    publicSubnets: !x.privateNetworking,
    availabilityZones: x.availabilityZones,
    windows: false,
    ...settingsPlan(x),
  };
}

/** Where the application's pods go: Linux beside a Windows group, and the group app.nodePool names, whose taints they tolerate. */
export interface Placement {
  /** Why, for a comment in the Deployment. */
  why: string;
  nodeSelector: KV[];
  tolerations: Taint[];
}

export function appPlacement(a: Answers): Placement | undefined {
  const group = a.nodeGroups.find((g) => g.name === a.app.nodePool);
  const pool = computeOf(a).nodePool ? a.nodePools.find((p) => p.name === a.app.nodePool) : undefined;
  const windows = a.windowsNodes && computeOf(a).nodeGroups;
  const target = group
    ? { why: `Runs on node group ${group.name}`, label: { key: 'role', value: group.name }, taints: group.taints }
    : pool
      ? { why: `Runs on Karpenter NodePool ${pool.name}`, label: { key: 'karpenter.sh/nodepool', value: pool.name }, taints: pool.taints }
      : undefined;
  if (!target && !windows) return undefined;
  return {
    why: target ? `${target.why}${windows ? ', Linux' : ''}.` : 'The cluster also has Windows nodes; this image is Linux.',
    nodeSelector: [...(windows ? [{ key: 'kubernetes.io/os', value: 'linux' }] : []), ...(target ? [target.label] : [])],
    tolerations: target ? target.taints.map((t) => parseTaint(t) as Taint) : [],
  };
}

/** The Windows group beside the Linux one. */
function readme(p: ReadmePlan): Prose[] {
  const out: Prose[] = p.answers.nodeGroups.map((x) => {
    const taints = x.taints.length ? md`, tainted ${join(x.taints.map(code))}` : none;
    const gpu = x.instanceTypes.some(isNvidiaType)
      ? md` Its instances have NVIDIA GPUs: eksctl picks the NVIDIA ${x.amiFamily === 'Bottlerocket' ? md`Bottlerocket` : md`AL2023`} AMI${x.amiFamily === 'Bottlerocket' ? md`, which brings the NVIDIA device plugin` : md` and installs the NVIDIA device plugin, which tolerates \`${GPU_TAINT_KEY}\``}; a pod asks for GPUs with \`resources.limits: {${GPU_TAINT_KEY}: 1}\` and tolerates the taint.`
      : none;
    return md`**Node group ${code(x.name)}** (${join(x.instanceTypes.map(code))}${x.capacityType === 'spot' ? md`, Spot` : none}, ${x.minSize} to ${x.maxSize} nodes${x.privateNetworking ? none : md`, public subnets`}${taints}), labelled ${code(`role=${x.name}`)}: a pod goes there by selecting that label and tolerating its taints.${gpu}`;
  });
  const settings = [
    p.compute.managedNodeGroups.length + p.compute.nodeGroups.length > 0 ? settingsProse('system', p.answers.nodeGroup, p.answers.region) : undefined,
    ...p.answers.nodeGroups.map((x) => settingsProse(x.name, x, p.answers.region)),
  ].filter((x): x is Prose => x !== undefined);
  out.push(...settings);
  if (!p.compute.windows) return out;
  return [
    ...out,
    md`**Windows nodes**: a second group (\`WindowsServer2022CoreContainer\`), tainted \`os=windows:NoSchedule\` so only pods that tolerate it and select \`kubernetes.io/os: windows\` land there; the application selects Linux. Windows pods cannot use EKS Pod Identity, so this project uses IRSA.`,
  ];
}

export const nodeGroup: DomainModule = { id: 'node-group', questions, problems, readme };
