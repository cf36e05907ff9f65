// A service project: one workload onto a cluster that already exists (no ClusterConfig), and the
// answers every workload has for its delivery: its ECR repository, its CI workflow, and the AWS
// resources its role may use. The cluster facts the service relies on come as answers or are read
// by the README at apply time; nothing here guesses them.
import { CI_MODES, type Answers, type PartialAnswers } from '../answers/types.ts';
import { getPath, setPath } from '../answers/paths.ts';
import { flag, oneOf, type Problem, type Rule } from '../plan/rules.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, md, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from './contract.ts';

/** The answers a service project has; every other answer belongs to a cluster and keeps its default. */
export const SERVICE_ANSWERS: readonly string[] = [
  'service',
  'name',
  'region',
  'accountId',
  'kubernetesVersion',
  'tags',
  'permissionsBoundaryArn',
  'identity',
  'ipFamily',
  'clusterOidcIssuer',
  'ingressClass',
  'ingress',
  'app',
  'cni.networkPolicy',
  'tls',
  'ingressSourceCidrs',
  'allowPublicIngress',
  'wafAclArn',
  'addons',
  'addon.hpa',
  'addon.awsLoadBalancerController.scheme',
];

/** Whether an answer key is one a service project has. */
export const isServiceAnswer = (key: string): boolean => SERVICE_ANSWERS.some((k) => key === k || key.startsWith(`${k}.`));

/** Add-ons that are part of the workload itself; the cluster's own add-ons are the cluster owner's. */
export const WORKLOAD_ADDONS: readonly string[] = ['hpa', 'pdb'];

const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
// A branch name as git allows it, without the characters an IAM condition would read as wildcards.
const BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]{1,200}$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
// EKS's issuer: https://oidc.eks.<region>.<dns suffix>/id/<id>
const ISSUER = /^https:\/\/oidc\.eks\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?)\/id\/([A-Za-z0-9]{8,64})$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const listOf =
  (what: string, ok: (x: string) => string | undefined, max: number): Rule =>
  (v) => {
    if (!Array.isArray(v)) return `must be a list of ${what}`;
    if (v.length > max) return `takes at most ${max} ${what} (got ${v.length})`;
    for (const x of v) {
      const p = ok(x);
      if (p) return p;
    }
    return new Set(v).size === v.length ? undefined : `lists one of the ${what} twice; give each once`;
  };

/** `bucket/prefix`, split; the prefix is what the role is scoped to, so it may not be empty or hold wildcards. */
export function s3Place(v: string): { bucket: string; prefix: string } | string {
  const at = v.indexOf('/');
  const bucket = at < 0 ? v : v.slice(0, at);
  const prefix = at < 0 ? '' : v.slice(at + 1).replace(/\/+$/, '');
  if (!BUCKET.test(bucket) || bucket.includes('..'))
    return `${JSON.stringify(v)}: ${JSON.stringify(bucket)} is not an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)`;
  if (prefix === '') return `${JSON.stringify(v)} names a whole bucket; give bucket/prefix, so the role reaches only the service's own objects`;
  if (/[*?]/.test(prefix)) return `${JSON.stringify(v)}: a prefix may not hold * or ?, which IAM reads as wildcards`;
  return { bucket, prefix };
}

const isService = (a: PartialAnswers) => a.service === true;

/** The first question: a new cluster, or a service on one that exists. */
const serviceQuestion: DomainQuestion = {
  key: 'service',
  kind: 'boolean',
  group: 'cluster',
  // Asked first by create itself, since it decides what the folder names; never listed as missing.
  prompted: false,
  message: 'A service on a cluster that already exists? (no: a new cluster)',
  hint: 'yes writes the workload, its IAM role, ECR repository and CI, and no ClusterConfig',
  default: () => false,
};

const questions: DomainQuestion[] = [
  {
    key: 'ingressClass',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: "The cluster's IngressClass for the Application Load Balancer",
    hint: 'kubectl get ingressclass lists them; the AWS Load Balancer Controller chart makes one called alb',
    when: (a) => isService(a) && a.ingress === 'alb',
    default: () => '',
    rule: (v, a) => {
      if (v === '')
        return isService(a) && a.ingress === 'alb'
          ? `needed for an ALB on an existing cluster; give ${flag('ingressClass')} alb (the AWS Load Balancer Controller's default) or the class kubectl get ingressclass lists`
          : undefined;
      return typeof v === 'string' && v.length <= 253 && DNS1123_SUBDOMAIN.test(v)
        ? undefined
        : `${JSON.stringify(v)} is not an IngressClass name (lowercase letters, digits, hyphens and dots)`;
    },
  },
  {
    key: 'clusterOidcIssuer',
    kind: 'string',
    group: 'identity',
    prompted: false,
    message: "The cluster's OIDC issuer URL",
    hint: 'aws eks describe-cluster --query cluster.identity.oidc.issuer; empty reads it when applying',
    when: (a) => isService(a) && a.identity === 'irsa',
    default: () => '',
    rule: (v, a) => {
      if (v === '') return undefined;
      const m = typeof v === 'string' ? ISSUER.exec(v) : null;
      if (!m)
        return `${JSON.stringify(v)} is not an EKS OIDC issuer; it looks like https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
      if (a.region !== undefined && m[1] !== a.region)
        return `the issuer is in ${m[1]}, and the cluster's region is ${a.region}; give the issuer of this cluster`;
      return undefined;
    },
  },
  {
    key: 'app.ecr',
    kind: 'boolean',
    group: 'app',
    prompted: true,
    message: 'Create an ECR repository for the image?',
    hint: 'immutable tags, scan on push, and a lifecycle policy that expires old images',
    when: isService,
    default: (a) => a.service === true,
  },
  {
    key: 'app.ci',
    kind: 'choice',
    group: 'app',
    prompted: true,
    message: 'CI workflow',
    hint: 'GitHub Actions builds, pushes, validates and deploys through OIDC, with no stored keys',
    choices: () => [
      { value: 'github-actions', hint: 'build, push to ECR, validate and deploy on every push to the branch' },
      { value: 'none', hint: 'you build and deploy yourself' },
    ],
    when: isService,
    default: (a) => (a.service === true ? 'github-actions' : 'none'),
    rule: oneOf(CI_MODES),
  },
  {
    key: 'app.githubRepository',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'GitHub repository of the workflow (owner/name)',
    hint: "the CI role trusts only this repository's workflow",
    when: (a) => a.app?.ci === 'github-actions',
    default: () => '',
    rule: (v, a) => {
      if (v === '')
        return a.app?.ci === 'github-actions'
          ? `needed for the CI role's trust; give ${flag('app.githubRepository')} my-org/my-api, or ${flag('app.ci')} none`
          : undefined;
      return typeof v === 'string' && GITHUB_REPOSITORY.test(v)
        ? undefined
        : `${JSON.stringify(v)} is not a GitHub repository; write owner/name, e.g. my-org/my-api`;
    },
  },
  {
    key: 'app.githubBranch',
    kind: 'string',
    group: 'app',
    prompted: false,
    message: 'Branch that deploys',
    hint: 'pushes to this branch deploy; the CI role trusts only it',
    when: (a) => a.app?.ci === 'github-actions',
    default: () => 'main',
    rule: (v) => (typeof v === 'string' && BRANCH.test(v) ? undefined : `${JSON.stringify(v)} is not a branch name (letters, digits and . _ / -), e.g. main`),
  },
  {
    key: 'app.secrets',
    kind: 'list',
    group: 'app',
    prompted: false,
    message: 'Secrets Manager secrets the workload reads',
    hint: 'secret names, e.g. prod/my-api/db; the role may read exactly these',
    default: () => [],
    rule: listOf(
      'secret names',
      (x) =>
        typeof x === 'string' && SECRET_NAME.test(x) && !/[*?]/.test(x)
          ? undefined
          : `${JSON.stringify(x)} is not a Secrets Manager secret name (letters, digits and /_+=.@-)`,
      20,
    ),
  },
  {
    key: 'app.s3Prefixes',
    kind: 'list',
    group: 'app',
    prompted: false,
    message: 'S3 places the workload reads and writes',
    hint: 'bucket/prefix, e.g. my-bucket/my-api; the role reaches only objects under the prefix',
    default: () => [],
    rule: listOf(
      'S3 places',
      (x) => {
        const p = typeof x === 'string' ? s3Place(x) : 'must be bucket/prefix';
        return typeof p === 'string' ? p : undefined;
      },
      20,
    ),
  },
  {
    key: 'app.dynamodbTables',
    kind: 'list',
    group: 'app',
    prompted: false,
    message: 'DynamoDB tables the workload reads and writes',
    hint: 'table names; the role reaches these tables and their indexes',
    default: () => [],
    rule: listOf(
      'table names',
      (x) => (typeof x === 'string' && TABLE.test(x) ? undefined : `${JSON.stringify(x)} is not a DynamoDB table name (3 to 255 letters, digits and _ . -)`),
      20,
    ),
  },
];

/** The CI role's name: <cluster>-<workload>-ci. */
export const ciRoleName = (cluster: string, workload: string): string => `${cluster}-${workload}-ci`;

/** The host and path of an issuer URL, as IAM names the provider. */
export const issuerHost = (issuer: string): string => issuer.replace(/^https:\/\//, '');

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  if (a.app.ci === 'github-actions') {
    if (!a.app.ecr)
      p.push({
        field: 'app.ci',
        message: `the workflow pushes the image to the workload's ECR repository; add ${flag('app.ecr')}, or use ${flag('app.ci')} none`,
      });
    if (a.accountId === '')
      p.push({
        field: 'accountId',
        message: `needed with ${flag('app.ci')} github-actions, because the workflow names its role's ARN; give ${flag('accountId')} 123456789012`,
      });
    if (a.gitops === 'argocd')
      p.push({
        field: 'app.ci',
        message: `Argo CD deploys from the repository, and a workflow that also runs kubectl apply would fight it; use ${flag('app.ci')} none with ${flag('gitops')} argocd`,
      });
    if (a.service !== true && a.access === 'aws-auth')
      p.push({
        field: 'app.ci',
        message: `the CI role reaches the cluster through an access entry, which ${flag('access')} aws-auth turns off; use ${flag('access')} both or access-entries`,
      });
    const role = ciRoleName(a.name, a.app.name);
    if (role.length > 64) p.push({ field: 'name', message: `the CI role name ${role} would exceed 64 characters; shorten the cluster or workload name` });
  }
  if (a.service !== true) return p;
  for (const id of a.addons)
    if (!WORKLOAD_ADDONS.includes(id))
      p.push({
        field: 'addons',
        message: `${id} is installed on the cluster, which belongs to its owner; a service project (${flag('service')}) adds only ${WORKLOAD_ADDONS.join(', ')}`,
      });
  return p;
}

/** Answers a service project does not have, that differ from their defaults: each is refused by name. */
export function clusterOnlyAnswers(a: Answers, defaults: Answers): string[] {
  const out: string[] = [];
  const walk = (key: string, v: unknown) => {
    if (isServiceAnswer(key)) return;
    const d = getPath(defaults, key);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && d !== null && typeof d === 'object' && !Array.isArray(d)) {
      for (const [k, x] of Object.entries(v)) walk(`${key}.${k}`, x);
      return;
    }
    if (JSON.stringify(v) !== JSON.stringify(d)) out.push(key);
  };
  for (const [k, v] of Object.entries(a)) walk(k, v);
  return out;
}

/** The answers of a service project, without the cluster's. */
export function serviceAnswersOf(a: PartialAnswers): PartialAnswers {
  const out: PartialAnswers = {};
  const walk = (key: string, v: unknown) => {
    if (isServiceAnswer(key)) return void setPath(out, key, structuredClone(v));
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(`${key}.${k}`, x);
  };
  for (const [k, v] of Object.entries(a)) walk(k, v);
  return out;
}

function readme(p: ReadmePlan): Prose[] {
  const out: Prose[] = [];
  const a = p.answers.app;
  if (a.ecr)
    out.push(
      md`**An ECR repository** ${code(a.name)} holds the image: tags are immutable, so a tag always means the same image; every push is scanned; and ${code(`ecr/${a.name}.lifecycle-policy.json`)} expires untagged images after 14 days and keeps the newest 100.`,
    );
  if (a.ci === 'github-actions')
    out.push(
      md`**GitHub Actions deploys** through OIDC federation, with no stored keys: role ${code(ciRoleName(p.answers.name, a.name))} trusts only ${code(`${a.githubRepository}`)} on branch ${code(a.githubBranch)}, may push only to its repository, and may change only namespace ${code(a.namespace)}.`,
      md`**The workflow** builds ${code('./Dockerfile')}, tags the image with the commit, and deploys it in place of ${code(a.image)}, which runs until its first run. GitHub reads workflows only from ${code('.github/workflows/')} at the repository's root: this folder is meant to be the repository.`,
    );
  return out;
}

export const service: DomainModule & { first: DomainQuestion } = { id: 'service', first: serviceQuestion, questions, problems, readme };
