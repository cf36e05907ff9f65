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
  const c = plan.compute;
  if (plan.accountPlaceholder) {
    steps.push({
      title: 'Set the AWS account',
      why: 'The generated ARNs leave the account id as a variable; the commands below fill it in with envsubst.',
      commands: ['export AWS_ACCOUNT_ID="$(aws sts get-caller-identity --query Account --output text)"'],
    });
  }
  if (plan.kms.create) {
    steps.push({
      title: 'Create the KMS key for secrets encryption',
      why: `eksctl needs the key to exist; it is found through the alias ${plan.kms.alias}. Deleting this key makes every Secret in the cluster unrecoverable.`,
      commands: [
        `KEY_ID="$(aws kms create-key --region ${sh(region)} --description ${sh(`EKS secrets encryption for ${name}`)} --query KeyMetadata.KeyId --output text)"`,
        `aws kms create-alias --region ${sh(region)} --alias-name ${sh(plan.kms.alias)} --target-key-id "$KEY_ID"`,
        `aws kms enable-key-rotation --region ${sh(region)} --key-id "$KEY_ID"`,
      ],
    });
  }
  const k = plan.karpenter;
  if (k) {
    steps.push({
      title: 'Create the Karpenter node role and interruption queue',
      why: `The cluster's access entry names the node role ${k.nodeRole.name}, so it must exist first. The queue ${k.queueName} receives Spot interruption, rebalance, health and instance-state events, so Karpenter drains nodes before EC2 takes them.`,
      commands: [
        `aws cloudformation deploy --region ${sh(region)} --stack-name ${sh(k.names.stack)} --template-file cloudformation/karpenter.json --capabilities CAPABILITY_NAMED_IAM`,
        ...(k.spot ? ['aws iam create-service-linked-role --aws-service-name spot.amazonaws.com || true  # once per account; fails harmlessly if it exists'] : []),
      ],
    });
  }
  steps.push({
    title: 'Create the cluster',
    why: `Creates the VPC, control plane, access entries, add-ons, ${createdCompute(plan)} and the workload IAM roles (15 to 25 minutes).`,
    commands: [plan.accountPlaceholder ? `${envsubst} < eksctl/cluster.yaml | eksctl create cluster -f -` : 'eksctl create cluster -f eksctl/cluster.yaml'],
  });
  steps.push({
    title: 'Point kubectl at the cluster',
    why: plan.publicAccess
      ? 'The public endpoint answers only the CIDRs in publicAccessCidrs.'
      : 'The endpoint is private: run this and the next steps from a host inside the VPC (a bastion, SSM session or VPN).',
    commands: [`aws eks update-kubeconfig --region ${sh(region)} --name ${sh(name)}`],
  });
  if (c.corednsOnFargate) {
    steps.push({
      title: 'Move CoreDNS onto Fargate',
      why: 'The CoreDNS deployment carries the annotation eks.amazonaws.com/compute-type: ec2, which keeps its pods Pending on a cluster without nodes. Removing it lets the coredns Fargate profile take them. Repeat this after updating the coredns add-on.',
      commands: [
        `kubectl patch deployment coredns -n kube-system --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"eks.amazonaws.com/compute-type":null}}}}}'`,
        'kubectl rollout restart -n kube-system deployment coredns',
        'kubectl rollout status -n kube-system deployment coredns',
      ],
    });
  }
  if (c.windows) {
    steps.push({
      title: 'Turn on Windows IP address management',
      why: 'Windows pods get their IP addresses from the VPC resource controller only when the amazon-vpc-cni ConfigMap enables it (eksctl sets it too; this makes sure).',
      commands: [`kubectl patch configmap amazon-vpc-cni -n kube-system --type merge -p '{"data":{"enable-windows-ipam":"true"}}'`],
    });
  }
  if (k) {
    const chartRef = `${k.chart.repo}/${k.chart.chart}`;
    steps.push({
      title: 'Install Karpenter',
      why: `Helm chart ${k.chart.chart} ${k.chart.version}, pinned; values in ${k.valuesFile}. It runs on the system node group and gets its AWS permissions through ${plan.podIdentity ? 'its pod identity association' : 'its IRSA role'}.`,
      commands: [`helm upgrade --install ${k.release} ${chartRef} --version ${k.chart.version} --namespace ${k.namespace} --values ${k.valuesFile} --wait`],
    });
    steps.push({
      title: 'Create the NodePool and EC2NodeClass',
      why: 'From now on Karpenter launches nodes for pods the system node group does not take (it is tainted CriticalAddonsOnly).',
      commands: ['kubectl apply -f k8s/karpenter/', `kubectl get ec2nodeclass ${k.manifests.nodeClassName} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`],
    });
  }
  steps.push(...plan.addonSteps);
  const app = plan.app;
  steps.push({
    title: `Deploy ${app.name}`,
    why: app.smokeTest
      ? `Namespace first, then the ServiceAccount, Deployment, Service and a smoke-test Job that calls the Service once (the files are numbered in that order). Fargate starts each pod in its own micro-VM, so the first rollout takes a minute or two.`
      : 'Namespace first, then the ServiceAccount, Deployment and Service (the files are numbered in that order).',
    commands: [
      `kubectl apply -f k8s/${app.name}/`,
      `kubectl -n ${sh(app.namespace)} rollout status deployment/${sh(app.name)}`,
      ...(app.smokeTest ? [`kubectl -n ${sh(app.namespace)} wait --for=condition=complete job/${sh(`${app.name}-smoke-test`)} --timeout=180s`] : []),
    ],
  });
  return steps;
}

function createdCompute(plan: Plan): string {
  const c = plan.compute;
  if (c.isFargate) return 'Fargate profiles (with their pod execution role)';
  if (c.isAutoMode) return 'Auto Mode node pools (with their node role)';
  if (c.isKarpenter) return 'the system node group, the Karpenter node role\'s access entry';
  const groups = c.windows ? 'node groups' : 'node group';
  return c.fargateProfiles.length > 0 ? `${groups}, Fargate profile` : groups;
}

/** Operations for later, written after the apply steps. */
export function maintenanceSteps(plan: Plan): Step[] {
  const { name, region } = plan.answers;
  const out: Step[] = [];
  const cfg = plan.accountPlaceholder ? "<(envsubst '${AWS_ACCOUNT_ID}' < eksctl/cluster.yaml)" : 'eksctl/cluster.yaml';
  if (plan.compute.isSelfManaged) {
    out.push({
      title: 'Replace a self-managed node group',
      why: 'Self-managed groups are not updated in place: to move to a new AMI or instance type, add a group with a new name, then delete the old one (eksctl drains its nodes first). In eksctl/cluster.yaml, copy the system entry under nodeGroups, rename it system-v2 and change what you need; afterwards remove the old entry.',
      commands: [
        `eksctl create nodegroup --config-file ${cfg} --include system-v2`,
        `eksctl delete nodegroup --config-file ${cfg} --include system --approve`,
      ],
    });
  }
  if (plan.access.configMap) {
    out.push({
      title: 'Move from the aws-auth ConfigMap to access entries',
      why: 'EKS has deprecated the aws-auth ConfigMap. This creates an access entry for every role and user mapped in aws-auth, then switches the cluster to access entries only (authenticationMode API); set access: access-entries in .eks-app.json afterwards.',
      commands: [`eksctl utils migrate-to-access-entry --cluster ${sh(name)} --region ${sh(region)} --target-authentication-mode API --approve`],
    });
  }
  const k = plan.karpenter;
  if (k) {
    out.push({
      title: 'Pin the Karpenter node AMI',
      why: `The EC2NodeClass selects ${k.manifests.amiAlias}, so every new AMI release drifts and replaces nodes. For production, pin a release (for example al2023@v20260101) in k8s/karpenter/10-ec2nodeclass.yaml and move it on deliberately.`,
      commands: [`kubectl get ec2nodeclass ${k.manifests.nodeClassName} -o jsonpath='{.status.amis}'`],
    });
  }
  return out;
}
