// The commands a user runs, in order. One list feeds the README and the end-of-run summary.
import type { Plan } from './resolve.ts';

export interface Step {
  title: string;
  why: string;
  commands: string[];
}

const sh = (s: string) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function applySteps(plan: Plan): Step[] {
  const { name, region } = plan.answers;
  const steps: Step[] = [];
  const envsubst = "envsubst '${AWS_ACCOUNT_ID}'";
  if (plan.accountPlaceholder) {
    steps.push({
      title: 'Set the AWS account',
      why: 'The generated ARNs leave the account id as a variable; the commands below fill it in with envsubst.',
      commands: ['export AWS_ACCOUNT_ID="$(aws sts get-caller-identity --query Account --output text)"'],
    });
  }
  steps.push({
    title: 'Create the KMS key for secrets encryption',
    why: `eksctl needs the key to exist; it is found through the alias ${plan.kms.alias}. Deleting this key makes every Secret in the cluster unrecoverable.`,
    commands: [
      `KEY_ID="$(aws kms create-key --region ${sh(region)} --description ${sh(`EKS secrets encryption for ${name}`)} --query KeyMetadata.KeyId --output text)"`,
      `aws kms create-alias --region ${sh(region)} --alias-name ${sh(plan.kms.alias)} --target-key-id "$KEY_ID"`,
      `aws kms enable-key-rotation --region ${sh(region)} --key-id "$KEY_ID"`,
    ],
  });
  steps.push({
    title: 'Create the cluster',
    why: 'Creates the VPC, control plane, access entries, add-ons, node group and the workload IAM roles (15 to 25 minutes).',
    commands: [plan.accountPlaceholder ? `${envsubst} < eksctl/cluster.yaml | eksctl create cluster -f -` : 'eksctl create cluster -f eksctl/cluster.yaml'],
  });
  steps.push({
    title: 'Point kubectl at the cluster',
    why: plan.publicAccess
      ? 'The public endpoint answers only the CIDRs in publicAccessCidrs.'
      : 'The endpoint is private: run this and the next step from a host inside the VPC (a bastion, SSM session or VPN).',
    commands: [`aws eks update-kubeconfig --region ${sh(region)} --name ${sh(name)}`],
  });
  steps.push(...plan.addonSteps);
  steps.push({
    title: `Deploy ${plan.app.name}`,
    why: 'Namespace first, then the ServiceAccount, Deployment and Service (the files are numbered in that order).',
    commands: [`kubectl apply -f k8s/${plan.app.name}/`, `kubectl -n ${sh(plan.app.namespace)} rollout status deployment/${sh(plan.app.name)}`],
  });
  return steps;
}
