// Validation of complete answers. Field rules also run at the wizard's prompts, so a bad value is
// refused where it is typed. Every problem names the field path and says how to fix it.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { COMPUTE_TYPES, ENDPOINT_MODES, IDENTITY_MODES } from '../answers/types.ts';
import { flagName } from '../answers/paths.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { parseCidr } from './cidr.ts';
import { UserError } from '../errors.ts';
import { ADDON_RULES, addonIdProblem, addonProblems } from './addons.ts';

export interface Problem {
  field: string;
  message: string;
}

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
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
// The AWS tag key alphabet: letters, digits, spaces and _ . : / = + - @ (any script).
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
// Image reference grammar (registry[:port]/path[:tag][@digest]), as container runtimes parse it.
const IMAGE_REF =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

type Rule = (value: any, a: PartialAnswers, today: Date) => string | undefined;

const oneOf = (allowed: readonly string[]): Rule => (v) =>
  allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`;

const intIn = (min: number, max: number): Rule => (v) =>
  Number.isInteger(v) && v >= min && v <= max ? undefined : `must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`;

export const FIELD_RULES: Record<string, Rule> = {
  name: (v) => {
    if (typeof v !== 'string' || !CLUSTER_NAME.test(v)) {
      return `${JSON.stringify(v)} is not a valid cluster name; use letters, digits and hyphens, starting with a letter (e.g. my-cluster)`;
    }
    if (v.length > 100) return `must be at most 100 characters (got ${v.length})`;
    return undefined;
  },
  region: (v) => (REGION_BY_CODE.has(v) ? undefined : `${JSON.stringify(v)} is not a region where EKS runs; use a region code such as us-east-1 or eu-west-1`),
  accountId: (v) => (typeof v === 'string' && /^(\d{12})?$/.test(v) ? undefined : `${JSON.stringify(v)} is not an AWS account ID; give 12 digits (aws sts get-caller-identity --query Account --output text) or leave it empty`),
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
  allowPublicInternet: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
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
    }
    return undefined;
  },
  compute: oneOf(COMPUTE_TYPES),
  instanceTypes: (v) => {
    if (!Array.isArray(v) || v.length === 0) return 'give at least one instance type, e.g. m7i.large';
    if (v.length > 20) return `a managed node group takes at most 20 instance types (got ${v.length})`;
    const bad = v.find((t) => typeof t !== 'string' || !INSTANCE_TYPE.test(t));
    if (bad !== undefined) return `${JSON.stringify(bad)} is not an EC2 instance type; use the family.size form, e.g. m7i.large`;
    return undefined;
  },
  nodeMin: intIn(0, 1000),
  nodeDesired: intIn(0, 1000),
  nodeMax: intIn(1, 1000),
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
  ...ADDON_RULES,
};

/** Checks that span several fields; run only after every field rule passed. */
function crossFieldProblems(a: Answers): Problem[] {
  const p: Problem[] = [];
  if (a.endpoint === 'private' && a.publicAccessCidrs.length > 0) {
    p.push({ field: 'publicAccessCidrs', message: `only used with a public endpoint; drop ${flag('publicAccessCidrs')} or set ${flag('endpoint')} public-private` });
  }
  if (a.endpoint !== 'private' && a.publicAccessCidrs.length === 0) {
    p.push({ field: 'publicAccessCidrs', message: `required when the endpoint is ${a.endpoint}; give ${flag('publicAccessCidrs')} 203.0.113.10/32 (your own range) or set ${flag('endpoint')} private` });
  }
  if (a.publicAccessCidrs.includes('0.0.0.0/0') && !a.allowPublicInternet) {
    p.push({ field: 'publicAccessCidrs', message: `0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own CIDRs, or confirm with ${flag('allowPublicInternet')}` });
  }
  if (!(a.nodeMin <= a.nodeDesired && a.nodeDesired <= a.nodeMax)) {
    p.push({ field: 'nodeDesired', message: `must lie between nodeMin and nodeMax (got min ${a.nodeMin}, desired ${a.nodeDesired}, max ${a.nodeMax})` });
  }
  if (a.identity === 'irsa' && a.accountId === '') {
    p.push({ field: 'accountId', message: `required with identity irsa, because the ServiceAccount annotation names the role ARN; give ${flag('accountId')} 123456789012 or use ${flag('identity')} pod-identity` });
  }
  // IAM role names are limited to 64 characters; ours are <cluster>-<app>.
  const roleName = `${a.name}-${a.app.name}`;
  if (roleName.length > 64) {
    p.push({ field: 'name', message: `the IAM role name ${roleName} would exceed 64 characters; shorten the cluster or application name` });
  }
  p.push(...addonProblems(a));
  return p;
}

function flag(key: string): string {
  return `--${flagName(key)}`;
}

export function validateField(key: string, value: unknown, a: PartialAnswers, today: Date): string | undefined {
  const rule = FIELD_RULES[key];
  return rule ? rule(value, a, today) : undefined;
}

export function validateAnswers(a: Answers, today: Date): Problem[] {
  const problems: Problem[] = [];
  for (const [key, rule] of Object.entries(FIELD_RULES)) {
    const value = key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), a);
    const msg = rule(value, a, today);
    if (msg) problems.push({ field: key, message: msg });
  }
  return problems.length > 0 ? problems : crossFieldProblems(a);
}

/** Non-fatal advice shown to the user and written to the README. */
export function warningsFor(a: Answers, today: Date): string[] {
  const w: string[] = [];
  const v = KUBERNETES_VERSIONS.find((k) => k.version === a.kubernetesVersion);
  if (v) {
    const status = supportStatus(v.version, today);
    if (status === 'extended') w.push(`Kubernetes ${v.version} is in extended support, which EKS bills at a higher hourly rate; it ends on ${v.endOfExtendedSupport}.`);
    const end = new Date(status === 'extended' ? v.endOfExtendedSupport : v.endOfStandardSupport);
    const days = Math.floor((end.getTime() - today.getTime()) / 86_400_000);
    if (days >= 0 && days <= 90) w.push(`Kubernetes ${v.version} leaves ${status} support in ${days} days (${end.toISOString().slice(0, 10)}); plan the upgrade.`);
  }
  if (a.publicAccessCidrs.includes('0.0.0.0/0')) w.push('The Kubernetes API endpoint is reachable from the whole internet (confirmed with --allow-public-internet).');
  return w;
}
