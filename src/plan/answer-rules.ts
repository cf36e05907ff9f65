// The rules answers must meet, field by field and across fields. Field rules also run at the wizard's
// prompts, so a bad value is refused where it is typed. Every problem names the field path and the fix.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { ACCESS_MODES, COMPUTE_TYPES, CONTROL_PLANE_LOG_TYPES, ENDPOINT_MODES, IDENTITY_MODES } from '../answers/types.ts';
import { QUESTION_BY_KEY } from '../answers/registry.ts';
import { podIdentityBlocker } from '../answers/registry.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { parseAccessEntry, type AccessEntrySpec } from './access.ts';
import { DOMAIN_QUESTIONS, DOMAINS } from '../domains/index.ts';
import { parseCidr } from './cidr.ts';
import { UserError } from '../errors.ts';
import { flag, intIn, isBoolean, oneOf, subsetOf, type Problem, type Rule } from './rules.ts';
import { computeOf } from './compute-types.ts';
import { ADDON_RULES, addonIdProblem, addonProblems } from './addons.ts';
import { NETWORK_FIELD_RULES, networkProblems, networkWarnings } from './network.ts';
import { STORAGE_FIELD_RULES, storageProblems } from './storage.ts';

export type { Problem } from './rules.ts';

export class AnswersError extends UserError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: Problem): string {
  return `${p.field}: ${p.message}`;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// eksctl's own rule for cluster names.
const CLUSTER_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;
const _INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
// The AWS tag key alphabet: letters, digits, spaces and _ . : / = + - @ (any script).
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
// AWS's tag value pattern; it also keeps `$` out, so no value can look like an envsubst variable.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// Image reference grammar (registry[:port]/path[:tag][@digest]), as container runtimes parse it.
// A first component is a registry only with a dot, a port, or as localhost; otherwise it is a lowercase path.
const IMAGE_REF =
  /^(?:(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+)(?::[0-9]+)?\/|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]+\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The type each kind of question takes; a value of another type never reaches a domain rule. */
const KIND_RULES: Record<string, Rule> = {
  boolean: isBoolean,
  integer: (v) => (Number.isInteger(v) ? undefined : `must be a whole number (got ${JSON.stringify(v)})`),
  list: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : `must be a list of text values (got ${JSON.stringify(v)})`),
  map: (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
      ? undefined
      : `must be a map of key=value text (got ${JSON.stringify(v)})`,
  string: (v) => (typeof v === 'string' ? undefined : `must be text (got ${JSON.stringify(v)})`),
};

const KMS_ARN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):(key\/(mrk-)?[0-9a-f-]{32,36}|alias\/[A-Za-z0-9/_-]{1,250})$/;
// Tag keys that eksctl or Karpenter set on the resources they create.
const EKSCTL_TAG_PREFIX = 'kubernetes.io/cluster/';

export const FIELD_RULES: Record<string, Rule> = {
  name: (v) => {
    if (typeof v !== 'string' || !CLUSTER_NAME.test(v)) {
      return `${JSON.stringify(v)} is not a valid cluster name; use letters, digits and hyphens, starting with a letter (e.g. my-cluster)`;
    }
    if (v.length > 100) return `must be at most 100 characters (got ${v.length})`;
    return undefined;
  },
  region: (v) => (REGION_BY_CODE.has(v) ? undefined : `${JSON.stringify(v)} is not a region where EKS runs; use a region code such as us-east-1 or eu-west-1`),
  accountId: (v) =>
    typeof v === 'string' && /^(\d{12})?$/.test(v)
      ? undefined
      : `${JSON.stringify(v)} is not an AWS account ID; give 12 digits (aws sts get-caller-identity --query Account --output text) or leave it empty`,
  kubernetesVersion: (v, _a, today) => {
    const known = KUBERNETES_VERSIONS.find((k) => k.version === v);
    const supported = KUBERNETES_VERSIONS.filter((k) => supportStatus(k.version, today) !== 'unsupported').map((k) => k.version);
    if (!known || supportStatus(v, today) === 'unsupported') {
      return `${JSON.stringify(v)} is not a version EKS supports today; choose one of ${supported.join(', ')}`;
    }
    return undefined;
  },
  endpoint: oneOf(ENDPOINT_MODES),
  publicAccessCidrs: (v) => {
    if (!Array.isArray(v)) return 'must be a list of IPv4 CIDRs';
    if (v.length > 40) return `EKS accepts at most 40 public access CIDRs (got ${v.length})`;
    const seen = new Set<string>();
    for (const c of v) {
      const parsed = parseCidr(c);
      if (typeof parsed === 'string') return parsed;
      if (parsed.version !== 4) return `${c}: EKS public access CIDRs must be IPv4`;
      if (seen.has(parsed.canonical)) return `${c} is listed twice`;
      seen.add(parsed.canonical);
    }
    return undefined;
  },
  tags: (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'must be a map of key=value';
    const entries = Object.entries(v);
    if (entries.length > 50) return `AWS allows at most 50 tags per resource (got ${entries.length})`;
    for (const [k, val] of entries) {
      if (k.length < 1 || k.length > 128) return `tag key ${JSON.stringify(k)} must be 1 to 128 characters`;
      if (k.toLowerCase().startsWith('aws:')) return `tag key ${JSON.stringify(k)}: the aws: prefix is reserved by AWS`;
      if (!TAG_KEY.test(k)) return `tag key ${JSON.stringify(k)} may contain only letters, digits, spaces and _ . : / = + - @`;
      if (typeof val !== 'string') return `tag ${JSON.stringify(k)} must have a string value`;
      if (val.length > 256) return `tag ${JSON.stringify(k)} value must be at most 256 characters (got ${val.length})`;
      if (CONTROL_CHARS.test(val)) return `tag ${JSON.stringify(k)} value must not contain control characters or line breaks`;
      if (!TAG_VALUE.test(val))
        return `tag ${JSON.stringify(k)} value may contain only letters, digits, spaces and _ . : / = + - @ (AWS refuses other characters)`;
    }
    return undefined;
  },
  access: oneOf(ACCESS_MODES),
  accessEntries: (v) => {
    if (!Array.isArray(v)) return 'must be a list of <principal ARN>=<policy or type> entries';
    if (v.length > 100) return `takes at most 100 entries (got ${v.length}); group principals in IAM roles`;
    const seen = new Set<string>();
    for (const spec of v) {
      const e = parseAccessEntry(spec);
      if (typeof e === 'string') return e;
      if (seen.has(e.principalARN)) return `${e.principalARN} is listed twice; give one entry per principal`;
      seen.add(e.principalARN);
    }
    return undefined;
  },
  kmsKeyArn: (v) =>
    typeof v === 'string' && (v === '' || KMS_ARN.test(v))
      ? undefined
      : `${JSON.stringify(v)} is not a KMS key ARN; give arn:aws:kms:<region>:<account>:key/<id> or ...:alias/<name>, or leave it empty to create one`,
  logTypes: subsetOf(CONTROL_PLANE_LOG_TYPES, true),
  compute: oneOf(COMPUTE_TYPES),
  identity: oneOf(IDENTITY_MODES),
  'app.name': (v) =>
    typeof v === 'string' && DNS1035_LABEL.test(v) && v.length <= 63
      ? undefined
      : `${JSON.stringify(v)} is not a valid application name; use at most 63 lowercase letters, digits and hyphens, starting with a letter (e.g. web)`,
  'app.namespace': (v) => {
    if (typeof v !== 'string' || !DNS1123_LABEL.test(v) || v.length > 63) {
      return `${JSON.stringify(v)} is not a valid namespace; use at most 63 lowercase letters, digits and hyphens (e.g. web)`;
    }
    if (v.startsWith('kube-') || v === 'default') return `${v} is reserved for the cluster; choose a namespace of the application's own`;
    return undefined;
  },
  'app.image': (v) => {
    if (typeof v !== 'string' || v.length > 255) return 'must be an image reference of at most 255 characters';
    const m = IMAGE_REF.exec(v);
    if (!m) return `${JSON.stringify(v)} is not a valid image reference (registry/repository:tag or @sha256:digest)`;
    if (!m[2] && (m[1] === undefined || m[1] === 'latest')) return `${v}: pin a version tag or digest; :latest makes rollouts unrepeatable`;
    return undefined;
  },
  'app.port': (v) => {
    const range = intIn(1, 65535)(v, {}, new Date());
    if (range) return range;
    if (v < 1024) return `${v} needs root or NET_BIND_SERVICE, which the hardened pod drops; use a port from 1024 up, e.g. 8080`;
    return undefined;
  },
  'app.replicas': intIn(1, 100),
  addons: (v) => addonIdProblem(v),
  ...Object.fromEntries([...DOMAIN_QUESTIONS].flatMap(([key, q]) => (q.rule ? [[key, q.rule]] : []))),
  ...NETWORK_FIELD_RULES,
  ...STORAGE_FIELD_RULES,
  ...ADDON_RULES,
};
// Every answer is first of its question's kind; a yes/no question needs no rule beyond that.
for (const q of QUESTION_BY_KEY.values()) {
  const own = FIELD_RULES[q.key];
  const kind = KIND_RULES[q.kind] ?? KIND_RULES.string;
  FIELD_RULES[q.key] = own
    ? (v, a, today) => (v === undefined ? undefined : kind(v, a, today)) ?? own(v, a, today)
    : (v, a, today) => (v === undefined ? undefined : kind(v, a, today));
}

/** Checks that span several fields; run only after every field rule passed. */
function crossFieldProblems(a: Answers): Problem[] {
  const p: Problem[] = [];
  if (a.endpoint === 'private' && a.publicAccessCidrs.length > 0) {
    p.push({
      field: 'publicAccessCidrs',
      message: `only used with a public endpoint; drop ${flag('publicAccessCidrs')} or set ${flag('endpoint')} public-private`,
    });
  }
  if (a.endpoint !== 'private' && a.publicAccessCidrs.length === 0) {
    p.push({
      field: 'publicAccessCidrs',
      message: `required when the endpoint is ${a.endpoint}; give ${flag('publicAccessCidrs')} 203.0.113.10/32 (your own range) or set ${flag('endpoint')} private`,
    });
  }
  if (a.endpoint === 'public' && a.publicAccessCidrs.length > 0 && !a.publicAccessCidrs.includes('0.0.0.0/0')) {
    p.push({
      field: 'endpoint',
      message: `public alone leaves the nodes to reach the API from the NAT gateways' addresses, which are not in publicAccessCidrs (and unknown until the VPC exists), so they could not join; use ${flag('endpoint')} public-private`,
    });
  }
  if (a.publicAccessCidrs.includes('0.0.0.0/0') && !a.allowPublicInternet) {
    p.push({
      field: 'publicAccessCidrs',
      message: `0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own CIDRs, or confirm with ${flag('allowPublicInternet')}`,
    });
  }
  if (a.identity === 'irsa' && a.accountId === '') {
    const blocker = podIdentityBlocker(a);
    p.push({
      field: 'accountId',
      message: blocker
        ? `required with identity irsa, because the ServiceAccount annotation names the role ARN (and ${blocker}, so IRSA it is); give ${flag('accountId')} 123456789012`
        : `required with identity irsa, because the ServiceAccount annotation names the role ARN; give ${flag('accountId')} 123456789012 or use ${flag('identity')} pod-identity`,
    });
  }
  p.push(
    ...DOMAINS.flatMap((d) => d.problems?.(a) ?? []),
    ...clusterTagProblems(a),
    ...identityProblems(a),
    ...accessProblems(a),
    ...clusterSettingProblems(a),
  );
  // IAM role names are limited to 64 characters: <cluster>-<app>.
  const appRole = `${a.name}-${a.app.name}`;
  if (appRole.length > 64) {
    p.push({ field: 'name', message: `the IAM role name ${appRole} would exceed 64 characters; shorten the cluster or application name` });
  }
  p.push(...networkProblems(a), ...storageProblems(a));
  // An add-on another answer implies is refused under that answer, once: the network and storage
  // rules above usually said it already, with the fix.
  const reported = new Set(p.map((x) => x.field));
  p.push(...addonProblems(a).filter((x) => x.field === 'addons' || !reported.has(x.field)));
  return p;
}

/** eksctl and Karpenter tag what they create with the cluster's own tag. */
function clusterTagProblems(a: Answers): Problem[] {
  const clusterTag = Object.keys(a.tags).find((k) => k.startsWith(EKSCTL_TAG_PREFIX));
  return clusterTag ? [{ field: 'tags', message: `${clusterTag}: eksctl and Karpenter set the kubernetes.io/cluster/<name> tag themselves; drop it` }] : [];
}

/** EKS Pod Identity does not run on Fargate pods or Windows nodes: refuse the pair and name the flag that fixes it. */
function identityProblems(a: Answers): Problem[] {
  const blocker = a.identity === 'pod-identity' ? podIdentityBlocker(a) : undefined;
  if (!blocker) return [];
  const alternative = a.windowsNodes
    ? `or drop ${flag('windowsNodes')}`
    : computeOf(a).fargate
      ? `or use ${flag('compute')} managed`
      : `or remove ${a.app.namespace} from ${flag('fargate.namespaces')}`;
  return [{ field: 'identity', message: `${blocker}; use ${flag('identity')} irsa (with ${flag('accountId')}) ${alternative}` }];
}

function accessProblems(a: Answers): Problem[] {
  const p: Problem[] = [];
  const region = REGION_BY_CODE.get(a.region)!;
  if (a.access === 'aws-auth' && a.accessEntries.length > 0) {
    p.push({
      field: 'accessEntries',
      message: `access entries need ${flag('access')} access-entries or both; with aws-auth, map principals in the aws-auth ConfigMap instead`,
    });
  }
  for (const spec of a.accessEntries) {
    const e = parseAccessEntry(spec) as AccessEntrySpec;
    const partition = e.principalARN.split(':')[1];
    if (partition !== region.partition) {
      p.push({
        field: 'accessEntries',
        message: `${e.principalARN} is in partition ${partition}, but ${a.region} is in ${region.partition}; use arn:${region.partition}:iam::...`,
      });
    }
  }
  return p;
}

function clusterSettingProblems(a: Answers): Problem[] {
  const p: Problem[] = [];
  if (a.kmsKeyArn !== '') {
    const [, partition, , region] = a.kmsKeyArn.split(':');
    if (region !== a.region || partition !== REGION_BY_CODE.get(a.region)!.partition) {
      p.push({
        field: 'kmsKeyArn',
        message: `the key is in ${region}, but EKS needs a key in the cluster's region ${a.region}; give a key from ${a.region} or leave ${flag('kmsKeyArn')} empty to create one`,
      });
    }
  }
  return p;
}

export function fieldProblem(key: string, value: unknown, a: PartialAnswers, today: Date): string | undefined {
  const rule = FIELD_RULES[key];
  return rule ? rule(value, a, today) : undefined;
}

export function answerProblems(a: Answers, today: Date): Problem[] {
  const problems: Problem[] = [];
  for (const [key, rule] of Object.entries(FIELD_RULES)) {
    const value = key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), a);
    // Options of an add-on that is not selected are neither defaulted nor checked.
    const q = QUESTION_BY_KEY.get(key);
    if (key.startsWith('addon.') && value === undefined && q?.when && !q.when(a)) continue;
    const msg = rule(value, a, today);
    if (msg) problems.push({ field: key, message: msg });
  }
  return problems.length > 0 ? problems : crossFieldProblems(a);
}

/** Non-fatal advice shown to the user and written to the README. */
export function warningsFor(a: Answers, today: Date): string[] {
  const w: string[] = [];
  if (a.addons.includes('vpa'))
    w.push(
      'vpa: this project writes the VerticalPodAutoscaler object only; install the VPA itself (kubernetes/autoscaler, vertical-pod-autoscaler) before the README step that checks for it, or nothing acts on the object.',
    );
  const v = KUBERNETES_VERSIONS.find((k) => k.version === a.kubernetesVersion);
  if (v) {
    const status = supportStatus(v.version, today);
    if (status === 'extended')
      w.push(`Kubernetes ${v.version} is in extended support, which EKS bills at a higher hourly rate; it ends on ${v.endOfExtendedSupport}.`);
    const end = new Date(status === 'extended' ? v.endOfExtendedSupport : v.endOfStandardSupport);
    const days = Math.floor((end.getTime() - today.getTime()) / 86_400_000);
    // The date, not a day count: the README carries this warning, and `check` would see it drift daily.
    if (days >= 0 && days <= 90)
      w.push(`Kubernetes ${v.version} leaves ${status} support on ${end.toISOString().slice(0, 10)}, within 90 days; plan the upgrade.`);
  }
  if (a.publicAccessCidrs.includes('0.0.0.0/0'))
    w.push('The Kubernetes API endpoint is reachable from the whole internet (confirmed with --allow-public-internet).');
  if (a.access === 'aws-auth') {
    w.push(
      'access aws-auth uses the aws-auth ConfigMap (authenticationMode CONFIG_MAP), which EKS has deprecated; the README shows how to move to access entries.',
    );
  }
  if (a.logTypes.length === 0)
    w.push('Control-plane logging is off: nothing records who called the Kubernetes API (give --log-types api,audit,authenticator).');
  const groupSpot = computeOf(a).nodeGroups && a.nodeGroup.capacityType === 'spot';
  if (groupSpot && a.nodeGroup.instanceTypes.length < 3) {
    w.push(
      `Spot with ${a.nodeGroup.instanceTypes.length === 1 ? 'one instance type' : 'two instance types'}: give three or more of similar size (e.g. m7i.large,m6i.large,m6a.large) so the node group can draw on several Spot pools and survives reclaims.`,
    );
  }
  const fargateOthers = !computeOf(a).fargate ? a.fargate.namespaces.filter((n) => n !== a.app.namespace) : [];
  if (a.identity === 'pod-identity' && fargateOthers.length > 0) {
    w.push(`Pods in the Fargate namespaces ${fargateOthers.join(', ')} cannot use EKS Pod Identity; give their ServiceAccounts IRSA roles.`);
  }
  w.push(...networkWarnings(a));
  return w;
}

/** The first field rule broken by answers given so far (flags, files), checked before the wizard asks anything. */
export function firstGivenProblem(given: PartialAnswers, today: Date): Problem | undefined {
  for (const [key, rule] of Object.entries(FIELD_RULES)) {
    const value = key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), given);
    if (value === undefined) continue;
    const message = rule(value, given, today);
    if (message) return { field: key, message };
  }
  return undefined;
}
