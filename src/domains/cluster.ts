// The cluster itself: its name, region, account, Kubernetes version, tags, secrets key and logs.
import { minorNumber } from '../data/kubernetes-apis.ts';
import { CONTROL_PLANE_LOG_TYPES, CONTROL_PLANE_TIERS, SUPPORT_TYPES, type Answers } from '../answers/types.ts';
import { EKS_REGIONS, REGION_BY_CODE } from '../data/regions.ts';
import { KUBERNETES_VERSIONS, LOG_RETENTION_DAYS, newestStandardVersion, supportStatus } from '../data/versions.ts';
import { flag, oneOf, subsetOf, type Problem } from '../plan/rules.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, md, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from './contract.ts';

// eksctl's own rule for cluster names.
const CLUSTER_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;
// The AWS tag key alphabet: letters, digits, spaces and _ . : / = + - @ (any script).
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
// AWS's tag value pattern; it also keeps `$` out, so no value can look like an envsubst variable.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const KMS_ARN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):(key\/(mrk-)?[0-9a-f-]{32,36}|alias\/[A-Za-z0-9/_-]{1,250})$/;
// The tag eksctl and Karpenter set on the resources they create.
const EKSCTL_TAG_PREFIX = 'kubernetes.io/cluster/';

/** AWS tags: at most 50, keys and values in the characters AWS accepts. */
export function tagMapProblem(v: unknown): string | undefined {
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
}

const questions: DomainQuestion[] = [
  {
    key: 'name',
    kind: 'string',
    group: 'cluster',
    prompted: true,
    message: 'Cluster name',
    hint: 'letters, digits and hyphens, starting with a letter; also names the project folder',
    // A service project names a cluster that exists: there is nothing to default to.
    default: (a) => (a.service === true ? '' : 'my-cluster'),
    rule: (v, a) => {
      if (v === '' && a.service === true)
        return `a service project needs the name of the cluster it deploys onto; give --cluster my-cluster (aws eks list-clusters)`;
      if (typeof v !== 'string' || !CLUSTER_NAME.test(v)) {
        return `${JSON.stringify(v)} is not a valid cluster name; use letters, digits and hyphens, starting with a letter (e.g. my-cluster)`;
      }
      if (v.length > 100) return `must be at most 100 characters (got ${v.length})`;
      return undefined;
    },
  },
  {
    key: 'region',
    kind: 'string',
    group: 'cluster',
    prompted: true,
    message: 'AWS region',
    hint: 'the region the cluster runs in, e.g. eu-west-1',
    choices: () => EKS_REGIONS.map((r) => ({ value: r.code, hint: r.name })),
    // An existing cluster's region is a fact to be given, not a default.
    default: (a) => (a.service === true ? '' : 'us-east-1'),
    rule: (v, a) =>
      v === '' && a.service === true
        ? 'a service project needs the region of the cluster it deploys onto; give --region eu-west-1 (aws eks list-clusters --region <region> finds it)'
        : REGION_BY_CODE.has(v)
          ? undefined
          : `${JSON.stringify(v)} is not a region where EKS runs; use a region code such as us-east-1 or eu-west-1`,
  },
  {
    key: 'accountId',
    kind: 'string',
    group: 'cluster',
    prompted: true,
    message: 'AWS account ID (leave empty to fill in when applying)',
    hint: '12 digits, used in the KMS key and IAM role ARNs; empty writes ${AWS_ACCOUNT_ID} for envsubst',
    default: () => '',
    rule: (v) =>
      typeof v === 'string' && /^(\d{12})?$/.test(v)
        ? undefined
        : `${JSON.stringify(v)} is not an AWS account ID; give 12 digits (aws sts get-caller-identity --query Account --output text) or leave it empty`,
  },
  {
    key: 'kubernetesVersion',
    kind: 'choice',
    group: 'cluster',
    prompted: true,
    message: 'Kubernetes version',
    hint: 'versions EKS supports today; extended support costs extra',
    // A service project reads its cluster's version when applying; the answer only sets what validate checks against.
    when: (a) => a.service !== true,
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
    default: (_a, today) => newestStandardVersion(today),
    rule: (v, _a, today) => {
      const known = KUBERNETES_VERSIONS.find((k) => k.version === v);
      const supported = KUBERNETES_VERSIONS.filter((k) => supportStatus(k.version, today) !== 'unsupported').map((k) => k.version);
      if (!known || supportStatus(v, today) === 'unsupported') {
        return `${JSON.stringify(v)} is not a version EKS supports today; choose one of ${supported.join(', ')}`;
      }
      return undefined;
    },
  },
  {
    key: 'upgradeFrom',
    kind: 'string',
    group: 'cluster',
    prompted: false,
    message: 'Version the cluster is upgraded from',
    hint: 'set by create-eks-app upgrade --to: the README then holds the runbook from that version',
    default: () => '',
    rule: (v, a) => {
      if (v === '') return undefined;
      if (typeof v !== 'string' || !/^1\.\d+$/.test(v)) return `${JSON.stringify(v)} is not a Kubernetes minor version such as 1.34`;
      if (typeof a.kubernetesVersion === 'string' && minorNumber(v) + 1 !== minorNumber(a.kubernetesVersion))
        return `${v} is not the minor before ${a.kubernetesVersion}; EKS upgrades one minor at a time (use create-eks-app upgrade --to)`;
      return undefined;
    },
  },
  {
    key: 'tags',
    kind: 'map',
    group: 'cluster',
    prompted: false,
    message: 'Tags for the cluster and its AWS resources',
    hint: 'key=value; repeat the flag for more tags',
    default: () => ({}),
    rule: tagMapProblem,
  },
  {
    key: 'kmsKeyArn',
    kind: 'string',
    group: 'cluster',
    prompted: false,
    message: 'KMS key for secrets encryption',
    hint: 'an existing key or alias ARN in the cluster region; empty creates alias/eks/<name> in a README step',
    default: () => '',
    rule: (v) =>
      typeof v === 'string' && (v === '' || KMS_ARN.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not a KMS key ARN; give arn:aws:kms:<region>:<account>:key/<id> or ...:alias/<name>, or leave it empty to create one`,
  },
  {
    key: 'logTypes',
    kind: 'list',
    group: 'cluster',
    prompted: false,
    message: 'Control-plane log types',
    hint: `any of ${CONTROL_PLANE_LOG_TYPES.join(', ')}; empty turns control-plane logging off`,
    choices: () => CONTROL_PLANE_LOG_TYPES.map((value) => ({ value })),
    default: () => ['api', 'audit', 'authenticator'],
    rule: subsetOf(CONTROL_PLANE_LOG_TYPES, true),
  },
  {
    key: 'logRetentionDays',
    kind: 'integer',
    group: 'cluster',
    prompted: false,
    message: 'Days to keep control-plane logs',
    hint: `one of ${LOG_RETENTION_DAYS.join(', ')}`,
    default: () => 90,
    rule: (v) => (LOG_RETENTION_DAYS.includes(v) ? undefined : `CloudWatch Logs keeps logs for ${LOG_RETENTION_DAYS.join(', ')} days; ${v} is not one of them`),
  },
  {
    key: 'supportType',
    kind: 'choice',
    group: 'cluster',
    prompted: false,
    message: 'Support when standard support ends',
    hint: 'standard (upgrade before it ends) or extended (stay on this version, at a higher hourly price)',
    choices: () => SUPPORT_TYPES.map((value) => ({ value })),
    // A version already in extended support can only be in it.
    default: (a, today) => (a.kubernetesVersion && supportStatus(a.kubernetesVersion, today) === 'extended' ? 'extended' : 'standard'),
    rule: (v, a, today) =>
      oneOf(SUPPORT_TYPES)(v, a, today) ??
      (v === 'standard' && a.kubernetesVersion && supportStatus(a.kubernetesVersion, today) === 'extended'
        ? `Kubernetes ${a.kubernetesVersion} is in extended support already, so the cluster can only be created with supportType extended; choose extended or a version in standard support`
        : undefined),
  },
  {
    key: 'controlPlaneTier',
    kind: 'choice',
    group: 'cluster',
    prompted: false,
    message: 'Control plane tier (EKS Provisioned Control Plane)',
    hint: 'standard (EKS default, no extra cost) or a provisioned tier for large or bursty API load, billed hourly',
    choices: () => CONTROL_PLANE_TIERS.map((value) => ({ value })),
    default: () => 'standard',
    rule: oneOf(CONTROL_PLANE_TIERS),
  },
  {
    key: 'zonalShift',
    kind: 'boolean',
    group: 'cluster',
    prompted: false,
    message: 'Zonal shift',
    hint: 'lets ARC move traffic away from an impaired availability zone (zonalShiftConfig)',
    default: () => false,
  },
];

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  const clusterTag = Object.keys(a.tags).find((k) => k.startsWith(EKSCTL_TAG_PREFIX));
  if (clusterTag) p.push({ field: 'tags', message: `${clusterTag}: eksctl and Karpenter set the kubernetes.io/cluster/<name> tag themselves; drop it` });
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

function readme(p: ReadmePlan): Prose[] {
  const out: Prose[] = [];
  out.push(
    p.kms.create
      ? md`**Secrets encrypted with your own KMS key** (${p.kms.alias}), with yearly rotation. Keep the key: if it is deleted, the cluster's Secrets cannot be decrypted.`
      : md`**Secrets encrypted with your KMS key** (${code(p.kms.arn)}). Keep the key and its key policy: if it is deleted or EKS loses access, the cluster's Secrets cannot be decrypted.`,
  );
  out.push(
    p.logTypes.length
      ? md`**Control-plane logs**: ${p.logTypes.map((t) => md`${t} `)}go to CloudWatch Logs, kept ${p.answers.logRetentionDays} days.`
      : md`**Control-plane logs are off**, as you asked: nothing records who called the Kubernetes API.`,
  );
  out.push(
    p.extendedByChoice
      ? md`**Kubernetes ${p.answers.kubernetesVersion}** with \`upgradePolicy.supportType: EXTENDED\`, as you asked: when standard support ends the cluster stays on this version, in extended support at a higher hourly price.`
      : md`**Kubernetes ${p.answers.kubernetesVersion}** with \`upgradePolicy.supportType: ${p.supportType}\`, so the cluster does not drift into paid extended support unnoticed.`,
  );
  if (p.controlPlaneTier)
    out.push(
      md`**Provisioned control plane** ${code(p.controlPlaneTier)}: EKS keeps capacity for API load of that tier, billed by the hour (\`controlPlaneScalingConfig\`).`,
    );
  if (p.answers.zonalShift)
    out.push(
      md`**Zonal shift** (\`zonalShiftConfig\`): Amazon Application Recovery Controller may move traffic and new nodes away from an impaired availability zone.`,
    );
  return out;
}

export const cluster: DomainModule = { id: 'cluster', questions, problems, readme };
