// EKS capabilities (managed Argo CD, ACK and KRO, eksctl's `capabilities`) and GitOps: with
// `gitops: argocd` the application and the Helm add-ons are Argo CD Applications read from Git.
import { CAPABILITY_TYPES, GITOPS_MODES, type Answers } from '../answers/types.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { flag, oneOf, type Problem } from '../plan/rules.ts';
import { code, join, md, type Prose } from '../render/prose.ts';
import type { DomainModule, DomainQuestion, ReadmePlan } from './contract.ts';
import { managedPolicyArnsRule } from './identity.ts';

// The sso-admin and identitystore service models' patterns for an instance ARN and a group id.
const IDC_INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const IDC_GROUP_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
// https, ssh:// or scp-like git@host:path.
const GIT_URL = /^(https:\/\/[^\s/]+\/\S+|ssh:\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/;
const GIT_REF = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,255}$/;

const CAPABILITY_HINTS: Record<string, string> = {
  argocd: 'Argo CD, run by EKS; people sign in through IAM Identity Center',
  ack: 'AWS Controllers for Kubernetes: AWS resources as Kubernetes objects, with its role’s permissions',
  kro: 'Kube Resource Orchestrator: your own APIs composed of Kubernetes objects',
};

const questions: DomainQuestion[] = [
  {
    key: 'gitops',
    kind: 'choice',
    group: 'addons',
    prompted: false,
    message: 'How the application and Helm add-ons are applied',
    hint: 'none: the README applies them; argocd: Argo CD Applications sync them from your Git repository',
    choices: () => GITOPS_MODES.map((value) => ({ value })),
    default: () => 'none',
    rule: oneOf(GITOPS_MODES),
  },
  {
    key: 'capabilities',
    kind: 'list',
    group: 'addons',
    prompted: false,
    message: 'EKS capabilities',
    hint: 'argocd, ack and kro, run by EKS outside your nodes',
    choices: () => CAPABILITY_TYPES.map((value) => ({ value, hint: CAPABILITY_HINTS[value] })),
    default: (a) => (a.gitops === 'argocd' ? ['argocd'] : []),
    rule: (v) => {
      if (!Array.isArray(v)) return `must be a list of ${CAPABILITY_TYPES.join(', ')}`;
      for (const x of v) {
        const bad = oneOf(CAPABILITY_TYPES)(x, {}, new Date());
        if (bad) return bad;
      }
      return new Set(v).size === v.length ? undefined : 'lists a capability twice; EKS runs one of each type per cluster';
    },
  },
  {
    key: 'argocd.idcInstanceArn',
    kind: 'string',
    group: 'addons',
    prompted: false,
    message: 'IAM Identity Center instance for Argo CD',
    hint: 'Argo CD users sign in through it: aws sso-admin list-instances',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && IDC_INSTANCE_ARN.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not an IAM Identity Center instance ARN; e.g. arn:aws:sso:::instance/ssoins-0123456789abcdef (aws sso-admin list-instances)`,
  },
  {
    key: 'argocd.idcRegion',
    kind: 'string',
    group: 'addons',
    prompted: false,
    message: 'Region of the Identity Center instance',
    hint: 'empty when it is the cluster’s region',
    default: () => '',
    rule: (v) => (v === '' || (typeof v === 'string' && REGION_BY_CODE.has(v)) ? undefined : `${JSON.stringify(v)} is not an AWS region such as us-east-1`),
  },
  {
    key: 'argocd.adminGroupIds',
    kind: 'list',
    group: 'addons',
    prompted: false,
    message: 'Identity Center groups that administer Argo CD',
    hint: 'group ids (aws identitystore list-groups); their members get Argo CD’s ADMIN role',
    default: () => [],
    rule: (v) => {
      if (!Array.isArray(v)) return 'must be a list of Identity Center group ids';
      const bad = v.find((x) => typeof x !== 'string' || !IDC_GROUP_ID.test(x));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not an Identity Center group id; ids look like 9067c4a2-10b1-70a1-1234-0123456789ab`;
      return new Set(v).size === v.length ? undefined : 'lists a group twice';
    },
  },
  {
    key: 'argocd.repoUrl',
    kind: 'string',
    group: 'addons',
    prompted: false,
    message: 'Git repository Argo CD reads this project from',
    hint: 'https://github.com/acme/platform.git or git@github.com:acme/platform.git; this project is the repository’s root',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && GIT_URL.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not a Git repository URL; e.g. https://github.com/acme/platform.git or git@github.com:acme/platform.git`,
  },
  {
    key: 'argocd.revision',
    kind: 'string',
    group: 'addons',
    prompted: false,
    message: 'Branch or tag Argo CD follows',
    hint: 'e.g. main',
    default: () => 'main',
    rule: (v) => (typeof v === 'string' && GIT_REF.test(v) ? undefined : `${JSON.stringify(v)} is not a Git branch or tag name; e.g. main`),
  },
  {
    key: 'ackPolicyArns',
    kind: 'list',
    group: 'addons',
    prompted: false,
    message: 'IAM policies of the ACK capability',
    hint: 'what ACK may create and change in AWS, e.g. arn:aws:iam::123456789012:policy/ack-s3-buckets',
    default: () => [],
    rule: managedPolicyArnsRule(
      'arn:aws:iam::123456789012:policy/ack-s3-buckets',
      (whole) =>
        `${whole} would let anyone who may create Kubernetes objects change the whole account through ACK; attach policies scoped to the resources ACK manages`,
    ),
  },
];

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  const argocd = a.capabilities.includes('argocd');
  const partition = REGION_BY_CODE.get(a.region)?.partition ?? 'aws';
  if (a.gitops === 'argocd' && !argocd)
    add('capabilities', `gitops argocd needs the Argo CD capability; add argocd: ${flag('capabilities')} ${['argocd', ...a.capabilities].join(',')}`);
  if (a.gitops === 'argocd' && !a.argocd.repoUrl)
    add('argocd.repoUrl', `gitops argocd reads this project from Git; give ${flag('argocd.repoUrl')} https://github.com/acme/platform.git`);
  if (argocd && !a.argocd.idcInstanceArn)
    add(
      'argocd.idcInstanceArn',
      `EKS's Argo CD signs people in through IAM Identity Center only; give ${flag('argocd.idcInstanceArn')} (aws sso-admin list-instances)`,
    );
  if (!argocd) {
    const set: [string, boolean][] = [
      ['argocd.idcInstanceArn', a.argocd.idcInstanceArn !== ''],
      ['argocd.idcRegion', a.argocd.idcRegion !== ''],
      ['argocd.adminGroupIds', a.argocd.adminGroupIds.length > 0],
      ['argocd.repoUrl', a.argocd.repoUrl !== '' && a.gitops !== 'argocd'],
    ];
    for (const [field, given] of set)
      if (given) add(field, `applies to the Argo CD capability, which is not chosen; add argocd to ${flag('capabilities')}, or drop ${flag(field)}`);
  }
  const idcPartition = a.argocd.idcInstanceArn.split(':')[1];
  if (a.argocd.idcInstanceArn && idcPartition !== partition)
    add(
      'argocd.idcInstanceArn',
      `${a.argocd.idcInstanceArn} is in partition ${idcPartition}, and ${a.region} is in ${partition}; give an instance of ${partition}`,
    );
  const ack = a.capabilities.includes('ack');
  if (ack && a.ackPolicyArns.length === 0)
    add(
      'ackPolicyArns',
      `ACK changes AWS resources with its role's permissions, and the role would have none; give ${flag('ackPolicyArns')} with policies scoped to what it manages`,
    );
  if (!ack && a.ackPolicyArns.length)
    add('ackPolicyArns', `applies to the ACK capability, which is not chosen; add ack to ${flag('capabilities')}, or drop ${flag('ackPolicyArns')}`);
  for (const arn of a.ackPolicyArns)
    if (arn.split(':')[1] !== partition)
      add('ackPolicyArns', `${arn} is in partition ${arn.split(':')[1]}, and ${a.region} is in ${partition}; give an ARN of ${partition}`);
  if (a.capabilities.length && a.permissionsBoundaryArn)
    add(
      'capabilities',
      `eksctl creates capability roles without a permissions boundary (it ignores the field there), so they would break ${flag('permissionsBoundaryArn')}; drop one of them`,
    );
  if (a.capabilities.length && a.access === 'aws-auth')
    add('capabilities', `EKS gives each capability an access entry, which the aws-auth ConfigMap mode does not have; use ${flag('access')} access-entries`);
  if (a.gitops === 'argocd' && a.tls.domain)
    add(
      'tls.domain',
      `Argo CD applies the files as they are in Git, and a requested certificate's ARN is known only at apply time; request it first and give ${flag('tls.certificateArn')}`,
    );
  return p;
}

function readme(p: ReadmePlan): Prose[] {
  const g = p.gitops;
  const out: Prose[] = [];
  if (g.capabilities.length)
    out.push(
      md`**EKS capabilities**: ${join(
        g.capabilities.map((c) => code(c.type)),
        ', ',
        ' and ',
      )}, run by EKS outside your nodes. eksctl creates each with the cluster, with a role that trusts ${code('capabilities.eks.amazonaws.com')}; EKS gives the role an access entry. Deleting a capability keeps the resources it made (${code('deletePropagationPolicy: RETAIN')}).`,
    );
  const argo = g.capabilities.find((c) => c.argocd);
  if (argo?.argocd)
    out.push(
      md`**Argo CD** signs people in through IAM Identity Center (${code(argo.argocd.idcInstanceArn)})${argo.argocd.adminGroupIds.length ? md`; members of ${join(argo.argocd.adminGroupIds.map((x) => code(x)))} are its admins` : md`; map groups to its roles in the EKS console or with ${code('eksctl update capability')}`}.${g.enabled ? md` It deploys into this cluster, so its access entry has ${code('AmazonEKSClusterAdminPolicy')}: the Helm add-ons include cluster-wide objects (CRDs, ClusterRoles, webhooks).` : md` It has no rights in this cluster yet: it is a hub for clusters you register.`}`,
    );
  const ack = g.capabilities.find((c) => c.type === 'ACK');
  if (ack)
    out.push(
      md`**ACK** creates and changes AWS resources with its role's policies only (${join(ack.attachPolicyARNs.map((x) => code(x)))}). Anyone who may create ACK objects in the cluster acts with them, so keep those rights narrow.`,
    );
  if (g.capabilities.some((c) => c.type === 'KRO'))
    out.push(md`**KRO** gets an access entry without Kubernetes rights: bind RBAC to it for the kinds your ResourceGraphDefinitions create.`);
  if (g.enabled)
    out.push(
      md`**GitOps with Argo CD**: ${code(g.repoUrl)} at ${code(g.revision)} holds this project at its root. Argo CD syncs ${code(`k8s/${p.app.name}/`)} and installs each Helm add-on from its pinned chart with the values in ${code('helm/')}; the Applications are in ${code('argocd/')}. A change merged to ${code(g.revision)} reaches the cluster; nobody runs helm or kubectl apply for them. Files ending in ${code('.tmpl')} hold values known only at apply time, so the README applies them itself.`,
    );
  return out;
}

export const gitops: DomainModule = { id: 'gitops', questions, problems, readme };
