// What a node group's nodes run beyond their size and place: a custom AMI, kubelet settings (AL2023's
// NodeConfig), commands before bootstrap, Bottlerocket settings, volume type, extra security groups,
// capacity reservations and the load balancers a self-managed group registers with. One table gives
// the system group its flags (--node-ami) and an extra group its fields (ami=...).
import type { ExtraNodeGroup, NodeSettings } from '../answers/types.ts';
import { didYouMean, oneOf, type Rule } from '../plan/rules.ts';
import { tagMapProblem } from './cluster.ts';
import type { DomainQuestion } from './contract.ts';
import type { ItemField } from './items.ts';
import { yamlValue } from '../render/escape.ts';
import { code, join, md, type Prose } from '../render/prose.ts';

// ---------------------------------------------------------------- kubelet settings

type KubeletKind =
  | { int: [number, number] }
  | { choice: readonly string[] }
  | 'bool'
  | 'duration'
  | 'quantity'
  | 'sysctls'
  /** Maps, given one entry per key: evictionHard.memory.available=500Mi. */
  | { map: 'reserved' | 'threshold' | 'grace' };

/** KubeletConfiguration (kubelet.config.k8s.io/v1beta1) fields offered, with the values kubelet accepts. */
const KUBELET_FIELDS: Readonly<Record<string, KubeletKind>> = {
  imageGCHighThresholdPercent: { int: [0, 100] },
  imageGCLowThresholdPercent: { int: [0, 100] },
  imageMinimumGCAge: 'duration',
  podPidsLimit: { int: [-1, 4194304] },
  containerLogMaxSize: 'quantity',
  containerLogMaxFiles: { int: [2, 100] },
  serializeImagePulls: 'bool',
  maxParallelImagePulls: { int: [1, 100] },
  registryPullQPS: { int: [0, 1000] },
  registryBurst: { int: [0, 1000] },
  eventRecordQPS: { int: [0, 1000] },
  eventBurst: { int: [0, 1000] },
  kubeAPIQPS: { int: [0, 10000] },
  kubeAPIBurst: { int: [0, 10000] },
  cpuCFSQuota: 'bool',
  cpuManagerPolicy: { choice: ['none', 'static'] },
  topologyManagerPolicy: { choice: ['none', 'best-effort', 'restricted', 'single-numa-node'] },
  topologyManagerScope: { choice: ['container', 'pod'] },
  shutdownGracePeriod: 'duration',
  shutdownGracePeriodCriticalPods: 'duration',
  evictionHard: { map: 'threshold' },
  evictionSoft: { map: 'threshold' },
  evictionSoftGracePeriod: { map: 'grace' },
  evictionMaxPodGracePeriod: { int: [0, 3600] },
  kubeReserved: { map: 'reserved' },
  systemReserved: { map: 'reserved' },
  allowedUnsafeSysctls: 'sysctls',
};
/** Set by eksctl or by this project; eksctl refuses the first seven outright. */
const KUBELET_OWNED: Readonly<Record<string, string>> = {
  kind: 'eksctl writes it',
  apiVersion: 'eksctl writes it',
  address: 'eksctl needs it',
  clusterDomain: 'eksctl needs it',
  authentication: 'eksctl needs it',
  authorization: 'eksctl needs it',
  serverTLSBootstrap: 'eksctl needs it',
  clusterDNS: 'eksctl sets it from the cluster',
  maxPods: 'this project sets it (maxPodsPerNode) to match the VPC CNI mode',
};
const EVICTION_SIGNALS = ['memory.available', 'nodefs.available', 'nodefs.inodesFree', 'imagefs.available', 'imagefs.inodesFree', 'pid.available'];
const RESERVED_RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'pid'];
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$/;
const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/;
const SYSCTL = /^[a-z0-9_]+(\.[a-z0-9_-]+)*(\.?\*)?$/;

function durationSeconds(v: string): number {
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, u] of v.matchAll(/([0-9.]+)(ns|us|ms|s|m|h)/g)) total += Number(n) * unit[u];
  return total;
}

function kubeletValueProblem(field: string, kind: KubeletKind, sub: string | undefined, v: string): string | undefined {
  const say = (what: string) => `kubelet ${sub === undefined ? field : `${field}.${sub}`}: ${what} (got ${JSON.stringify(v)})`;
  if (typeof kind === 'object' && 'map' in kind) {
    if (sub === undefined || sub === '')
      return `kubelet ${field}: give one entry per key, e.g. ${field}.${kind.map === 'reserved' ? 'memory=1Gi' : 'memory.available=500Mi'}`;
    const keys = kind.map === 'reserved' ? RESERVED_RESOURCES : EVICTION_SIGNALS;
    if (!keys.includes(sub)) return `kubelet ${field}.${sub}: ${sub} is not one of ${keys.join(', ')}${didYouMean(sub, keys)}`;
    if (kind.map === 'grace') return DURATION.test(v) ? undefined : say('expected a duration such as 1m30s');
    if (kind.map === 'threshold')
      return QUANTITY.test(v) || /^(100|[1-9]?[0-9])(\.[0-9]+)?%$/.test(v) ? undefined : say('expected a quantity (500Mi) or a percentage (10%)');
    return QUANTITY.test(v) ? undefined : say('expected a quantity such as 100m, 1Gi or 1000');
  }
  if (sub !== undefined) return `kubelet ${field}.${sub}: ${field} takes one value, not keys below it`;
  if (kind === 'bool') return /^(true|false)$/.test(v) ? undefined : say('expected true or false');
  if (kind === 'duration') return DURATION.test(v) ? undefined : say('expected a duration such as 30s or 1m30s');
  if (kind === 'quantity') return QUANTITY.test(v) ? undefined : say('expected a size such as 10Mi');
  if (kind === 'sysctls') {
    const bad = v.split(',').find((s) => !SYSCTL.test(s.trim()));
    return bad === undefined ? undefined : say(`${JSON.stringify(bad)} is not a sysctl name or a pattern ending in *`);
  }
  if ('choice' in kind) return kind.choice.includes(v) ? undefined : say(`expected one of ${kind.choice.join(', ')}${didYouMean(v, kind.choice)}`);
  const [min, max] = kind.int;
  return /^-?[0-9]+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : say(`expected a whole number from ${min} to ${max}`);
}

const split = (key: string): [string, string | undefined] => {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, undefined] : [key.slice(0, dot), key.slice(dot + 1)];
};

/** The first problem of kubelet settings given as `field` or `field.key` to a string value. */
export function kubeletProblem(v: unknown): string | undefined {
  if (!isStringMap(v)) return 'must be a map of kubelet settings to string values, e.g. imageGCHighThresholdPercent=75';
  const fields = Object.keys(KUBELET_FIELDS);
  for (const [key, value] of Object.entries(v)) {
    const [field, sub] = split(key);
    if (KUBELET_OWNED[field]) return `kubelet ${field}: ${KUBELET_OWNED[field]}, so it cannot be set here`;
    const kind = KUBELET_FIELDS[field];
    if (!kind) return `kubelet ${field}: not a kubelet setting this tool offers; the settings are ${fields.join(', ')}${didYouMean(field, fields)}`;
    const problem = kubeletValueProblem(field, kind, sub, value);
    if (problem) return problem;
  }
  const c = kubeletConfig(v);
  const high = (c.imageGCHighThresholdPercent as number | undefined) ?? 85;
  const low = (c.imageGCLowThresholdPercent as number | undefined) ?? 80;
  if (low >= high)
    return c.imageGCLowThresholdPercent === undefined
      ? `kubelet imageGCHighThresholdPercent ${high} must be above imageGCLowThresholdPercent, which is ${low} unless given; give imageGCLowThresholdPercent below ${high}`
      : `kubelet imageGCLowThresholdPercent ${low} must be below imageGCHighThresholdPercent${c.imageGCHighThresholdPercent === undefined ? ', which is 85 unless given,' : ''} ${high}, or kubelet does not start`;
  const soft = Object.keys((c.evictionSoft as object | undefined) ?? {});
  const graced = Object.keys((c.evictionSoftGracePeriod as object | undefined) ?? {});
  const ungraced = soft.find((s) => !graced.includes(s));
  if (ungraced) return `kubelet evictionSoft.${ungraced} needs evictionSoftGracePeriod.${ungraced} as well, or kubelet does not start`;
  const stray = graced.find((s) => !soft.includes(s));
  if (stray) return `kubelet evictionSoftGracePeriod.${stray} has no evictionSoft.${stray} threshold to delay; give one or drop it`;
  const critical = c.shutdownGracePeriodCriticalPods as string | undefined;
  if (critical && durationSeconds(critical) > durationSeconds((c.shutdownGracePeriod as string | undefined) ?? '0s'))
    return `kubelet shutdownGracePeriodCriticalPods ${critical} is part of shutdownGracePeriod, so give a shutdownGracePeriod of at least as long`;
  if (c.serializeImagePulls === true && typeof c.maxParallelImagePulls === 'number' && c.maxParallelImagePulls > 1)
    return 'kubelet maxParallelImagePulls above 1 needs serializeImagePulls false, or kubelet does not start';
  return undefined;
}

/** The settings as kubelet's configuration: numbers and booleans typed, maps nested, sysctls a list. */
export function kubeletConfig(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(flat)) {
    const [field, sub] = split(key);
    const kind = KUBELET_FIELDS[field];
    if (sub !== undefined) out[field] = { ...(out[field] ?? {}), [sub]: value };
    else if (kind === 'bool') out[field] = value === 'true';
    else if (kind === 'sysctls') out[field] = value.split(',').map((s) => s.trim());
    else if (typeof kind === 'object' && 'int' in kind) out[field] = Number(value);
    else out[field] = value;
  }
  return out;
}

/** AL2023's nodeadm NodeConfig carrying the kubelet settings; eksctl merges it into a managed group's user data. */
export function nodeConfigDocument(config: Record<string, unknown>): string {
  const lines = ['apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    config:'];
  for (const [k, v] of Object.entries(config)) lines.push(`      ${k}: ${yamlValue(v)}`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- Bottlerocket settings

const SETTING_PATH = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;
/** eksctl refuses these in bottlerocket.settings: the group's own fields say them. */
const BOTTLEROCKET_OWNED: Readonly<Record<string, string>> = {
  'kubernetes.node-labels': 'labels',
  'kubernetes.node-taints': 'taints',
  'kubernetes.max-pods': 'maxPodsPerNode, which this project sets',
  'host-containers.admin.enabled': 'bottlerocketAdminContainer',
};

export function bottlerocketSettingsProblem(v: unknown): string | undefined {
  if (!isStringMap(v)) return 'must be a map of Bottlerocket setting paths to values, e.g. motd=hello';
  const keys = Object.keys(v);
  for (const key of keys) {
    if (!SETTING_PATH.test(key))
      return `${JSON.stringify(key)} is not a Bottlerocket setting path; use dotted lowercase names, e.g. kubernetes.image-gc-high-threshold-percent`;
    const owned = Object.entries(BOTTLEROCKET_OWNED).find(([k]) => key === k || key.startsWith(`${k}.`));
    if (owned) return `${key}: set it with ${owned[1]} instead; eksctl refuses it here`;
    const parent = keys.find((k) => key.startsWith(`${k}.`));
    if (parent) return `${key}: ${parent} is given a value already, so it cannot also hold settings; keep one`;
  }
  return undefined;
}

/** Dotted setting paths as nested TOML tables would hold them; true, false and whole numbers typed. */
export function bottlerocketSettings(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let cur = out;
    for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
    cur[parts[parts.length - 1]] = /^(true|false)$/.test(value) ? value === 'true' : /^-?[0-9]{1,15}$/.test(value) ? Number(value) : value;
  }
  return out;
}

// ---------------------------------------------------------------- the settings, as questions and group fields

const isStringMap = (v: unknown): v is Record<string, string> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** Numbers and booleans an answers file gives in a map of settings, as the strings a flag gives. */
const stringValues = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'number' || typeof x === 'boolean' ? String(x) : x]))
    : v;

const listOf =
  (pattern: RegExp, example: string, what: string, max: number): Rule =>
  (v) => {
    if (!Array.isArray(v)) return `must be a list of ${what}`;
    if (v.length > max) return `takes at most ${max} (got ${v.length})`;
    const bad = v.find((x) => typeof x !== 'string' || !pattern.test(x));
    if (bad !== undefined) return `${JSON.stringify(bad)} is not ${what.replace(/s$/, '')}; e.g. ${example}`;
    if (new Set(v).size !== v.length) return 'lists one twice; give each once';
    return undefined;
  };

const text =
  (pattern: RegExp, example: string, what: string): Rule =>
  (v) =>
    v === '' || (typeof v === 'string' && pattern.test(v)) ? undefined : `${JSON.stringify(v)} is not ${what}; e.g. ${example}, or leave it empty`;

export const VOLUME_TYPES = ['gp3', 'gp2'] as const;
export const CAPACITY_RESERVATION_PREFERENCES = ['', 'open', 'none'] as const;

type SettingQuestion = Omit<DomainQuestion, 'group' | 'prompted'> & { flagField: string; itemKind: ItemField[2]; extraOnly?: boolean };

/** Each setting once: its answer key below nodeGroup (the system group) or in a nodeGroups item. */
const SETTINGS: SettingQuestion[] = [
  {
    key: 'ami',
    flagField: 'ami',
    itemKind: 'text',
    kind: 'string',
    message: 'Custom AMI',
    hint: 'an AMI ID built from the amiFamily (ami-...); eksctl bootstraps it with nodeadm or Bottlerocket settings; you keep it patched',
    default: () => '',
    rule: text(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, 'ami-0123456789abcdef0', 'an AMI ID'),
  },
  {
    key: 'kubelet',
    flagField: 'kubelet',
    itemKind: 'map',
    kind: 'map',
    message: 'Kubelet settings',
    hint: 'AL2023 only, written as a NodeConfig: field=value or field.key=value, e.g. evictionHard.memory.available=500Mi',
    default: () => ({}),
    complete: stringValues,
    rule: kubeletProblem,
  },
  {
    key: 'preBootstrapCommands',
    flagField: 'pre-bootstrap-commands',
    itemKind: 'list',
    kind: 'list',
    message: 'Commands before bootstrap',
    hint: 'AL2023 only: shell commands run as root before the node joins (give commands with commas in an answers file)',
    default: () => [],
    rule: (v) =>
      !Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.trim() === '')
        ? 'must be a list of non-empty shell commands'
        : v.join('\n').length > 12000
          ? 'the commands exceed 12000 characters, and EC2 user data holds 16 KiB with eksctl bootstrap; put them in a script the node downloads'
          : undefined,
  },
  {
    key: 'volumeType',
    flagField: 'volume-type',
    itemKind: 'text',
    kind: 'choice',
    message: 'Node volume type',
    hint: 'gp3 (faster and cheaper) or gp2',
    choices: () => VOLUME_TYPES.map((value) => ({ value })),
    default: () => 'gp3',
    rule: oneOf(VOLUME_TYPES),
  },
  {
    key: 'securityGroups',
    flagField: 'security-groups',
    itemKind: 'list',
    kind: 'list',
    message: 'Extra security groups',
    hint: 'security group IDs attached to the nodes beside eksctl’s (securityGroups.attachIDs), at most 4',
    default: () => [],
    rule: listOf(/^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, 'sg-0123456789abcdef0', 'security group IDs', 4),
  },
  {
    key: 'bottlerocketAdminContainer',
    flagField: 'bottlerocket-admin-container',
    itemKind: 'bool',
    kind: 'boolean',
    message: 'Bottlerocket admin container',
    hint: 'Bottlerocket only: the privileged admin container, reached through the control container and Session Manager; off unless you need a root shell',
    default: () => false,
  },
  {
    key: 'bottlerocketSettings',
    flagField: 'bottlerocket-settings',
    itemKind: 'map',
    kind: 'map',
    message: 'Bottlerocket settings',
    hint: 'Bottlerocket only: dotted setting paths, e.g. kubernetes.image-gc-high-threshold-percent=75 or motd=hello',
    default: () => ({}),
    complete: stringValues,
    rule: bottlerocketSettingsProblem,
  },
  {
    key: 'tags',
    flagField: 'tags',
    itemKind: 'map',
    kind: 'map',
    extraOnly: true,
    message: 'Tags of the group',
    hint: 'AWS tags on the group and its instances, beside the cluster’s',
    default: () => ({}),
    rule: tagMapProblem,
  },
  {
    key: 'capacityReservationId',
    flagField: 'capacity-reservation-id',
    itemKind: 'text',
    kind: 'string',
    extraOnly: true,
    message: 'Capacity reservation',
    hint: 'an On-Demand Capacity Reservation or Capacity Block (cr-...), in one of the group’s zones',
    default: () => '',
    rule: text(/^cr-[0-9a-f]{17}$/, 'cr-0123456789abcdef0', 'a capacity reservation ID'),
  },
  {
    key: 'capacityReservationGroupArn',
    flagField: 'capacity-reservation-group-arn',
    itemKind: 'text',
    kind: 'string',
    extraOnly: true,
    message: 'Capacity reservation group',
    hint: 'a resource group of capacity reservations (arn:aws:resource-groups:...)',
    default: () => '',
    rule: text(
      /^arn:aws(-cn|-us-gov)?:resource-groups:[a-z0-9-]+:\d{12}:group\/[A-Za-z0-9_.-]{1,128}$/,
      'arn:aws:resource-groups:eu-west-1:123456789012:group/gpu-reservations',
      'a resource group ARN',
    ),
  },
  {
    key: 'capacityReservationPreference',
    flagField: 'capacity-reservation-preference',
    itemKind: 'text',
    kind: 'string',
    extraOnly: true,
    message: 'Capacity reservation preference',
    hint: 'open (use any matching open reservation) or none; leave empty when a reservation is targeted',
    default: () => '',
    rule: oneOf(CAPACITY_RESERVATION_PREFERENCES),
  },
  {
    key: 'capacityBlock',
    flagField: 'capacity-block',
    itemKind: 'bool',
    kind: 'boolean',
    extraOnly: true,
    message: 'Capacity Block for ML',
    hint: 'the targeted reservation is a Capacity Block: the group launches into it while it is active',
    default: () => false,
  },
  {
    key: 'targetGroupARNs',
    flagField: 'target-group-arns',
    itemKind: 'list',
    kind: 'list',
    extraOnly: true,
    message: 'Target groups',
    hint: 'self-managed only: load balancer target groups the Auto Scaling group registers its instances with',
    default: () => [],
    rule: listOf(
      /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
      'arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/0123456789abcdef',
      'target group ARNs',
      50,
    ),
  },
  {
    key: 'classicLoadBalancerNames',
    flagField: 'classic-load-balancer-names',
    itemKind: 'list',
    kind: 'list',
    extraOnly: true,
    message: 'Classic Load Balancers',
    hint: 'self-managed only: Classic Load Balancers the Auto Scaling group registers its instances with',
    default: () => [],
    rule: listOf(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, 'web-classic', 'load balancer names', 50),
  },
  {
    key: 'asgMetrics',
    flagField: 'asg-metrics',
    itemKind: 'bool',
    kind: 'boolean',
    extraOnly: true,
    message: 'Auto Scaling group metrics',
    hint: 'self-managed only: every group metric to CloudWatch each minute',
    default: () => false,
  },
];

/** The system group's questions (nodeGroup.ami, ...); the group-only ones are asked of extra groups alone. */
export const SYSTEM_SETTING_QUESTIONS: DomainQuestion[] = SETTINGS.filter((s) => !s.extraOnly).map(({ flagField: _f, itemKind: _k, extraOnly: _e, ...q }) => ({
  ...q,
  key: `nodeGroup.${q.key}`,
  group: 'compute',
  prompted: false,
}));

/** The fields of --node-group for these settings. */
export const SETTING_ITEM_FIELDS: ItemField[] = SETTINGS.map((s) => [s.flagField, s.key, s.itemKind]);

/** What an extra group leaves out of these settings. */
export function settingDefaults(): Record<string, unknown> {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, s.default({}, new Date(0))]));
}

/** An extra group's settings as saved: map values as strings. */
export function completeSettings(g: Record<string, unknown>): Record<string, unknown> {
  const out = { ...g };
  for (const s of SETTINGS) if (s.complete && s.key in out) out[s.key] = s.complete(out[s.key], {});
  return out;
}

/** The first field rule an extra group's settings break, as [field, message]. */
export function settingFieldProblem(g: Record<string, unknown>): [string, string] | undefined {
  for (const s of SETTINGS) {
    const problem = s.rule?.(g[s.key], {}, new Date(0));
    if (problem) return [s.key, problem];
  }
  return undefined;
}

/** What the group is, for the rules that span its settings. */
export interface GroupShape {
  managed: boolean;
  amiFamily: string;
  instanceTypes: string[];
  spot: boolean;
  availabilityZones: string[];
  /** maxPodsPerNode this project sets (prefix delegation, custom networking). */
  maxPods: boolean;
}

/** The first problem across a group's settings, as [field, message]. */
export function settingsProblem(s: NodeSettings & Partial<ExtraNodeGroup>, g: GroupShape): [string, string] | undefined {
  const bottlerocket = g.amiFamily === 'Bottlerocket';
  if (bottlerocket && Object.keys(s.kubelet).length)
    return [
      'kubelet',
      'Bottlerocket takes kubelet settings as bottlerocketSettings (kubernetes.*), and eksctl refuses kubelet settings on it; move them there',
    ];
  if (bottlerocket && s.preBootstrapCommands.length)
    return [
      'preBootstrapCommands',
      'Bottlerocket has no shell to run them, and eksctl refuses preBootstrapCommands on it; use bottlerocketSettings, or AmazonLinux2023',
    ];
  if (!bottlerocket && (Object.keys(s.bottlerocketSettings).length || s.bottlerocketAdminContainer))
    return [
      Object.keys(s.bottlerocketSettings).length ? 'bottlerocketSettings' : 'bottlerocketAdminContainer',
      `applies to Bottlerocket nodes, and these run ${g.amiFamily}; use kubelet and preBootstrapCommands there, or amiFamily Bottlerocket`,
    ];
  if (s.ami && g.managed && g.maxPods)
    return [
      'ami',
      'eksctl refuses maxPodsPerNode with a custom AMI on a managed group, and this project sets it for prefix delegation or custom networking; drop the AMI, or those VPC CNI modes',
    ];
  const target = s.capacityReservationId || s.capacityReservationGroupArn;
  if (s.capacityReservationId && s.capacityReservationGroupArn)
    return ['capacityReservationGroupArn', 'eksctl takes one target: a reservation ID or a reservation group; keep one'];
  if (target && s.capacityReservationPreference)
    return ['capacityReservationPreference', 'a preference applies when no reservation is targeted, and eksctl refuses both; drop the preference'];
  if (target && g.spot) return ['capacityType', 'capacity reservations hold On-Demand capacity, so a Spot group cannot use one; use capacityType on-demand'];
  if (s.capacityReservationId && g.availabilityZones.length !== 1)
    return ['availabilityZones', 'a capacity reservation lies in one zone; give availabilityZones with that zone alone, so every node launches into it'];
  if (s.capacityBlock) {
    if (!target) return ['capacityBlock', 'a Capacity Block is used by targeting it; give capacityReservationId (cr-...)'];
    if (g.instanceTypes.length !== 1)
      return ['instanceTypes', `a Capacity Block is for one instance type, and eksctl refuses more (got ${g.instanceTypes.join(', ')}); keep the block's type`];
  }
  if (g.managed) {
    const field = (['targetGroupARNs', 'classicLoadBalancerNames'] as const).find((f) => (s[f] ?? []).length > 0) ?? (s.asgMetrics ? 'asgMetrics' : undefined);
    if (field)
      return [field, `eksctl offers ${field} for self-managed groups only; with managed groups, register pods through the AWS Load Balancer Controller`];
  }
  return undefined;
}

/** The settings as NodeGroupPlan carries them to cluster.yaml. */
export interface SettingsPlan {
  ami?: string;
  /** Kubelet configuration: kubeletExtraConfig on a self-managed group. */
  kubelet?: Record<string, unknown>;
  /** The same, as the NodeConfig a managed group gets through overrideBootstrapCommand. */
  nodeConfig?: string;
  preBootstrapCommands: string[];
  volumeType: string;
  securityGroups: string[];
  bottlerocket?: { enableAdminContainer: boolean; settings?: Record<string, unknown> };
  capacityReservation?: { capacityReservationPreference?: string; capacityReservationTarget?: Record<string, string> };
  capacityBlock: boolean;
  targetGroupARNs: string[];
  classicLoadBalancerNames: string[];
  asgMetrics: boolean;
}

export function settingsPlan(s: NodeSettings & Partial<ExtraNodeGroup>): SettingsPlan {
  const kubelet = Object.keys(s.kubelet).length ? kubeletConfig(s.kubelet) : undefined;
  const settings = Object.keys(s.bottlerocketSettings).length ? bottlerocketSettings(s.bottlerocketSettings) : undefined;
  const target: Record<string, string> | undefined = s.capacityReservationId
    ? { capacityReservationID: s.capacityReservationId }
    : s.capacityReservationGroupArn
      ? { capacityReservationResourceGroupARN: s.capacityReservationGroupArn }
      : undefined;
  return {
    ami: s.ami || undefined,
    kubelet,
    nodeConfig: kubelet ? nodeConfigDocument(kubelet) : undefined,
    preBootstrapCommands: s.preBootstrapCommands,
    volumeType: s.volumeType,
    securityGroups: s.securityGroups,
    bottlerocket: settings || s.bottlerocketAdminContainer ? { enableAdminContainer: s.bottlerocketAdminContainer, settings } : undefined,
    capacityReservation: target
      ? { capacityReservationTarget: target }
      : s.capacityReservationPreference
        ? { capacityReservationPreference: s.capacityReservationPreference }
        : undefined,
    capacityBlock: s.capacityBlock ?? false,
    targetGroupARNs: s.targetGroupARNs ?? [],
    classicLoadBalancerNames: s.classicLoadBalancerNames ?? [],
    asgMetrics: s.asgMetrics ?? false,
  };
}

/** The README's sentence on what a group's settings change, or nothing when it keeps EKS's defaults. */
export function settingsProse(name: string, s: NodeSettings & Partial<ExtraNodeGroup>, region: string): Prose | undefined {
  const parts: Prose[] = [];
  if (s.ami)
    parts.push(
      md`its nodes boot the custom AMI ${code(s.ami)}: eksctl bootstraps it, and you build it for each Kubernetes version and patch it yourself (EKS updates only its own AMIs)`,
    );
  if (Object.keys(s.kubelet).length) parts.push(md`kubelet runs with ${join(Object.keys(s.kubelet).map(code))} set, through AL2023's NodeConfig`);
  if (s.preBootstrapCommands.length) parts.push(md`${s.preBootstrapCommands.length} command(s) run as root before the node joins`);
  if (s.bottlerocketAdminContainer)
    parts.push(
      md`the Bottlerocket admin container is on: reach it with \`aws ssm start-session\` and \`enter-admin-container\`, and keep it off where no one needs a root shell`,
    );
  const target = s.capacityReservationId || s.capacityReservationGroupArn;
  if (s.capacityReservationId)
    parts.push(
      md`it launches into ${s.capacityBlock ? md`the Capacity Block` : md`the capacity reservation`} ${code(s.capacityReservationId)}; before creating the cluster, check it is ${s.capacityBlock ? md`scheduled or active` : md`active`} and in the group's zone: ${code(`aws ec2 describe-capacity-reservations --capacity-reservation-ids ${s.capacityReservationId} --region ${region} --query 'CapacityReservations[0].[State,AvailabilityZone,InstanceType]'`)}`,
    );
  else if (target) parts.push(md`it launches into the reservations of ${code(target)}`);
  if (s.capacityReservationPreference) parts.push(md`its capacity reservation preference is ${code(s.capacityReservationPreference)}`);
  if (!parts.length) return undefined;
  return md`**Node group ${code(name)} settings**: ${join(parts, '; ')}.`;
}
