// The single registry of questions. The wizard, the flags, --help and the answers-file checks all
// derive from this array; defaults live in plan/defaults.ts and rules in plan/validation.ts.
import type { AnswerKind, PartialAnswers } from './types.ts';
import { COMPUTE_TYPES, ENDPOINT_MODES, IDENTITY_MODES } from './types.ts';
import { flagName } from './paths.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { EKS_REGIONS } from '../data/regions.ts';
import { ALL_ADDONS, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';

export type Group = 'cluster' | 'compute' | 'identity' | 'app' | 'addons';

export interface Choice {
  value: string;
  hint?: string;
}

export interface Question {
  key: string;
  kind: AnswerKind;
  group: Group;
  message: string;
  hint: string;
  /** Asked by the wizard; other questions take their default unless given as a flag or in a file. */
  prompted: boolean;
  choices?: (a: PartialAnswers, today: Date) => Choice[];
  when?: (a: PartialAnswers) => boolean;
}

export const QUESTIONS: Question[] = [
  {
    key: 'name', kind: 'string', group: 'cluster', prompted: true,
    message: 'Cluster name',
    hint: 'letters, digits and hyphens, starting with a letter; also names the project folder',
  },
  {
    key: 'region', kind: 'string', group: 'cluster', prompted: true,
    message: 'AWS region',
    hint: 'the region the cluster runs in, e.g. eu-west-1',
    choices: () => EKS_REGIONS.map((r) => ({ value: r.code, hint: r.name })),
  },
  {
    key: 'accountId', kind: 'string', group: 'cluster', prompted: true,
    message: 'AWS account ID (leave empty to fill in when applying)',
    hint: '12 digits, used in the KMS key and IAM role ARNs; empty writes ${AWS_ACCOUNT_ID} for envsubst',
  },
  {
    key: 'kubernetesVersion', kind: 'choice', group: 'cluster', prompted: true,
    message: 'Kubernetes version',
    hint: 'versions EKS supports today; extended support costs extra',
    choices: (_a, today) =>
      KUBERNETES_VERSIONS.filter((v) => supportStatus(v.version, today) !== 'unsupported')
        .map((v) => ({
          value: v.version,
          hint: supportStatus(v.version, today) === 'extended'
            ? `extended support (extra cost) until ${v.endOfExtendedSupport}`
            : `standard support until ${v.endOfStandardSupport}`,
        }))
        .reverse(),
  },
  {
    key: 'endpoint', kind: 'choice', group: 'cluster', prompted: true,
    message: 'API server endpoint access',
    hint: 'private keeps the Kubernetes API inside the VPC; public access is limited to the CIDRs you give',
    choices: () => ENDPOINT_MODES.map((value) => ({
      value,
      hint: { private: 'private endpoint only (most secure)', 'public-private': 'private, plus public from named CIDRs', public: 'public from named CIDRs only' }[value],
    })),
  },
  {
    key: 'publicAccessCidrs', kind: 'list', group: 'cluster', prompted: true,
    message: 'CIDRs allowed to reach the public endpoint',
    hint: 'comma separated, e.g. 203.0.113.10/32; 0.0.0.0/0 opens the API to the internet',
    when: (a) => a.endpoint !== undefined && a.endpoint !== 'private',
  },
  {
    key: 'allowPublicInternet', kind: 'boolean', group: 'cluster', prompted: true,
    message: 'The API endpoint would be reachable from the whole internet. Continue?',
    hint: 'needed only when publicAccessCidrs contains 0.0.0.0/0; recorded in the README',
    when: (a) => (a.publicAccessCidrs ?? []).includes('0.0.0.0/0'),
  },
  {
    key: 'tags', kind: 'map', group: 'cluster', prompted: false,
    message: 'Tags for the cluster and its AWS resources',
    hint: 'key=value; repeat the flag for more tags',
  },
  {
    key: 'compute', kind: 'choice', group: 'compute', prompted: true,
    message: 'How nodes run',
    hint: 'managed node groups are patched and replaced by EKS',
    choices: () => COMPUTE_TYPES.map((value) => ({ value, hint: 'managed node group across at least two AZs' })),
  },
  {
    key: 'instanceTypes', kind: 'list', group: 'compute', prompted: true,
    message: 'Instance types for the node group',
    hint: 'comma separated, e.g. m7i.large,m6i.large',
  },
  { key: 'nodeMin', kind: 'integer', group: 'compute', prompted: false, message: 'Minimum nodes', hint: 'lower bound of the node group' },
  { key: 'nodeDesired', kind: 'integer', group: 'compute', prompted: false, message: 'Desired nodes', hint: 'nodes at creation' },
  { key: 'nodeMax', kind: 'integer', group: 'compute', prompted: false, message: 'Maximum nodes', hint: 'upper bound of the node group' },
  {
    key: 'identity', kind: 'choice', group: 'identity', prompted: true,
    message: 'How pods get AWS credentials',
    hint: 'EKS Pod Identity needs no OIDC provider; IRSA works everywhere',
    choices: () => IDENTITY_MODES.map((value) => ({
      value,
      hint: value === 'pod-identity' ? 'EKS Pod Identity (recommended)' : 'IAM roles for service accounts (OIDC)',
    })),
  },
  { key: 'app.name', kind: 'string', group: 'app', prompted: true, message: 'First application name', hint: 'a DNS label: lowercase letters, digits and hyphens' },
  { key: 'app.namespace', kind: 'string', group: 'app', prompted: true, message: 'Namespace for the application', hint: 'created with Pod Security Standards "restricted"' },
  { key: 'app.image', kind: 'string', group: 'app', prompted: true, message: 'Container image', hint: 'a pinned tag or digest; :latest is refused' },
  { key: 'app.port', kind: 'integer', group: 'app', prompted: true, message: 'Container port', hint: '1-65535; images running as non-root cannot bind below 1024' },
  { key: 'app.replicas', kind: 'integer', group: 'app', prompted: false, message: 'Replicas', hint: 'pods in the Deployment' },
  {
    key: 'addons', kind: 'list', group: 'addons', prompted: true,
    message: 'Add-ons to install',
    hint: 'comma separated add-on ids',
    when: () => OPTIONAL_ADDONS.length > 0,
    choices: (a) => OPTIONAL_ADDONS.filter((m) => m.when(a) === true).map((m) => ({ value: m.id, hint: `${m.title}: ${m.description}` })),
  },
  ...ALL_ADDONS.flatMap((m) => m.questions),
];

export const QUESTION_BY_KEY = new Map(QUESTIONS.map((q) => [q.key, q]));
export const QUESTION_BY_FLAG = new Map(QUESTIONS.map((q) => [flagName(q.key), q]));
