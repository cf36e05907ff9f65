// How pods get AWS credentials: EKS Pod Identity, or IAM roles for service accounts (IRSA).
import { IDENTITY_MODES, type Answers, type PartialAnswers } from '../answers/types.ts';
import { vpcCniDefaultAssociation } from '../../generators/addons/core.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { computeOf } from '../plan/compute-types.ts';
import { flag, oneOf, type Problem, type Rule } from '../plan/rules.ts';
import { appNamespaceDefault } from './app.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, join, md, none, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from './contract.ts';

/** Why EKS Pod Identity is not available for these answers, or undefined when it is. */
export function podIdentityBlocker(a: PartialAnswers): string | undefined {
  if (computeOf(a).fargate) return 'EKS Pod Identity does not run on Fargate pods';
  if (a.windowsNodes === true) return 'EKS Pod Identity does not run on Windows nodes';
  const ns = a.app?.namespace ?? a.app?.name;
  if (ns !== undefined && (a.fargate?.namespaces ?? []).includes(ns)) return `namespace ${ns} runs on Fargate, where EKS Pod Identity does not run`;
  return undefined;
}

const questions: DomainQuestion[] = [
  {
    key: 'identity',
    kind: 'choice',
    group: 'identity',
    prompted: true,
    message: 'How pods get AWS credentials',
    hint: 'EKS Pod Identity needs no OIDC provider; IRSA works everywhere',
    // Pod Identity does not run on Fargate or Windows nodes: there the wizard offers IRSA only, and says why.
    choices: (a) =>
      IDENTITY_MODES.filter((value) => value === 'irsa' || podIdentityBlocker(a) === undefined).map((value) => ({
        value,
        hint:
          value === 'pod-identity'
            ? 'EKS Pod Identity (recommended)'
            : podIdentityBlocker(a)
              ? `IAM roles for service accounts (OIDC); ${podIdentityBlocker(a)}`
              : 'IAM roles for service accounts (OIDC)',
      })),
    // Pod Identity does not run on Fargate or Windows nodes, so IRSA is the default there.
    default: (a) => {
      const namespace = a.app?.namespace ?? appNamespaceDefault(a);
      return podIdentityBlocker({ ...a, app: { ...a.app, namespace } }) === undefined ? 'pod-identity' : 'irsa';
    },
    rule: oneOf(IDENTITY_MODES),
  },
  {
    key: 'permissionsBoundaryArn',
    kind: 'string',
    group: 'identity',
    prompted: false,
    message: 'Permissions boundary',
    hint: 'an IAM policy ARN set as the permissions boundary of every role this project creates (cluster, nodes, add-ons, application)',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && POLICY_ARN.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not an IAM policy ARN; e.g. arn:aws:iam::123456789012:policy/boundary, or leave it empty`,
  },
  {
    key: 'app.roleArn',
    kind: 'string',
    group: 'identity',
    prompted: false,
    message: 'Existing IAM role for the application',
    hint: 'use this role instead of creating one; it must trust the identity mode (iam/<app>-trust.json) and allow iam/<app>-policy.json',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && ROLE_ARN.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not an IAM role ARN; e.g. arn:aws:iam::123456789012:role/shop-web, or leave it empty`,
  },
  {
    key: 'app.managedPolicyArns',
    kind: 'list',
    group: 'identity',
    prompted: false,
    message: 'Managed policies for the application role',
    hint: 'policy ARNs attached beside the role’s own policy, at most 10 (IAM’s default quota)',
    default: () => [],
    rule: managedPolicyArnsRule(
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      (whole) => `${whole} gives the application the whole account; attach a policy scoped to what it uses`,
    ),
  },
];

/** A role's managed policies: IAM policy ARNs, at most IAM's default 10, none twice, none that hands over the account. */
export function managedPolicyArnsRule(example: string, wholeAccount: (arn: string) => string): Rule {
  return (v) => {
    if (!Array.isArray(v)) return 'must be a list of IAM policy ARNs';
    if (v.length > 10) return `IAM attaches at most 10 managed policies to a role by default (got ${v.length})`;
    const bad = v.find((x) => typeof x !== 'string' || !POLICY_ARN.test(x));
    if (bad !== undefined) return `${JSON.stringify(bad)} is not an IAM policy ARN; e.g. ${example}`;
    const whole = v.find((x) => WHOLE_ACCOUNT_POLICY.test(x));
    if (whole) return wholeAccount(whole);
    return new Set(v).size === v.length ? undefined : 'lists a policy twice; give each once';
  };
}

/** AWS managed policies that hand over the whole account. */
export const WHOLE_ACCOUNT_POLICY = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;
export const POLICY_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const partitionOf = (arn: string) => arn.split(':')[1];
const partitionFor = (region: string) => REGION_BY_CODE.get(region)?.partition ?? 'aws';

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  if (a.identity === 'irsa' && a.accountId === '') {
    const blocker = podIdentityBlocker(a);
    p.push({
      field: 'accountId',
      message: blocker
        ? `required with identity irsa, because the ServiceAccount annotation names the role ARN (and ${blocker}, so IRSA it is); give ${flag('accountId')} 123456789012`
        : `required with identity irsa, because the ServiceAccount annotation names the role ARN; give ${flag('accountId')} 123456789012 or use ${flag('identity')} pod-identity`,
    });
  }
  const blocker = a.identity === 'pod-identity' ? podIdentityBlocker(a) : undefined;
  if (blocker) {
    const alternative = a.windowsNodes
      ? `or drop ${flag('windowsNodes')}`
      : computeOf(a).fargate
        ? `or use ${flag('compute')} managed`
        : `or remove ${a.app.namespace} from ${flag('fargate.namespaces')}`;
    p.push({ field: 'identity', message: `${blocker}; use ${flag('identity')} irsa (with ${flag('accountId')}) ${alternative}` });
  }
  const region = partitionFor(a.region);
  for (const [field, arn] of [
    ['permissionsBoundaryArn', a.permissionsBoundaryArn],
    ['app.roleArn', a.app.roleArn],
    ...a.app.managedPolicyArns.map((x) => ['app.managedPolicyArns', x]),
  ] as const) {
    if (arn && partitionOf(arn) !== region)
      p.push({ field, message: `${arn} is in partition ${partitionOf(arn)}, and ${a.region} is in ${region}; give an ARN of ${region}` });
  }
  if (a.app.roleArn && a.accountId && a.app.roleArn.split(':')[4] !== a.accountId)
    p.push({
      field: 'app.roleArn',
      message: `the role is in account ${a.app.roleArn.split(':')[4]}, not the cluster's ${a.accountId}; EKS binds roles of the cluster's account`,
    });
  if (a.app.roleArn && a.app.managedPolicyArns.length)
    p.push({
      field: 'app.managedPolicyArns',
      message: `${a.app.roleArn} is an existing role, which this project does not change; attach the policies to it yourself, or drop ${flag('app.roleArn')}`,
    });
  if (a.permissionsBoundaryArn && vpcCniDefaultAssociation(a))
    p.push({
      field: 'permissionsBoundaryArn',
      message: `an IPv6 cluster gives vpc-cni its role through eksctl's default Pod Identity association, which takes no permissions boundary; use ${flag('identity')} irsa, or IPv4`,
    });
  return p;
}

function readme(p: ReadmePlan): Prose[] {
  const out: Prose[] = [];
  if (p.podIdentity) {
    const agent = p.compute.isAutoMode ? md`Auto Mode runs the Pod Identity agent` : md`The \`eks-pod-identity-agent\` add-on is installed`;
    const nodes = p.compute.hasNodeGroups
      ? md` The node roles carry AmazonEKSWorkerNodePolicy, which grants the agent \`eks-auth:AssumeRoleForPodIdentity\`.`
      : none;
    out.push(
      md`**Workload identity: EKS Pod Identity.** ${agent} and \`iam.podIdentityAssociations\` binds ServiceAccount ${code(`${p.app.namespace}/${p.app.serviceAccount}`)} to role ${code(p.app.role.name)}.${nodes}`,
    );
  } else {
    out.push(
      md`**Workload identity: IRSA.** eksctl creates the OIDC provider and role ${code(p.app.role.name)}, trusted only for ${code(`system:serviceaccount:${p.app.namespace}:${p.app.serviceAccount}`)} with audience \`sts.amazonaws.com\`. The \`\${OIDC_ID}\` in the trust file is the cluster's OIDC id (${code(`aws eks describe-cluster --region ${p.answers.region} --name ${p.answers.name} --query cluster.identity.oidc.issuer --output text | awk -F/ '{print $NF}'`)}).`,
    );
  }
  const role = p.app.role;
  if (role.existing)
    out.push(
      md`**The application's role is yours**: ${code(role.arn)} is bound as it is, and nothing in it is created or changed. It must trust ${p.podIdentity ? md`\`pods.eks.amazonaws.com\`` : md`this cluster's OIDC provider for exactly this ServiceAccount`}, as ${code(`iam/${role.name}-trust.json`)} shows, and allow what ${code(`iam/${role.name}-policy.json`)} lists.`,
    );
  if (role.managedPolicyArns?.length) out.push(md`**The application's role** also carries ${join(role.managedPolicyArns.map(code))}.`);
  if (p.permissionsBoundary)
    out.push(
      md`**Permissions boundary**: every role this project creates (the cluster's, the nodes', the add-ons' and the application's${p.karpenter ? md`, and Karpenter's node role` : none}) carries ${code(p.permissionsBoundary)}, so none can be given more than it allows.`,
    );
  return out;
}

export const identity: DomainModule = { id: 'identity', questions, problems, readme };
