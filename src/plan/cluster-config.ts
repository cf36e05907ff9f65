// How later README commands read eksctl/cluster.yaml: the variables it leaves for apply time, and
// the exports that fill them in, so each command also works in a new shell.
import type { IamRole, Plan } from './resolve.ts';
import { shellWord } from '../render/escape.ts';

const sh = shellWord;

/** The variables cluster.yaml leaves for apply time, and the commands that fill them in. */
export function clusterConfigCommands(plan: Plan) {
  const vars = [
    ...(plan.accountPlaceholder ? ['${AWS_ACCOUNT_ID}'] : []),
    ...(plan.network.vpc.creatorOnly ? ['${CREATOR_CIDR}'] : []),
    ...(plan.kms.create ? ['${KMS_KEY_ARN}'] : []),
  ];
  const envsubst = `envsubst '${vars.join(' ')}'`;
  return vars.length > 0
    ? { envsubst, cfg: `<(${envsubst} < eksctl/cluster.yaml)`, create: `${envsubst} < eksctl/cluster.yaml | eksctl create cluster -f -` }
    : { envsubst, cfg: 'eksctl/cluster.yaml', create: 'eksctl create cluster -f eksctl/cluster.yaml' };
}

export const ACCOUNT_EXPORT = (region: string) => `export AWS_ACCOUNT_ID="$(aws sts get-caller-identity --region ${sh(region)} --query Account --output text)"`;
export const CREATOR_EXPORT = 'export CREATOR_CIDR="$(curl -fsS https://checkip.amazonaws.com)/32"';

/**
 * The exports a later command needs before it reads cluster.yaml through envsubst, so it works in a
 * new shell. CREATOR_CIDR only has to parse there: eksctl does not change endpoint access when it
 * adds node groups or add-ons.
 */
export function clusterConfigEnv(plan: Plan): string[] {
  return [
    ...(plan.accountPlaceholder ? [ACCOUNT_EXPORT(plan.answers.region)] : []),
    ...(plan.network.vpc.creatorOnly ? [CREATOR_EXPORT] : []),
    ...(plan.kms.create ? [kmsExport(plan)] : []),
  ];
}

export const kmsExport = (plan: Plan) =>
  `export KMS_KEY_ARN="$(aws kms describe-key --region ${sh(plan.answers.region)} --key-id ${sh(plan.kms.alias)} --query KeyMetadata.Arn --output text)"`;

/** The ClusterConfig that holds one workload role's Pod Identity association alone. */
export const podIdentityFile = (role: Pick<IamRole, 'serviceAccount'>) =>
  `eksctl/pod-identity/${role.serviceAccount.namespace}/${role.serviceAccount.name}.yaml`;

/**
 * Creates one Pod Identity association (and its role) unless the cluster has it. eksctl makes the
 * role's CloudFormation stack without looking for one, so a second run of the same association
 * fails: hence one file per association, each created only when missing.
 */
export function podIdentityCommand(plan: Plan, role: IamRole): string {
  const { envsubst, cfg } = clusterConfigCommands(plan);
  const file = podIdentityFile(role);
  const where = `--region ${sh(plan.answers.region)} --cluster-name ${sh(plan.answers.name)} --namespace ${sh(role.serviceAccount.namespace)} --service-account ${sh(role.serviceAccount.name)}`;
  const config = cfg.startsWith('<(') ? `<(${envsubst} < ${file})` : file;
  const create = `eksctl create podidentityassociation --config-file ${config}`;
  // A failed lookup (old AWS CLI, no permission) stops here rather than reading as "none".
  const lookup = `ASSOCIATION="$(aws eks list-pod-identity-associations ${where} --query 'associations[0].associationId' --output text)"`;
  if (role.existing) return `${lookup} && { [ "$ASSOCIATION" != None ] || ${create}; }`;
  // The role's stack without its association: a creation stopped between the two, and eksctl would fail on the stack.
  const stack = `eksctl-${plan.answers.name}-podidentityrole-${role.serviceAccount.namespace}-${role.serviceAccount.name}`;
  const stranded = `{ echo ${sh(`Stack ${stack} exists without its association (a creation stopped part way): delete it (aws cloudformation delete-stack --region ${plan.answers.region} --stack-name ${stack}), then run this step again`)} >&2; false; }`;
  return `${lookup} && { [ "$ASSOCIATION" != None ] || { { ! aws cloudformation describe-stacks --region ${sh(plan.answers.region)} --stack-name ${sh(stack)} >/dev/null 2>&1 || ${stranded}; } && ${create}; }; }`;
}
