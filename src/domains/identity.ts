// How pods get AWS credentials: EKS Pod Identity, or IAM roles for service accounts (IRSA).
import { IDENTITY_MODES, type Answers, type PartialAnswers } from '../answers/types.ts';
import { computeOf } from '../plan/compute-types.ts';
import { flag, oneOf, type Problem } from '../plan/rules.ts';
import { appNamespaceDefault } from './app.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, md, none, type Prose } from '../render/prose.ts';
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
];

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
  return out;
}

export const identity: DomainModule = { id: 'identity', questions, problems, readme };
