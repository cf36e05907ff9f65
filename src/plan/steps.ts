// The commands a user runs, in order. One list feeds the README and the end-of-run summary.
import type { Plan } from './resolve.ts';
import { sgpFile } from './network.ts';
import { describeClusterVpc } from './storage.ts';
import { shellWord } from '../render/escape.ts';

export interface Step {
  title: string;
  why: string;
  commands: string[];
}

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

/** Creates the secrets key behind its alias unless the alias exists, then exports the key's ARN for envsubst. */
function kmsKeyCommands(plan: Plan): string[] {
  const { name, region } = plan.answers;
  const describe = `aws kms describe-key --region ${sh(region)} --key-id ${sh(plan.kms.alias)}`;
  return [
    `KEY_ID="$(${describe} --query KeyMetadata.KeyId --output text 2>/dev/null)" || KEY_ID="$(aws kms create-key --region ${sh(region)} --description ${sh(`EKS secrets encryption for ${name}`)} --query KeyMetadata.KeyId --output text)"`,
    `${describe} >/dev/null 2>&1 || aws kms create-alias --region ${sh(region)} --alias-name ${sh(plan.kms.alias)} --target-key-id "$KEY_ID"`,
    `aws kms enable-key-rotation --region ${sh(region)} --key-id "$KEY_ID"`,
    kmsExport(plan),
  ];
}

const ACCOUNT_EXPORT = (region: string) => `export AWS_ACCOUNT_ID="$(aws sts get-caller-identity --region ${sh(region)} --query Account --output text)"`;
const CREATOR_EXPORT = 'export CREATOR_CIDR="$(curl -fsS https://checkip.amazonaws.com)/32"';

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

export function applySteps(plan: Plan): Step[] {
  const { name, region } = plan.answers;
  const steps: Step[] = [];
  const { cfg, create: createCommand } = clusterConfigCommands(plan);
  const creatorOnly = plan.network.vpc.creatorOnly !== undefined;
  const fullyPrivate = plan.network.fullyPrivate;
  const c = plan.compute;
  if (plan.accountPlaceholder) {
    steps.push({
      title: 'Set the AWS account',
      why: 'The generated ARNs leave the account id as a variable; the commands below fill it in with envsubst.',
      // With --region: the global STS endpoint does not serve the China and GovCloud partitions.
      commands: [ACCOUNT_EXPORT(region)],
    });
  }
  if (plan.kms.create) {
    steps.push({
      title: 'Create the KMS key for secrets encryption',
      why: `eksctl needs the key to exist; it is found through the alias ${plan.kms.alias}, and created only if the alias does not exist yet. eksctl/cluster.yaml names the key by its ARN (KMS_KEY_ARN), as EKS stores it. Deleting this key makes every Secret in the cluster unrecoverable.`,
      commands: kmsKeyCommands(plan),
    });
  }
  const k = plan.karpenter;
  if (k) {
    steps.push({
      title: 'Create the Karpenter node role and interruption queue',
      why: `The cluster's access entry names the node role ${k.nodeRole.name}, so it must exist first. The queue ${k.queueName} receives Spot interruption, rebalance, health and instance-state events, so Karpenter drains nodes before EC2 takes them.`,
      commands: [
        `aws cloudformation deploy --region ${sh(region)} --stack-name ${sh(k.names.stack)} --template-file cloudformation/karpenter.json --capabilities CAPABILITY_NAMED_IAM`,
        ...(k.spot
          ? ['aws iam create-service-linked-role --aws-service-name spot.amazonaws.com || true  # once per account; fails harmlessly if it exists']
          : []),
      ],
    });
  }
  const net = plan.network;
  if (net.subnetTagCommands.length > 0) {
    steps.push({
      title: 'Tag the subnets for load balancers',
      why: `eksctl does not tag the subnets of a VPC it did not create. The AWS Load Balancer Controller puts internet-facing load balancers in subnets tagged kubernetes.io/role/elb and internal ones in subnets tagged kubernetes.io/role/internal-elb${plan.karpenter ? '; Karpenter launches nodes in the subnets tagged karpenter.sh/discovery' : ''}.`,
      commands: net.subnetTagCommands,
    });
  }
  const deferNodes = net.eniConfigs.length > 0;
  if (creatorOnly) {
    steps.push({
      title: 'Let only your address reach the API while the cluster is created',
      why: fullyPrivate
        ? 'The endpoint ends up private, but eksctl needs the Kubernetes API while it adds nodes and add-ons; this is the one public address allowed until eksctl turns public access off at the end of creation.'
        : 'The endpoint ends up private, but eksctl needs the Kubernetes API while it adds nodes and add-ons; this is the one public address allowed until the last cluster step.',
      commands: [CREATOR_EXPORT],
    });
  }
  const vpcWhat = net.vpc.existing
    ? `Uses your VPC ${net.vpc.id} and creates the control plane`
    : net.fullyPrivate
      ? 'Creates the VPC (with no NAT gateways, and the VPC endpoints eksctl manages), control plane'
      : 'Creates the VPC, control plane';
  steps.push({
    title: 'Create the cluster',
    why: deferNodes
      ? `${vpcWhat}, access entries, add-ons and the workload IAM roles, but no nodes yet: with custom networking the ENIConfigs must exist before nodes start (15 to 20 minutes).`
      : `${vpcWhat}, access entries, add-ons, ${createdCompute(plan)} and the workload IAM roles (15 to 25 minutes).`,
    commands: [deferNodes ? `${createCommand} --without-nodegroup` : createCommand],
  });
  if (fullyPrivate && net.privateChecklist) {
    // AWS APIs stay public: these run from your own machine, as everything before them did.
    const missing = net.privateChecklist.endpoints.filter((e) => !e.eksctl);
    steps.push({
      title: 'Create the VPC endpoints eksctl does not create',
      why: `The nodes have no internet access. eksctl created the endpoints they need to join; these serve ${missing.map((e) => e.service).join(', ')} (see "Private API endpoint" below). Each is an interface endpoint with private DNS in the private subnets, open to the cluster security group; an endpoint that exists already is left alone.`,
      commands: [
        describeClusterVpc({ region, name }),
        `CLUSTER_SECURITY_GROUP_ID="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(name)} --query cluster.resourcesVpcConfig.clusterSecurityGroupId --output text)"`,
        `PRIVATE_SUBNETS="$(aws ec2 describe-subnets --region ${sh(region)} --filters Name=vpc-id,Values="$VPC_ID" Name=tag:kubernetes.io/role/internal-elb,Values=1 --query 'Subnets[].SubnetId' --output text)"`,
        ...missing.map((e) => endpointCommand(region, e.service)),
      ],
    });
    steps.push({
      title: 'Reach the private API endpoint through a node',
      why: "The API endpoint is private now. A Session Manager session to one of the nodes forwards local port 8443 to it (the nodes reach it already), and kubectl talks to that port with the endpoint's own name for TLS. Needs the Session Manager plugin for the AWS CLI. Leave the session running while you work; run this step again in a new shell.",
      commands: [
        `aws eks update-kubeconfig --region ${sh(region)} --name ${sh(name)}`,
        `ENDPOINT_HOST="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(name)} --query cluster.endpoint --output text)"; ENDPOINT_HOST="\${ENDPOINT_HOST#https://}"`,
        `NODE_ID="$(aws ec2 describe-instances --region ${sh(region)} --filters ${sh(`Name=tag:kubernetes.io/cluster/${name},Values=owned`)} Name=instance-state-name,Values=running --query 'Reservations[0].Instances[0].InstanceId' --output text)"`,
        `aws ssm start-session --region ${sh(region)} --target "$NODE_ID" --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters "host=$ENDPOINT_HOST,portNumber=443,localPortNumber=8443" >/dev/null &`,
        `kubectl config set-cluster "$(kubectl config view --minify -o jsonpath='{.clusters[0].name}')" --server=https://127.0.0.1:8443 --tls-server-name="$ENDPOINT_HOST"`,
        "timeout 120 sh -c 'until kubectl get --raw /readyz >/dev/null 2>&1; do sleep 2; done'",
      ],
    });
  } else {
    steps.push({
      title: 'Point kubectl at the cluster',
      why: creatorOnly
        ? 'Until the endpoint is made private (the last cluster step), the public endpoint answers only CREATOR_CIDR; afterwards use a host inside the VPC (a bastion, SSM session or VPN).'
        : 'The public endpoint answers only the CIDRs in publicAccessCidrs.',
      commands: [`aws eks update-kubeconfig --region ${sh(region)} --name ${sh(name)}`],
    });
  }
  if (deferNodes) {
    steps.push({
      title: 'Create the ENIConfigs',
      why: `Custom networking: each node takes its pods' addresses from the ENIConfig named after its availability zone (${net.eniConfigs.map((e) => `${e.name}: ${e.subnet}`).join(', ')}). The vpc-cni add-on brings the ENIConfig kind.`,
      commands: [
        `aws eks wait addon-active --region ${sh(region)} --cluster-name ${sh(name)} --addon-name vpc-cni`,
        'kubectl apply -f k8s/network/eniconfigs.yaml',
      ],
    });
    steps.push({
      title: 'Create the node groups',
      why: `Now the nodes start with custom networking in place${plan.maxPodsPerNode ? `, each taking at most ${plan.maxPodsPerNode} pods (maxPodsPerNode)` : ''}.`,
      commands: [`eksctl create nodegroup --config-file ${cfg}`],
    });
  }
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
      commands: [
        'kubectl apply -f k8s/karpenter/',
        `kubectl get ec2nodeclass ${k.manifests.nodeClassName} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`,
      ],
    });
  }
  steps.push(...plan.addonSteps);
  const app = plan.app;
  const sgp = net.securityGroupPolicy;
  if (sgp) {
    const vars = sgp.variables.map((v) => `\${${v}}`).join(' ');
    const ipv6 = net.ipv6;
    steps.push({
      title: `Give the ${app.name} pods their security group`,
      why: `A security group of their own for ${app.name}'s pods, open on port ${app.port} to the VPC (the load balancer and the kubelet's probes); CoreDNS, in the cluster security group, lets it in on port 53. The SecurityGroupPolicy must exist before the pods start. To use a group you already have, export POD_SECURITY_GROUP_ID=sg-... instead of creating one.`,
      commands: [
        describeClusterVpc({ region, name }),
        ipv6
          ? `VPC_IPV6_CIDR="$(aws ec2 describe-vpcs --region ${sh(region)} --vpc-ids "$VPC_ID" --query 'Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock' --output text)"`
          : `VPC_CIDR="$(aws ec2 describe-vpcs --region ${sh(region)} --vpc-ids "$VPC_ID" --query 'Vpcs[0].CidrBlock' --output text)"`,
        `export CLUSTER_SECURITY_GROUP_ID="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(name)} --query cluster.resourcesVpcConfig.clusterSecurityGroupId --output text)"`,
        `export POD_SECURITY_GROUP_ID="$(aws ec2 create-security-group --region ${sh(region)} --vpc-id "$VPC_ID" --group-name ${sh(`${name}-${app.name}-pods`)} --description ${sh(`Pods of ${app.name} in EKS cluster ${name}`)} --query GroupId --output text)"`,
        ipv6
          ? `aws ec2 authorize-security-group-ingress --region ${sh(region)} --group-id "$POD_SECURITY_GROUP_ID" --ip-permissions "IpProtocol=tcp,FromPort=${app.port},ToPort=${app.port},Ipv6Ranges=[{CidrIpv6=$VPC_IPV6_CIDR}]"`
          : `aws ec2 authorize-security-group-ingress --region ${sh(region)} --group-id "$POD_SECURITY_GROUP_ID" --protocol tcp --port ${app.port} --cidr "$VPC_CIDR"`,
        `aws ec2 authorize-security-group-ingress --region ${sh(region)} --group-id "$CLUSTER_SECURITY_GROUP_ID" --protocol udp --port 53 --source-group "$POD_SECURITY_GROUP_ID"`,
        `aws ec2 authorize-security-group-ingress --region ${sh(region)} --group-id "$CLUSTER_SECURITY_GROUP_ID" --protocol tcp --port 53 --source-group "$POD_SECURITY_GROUP_ID"`,
        `kubectl apply -f k8s/${app.name}/00-namespace.yaml`,
        `envsubst '${vars}' < ${sgpFile(app.name)} | kubectl apply -f -`,
      ],
    });
  }
  const parts = ['the ServiceAccount', 'Deployment', 'Service'];
  if (net.networkPolicy) parts.unshift('its NetworkPolicies');
  if (net.ingress) parts.push('Ingress');
  // In the order of the files' numbers: 40 the smoke test, 50 the budget.
  if (app.smokeTest) parts.push('a smoke-test Job that calls the Service once');
  if (plan.addonFiles.some((f) => f.path.endsWith('-pdb.yaml'))) parts.push('PodDisruptionBudget');
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const lb = net.ingress ? `ingress/${app.name}` : net.service.type === 'LoadBalancer' ? `service/${app.name}` : undefined;
  steps.push({
    title: `Deploy ${app.name}`,
    why:
      (app.smokeTest
        ? `Namespace first, then ${list} (the files are numbered in that order). Fargate starts each pod in its own micro-VM, so the first rollout takes a minute or two.`
        : `Namespace first, then ${list} (the files are numbered in that order).`) +
      (lb ? ` The load balancer takes a few minutes; its address appears in the last command's output (${net.lbScheme}).` : ''),
    commands: [
      `kubectl apply -f k8s/${app.name}/`,
      `kubectl -n ${sh(app.namespace)} rollout status deployment/${sh(app.name)}`,
      ...(app.smokeTest ? [`kubectl -n ${sh(app.namespace)} wait --for=condition=complete job/${sh(`${app.name}-smoke-test`)} --timeout=180s`] : []),
      ...(lb ? [`kubectl -n ${sh(app.namespace)} get ${lb}`] : []),
    ],
  });
  steps.push(...plan.storage.steps);
  // A fully private cluster: eksctl turned public access off itself at the end of creation.
  if (creatorOnly && !fullyPrivate) {
    steps.push({
      title: 'Make the API endpoint private',
      why: 'The cluster is built; from now on only hosts inside the VPC (or connected to it) reach the Kubernetes API, as the answers asked.',
      commands: [`eksctl utils update-cluster-vpc-config --cluster ${sh(name)} --region ${sh(region)} --private-access=true --public-access=false --approve`],
    });
  }
  return steps;
}

/** An interface endpoint for a service, created only if the VPC has none; its name is looked up, as China prefixes some. */
function endpointCommand(region: string, service: string): string {
  const lookup = `aws ec2 describe-vpc-endpoint-services --region ${sh(region)} --query ${sh(`ServiceNames[?ends_with(@, '.${region}.${service}')] | [0]`)} --output text`;
  const exists = `aws ec2 describe-vpc-endpoints --region ${sh(region)} --filters Name=vpc-id,Values="$VPC_ID" Name=service-name,Values="$SERVICE" --query 'VpcEndpoints[0].VpcEndpointId' --output text | grep -q vpce-`;
  return `SERVICE="$(${lookup})"; ${exists} || aws ec2 create-vpc-endpoint --region ${sh(region)} --vpc-id "$VPC_ID" --vpc-endpoint-type Interface --service-name "$SERVICE" --subnet-ids $PRIVATE_SUBNETS --security-group-ids "$CLUSTER_SECURITY_GROUP_ID" --private-dns-enabled`;
}

function createdCompute(plan: Plan): string {
  const c = plan.compute;
  if (c.isFargate) return 'Fargate profiles (with their pod execution role)';
  if (c.isAutoMode) return 'Auto Mode node pools (with their node role)';
  if (c.isKarpenter) return "the system node group, the Karpenter node role's access entry";
  const groups = c.windows ? 'node groups' : 'node group';
  return c.fargateProfiles.length > 0 ? `${groups}, Fargate profile` : groups;
}

/** Operations for later, written after the apply steps. */
export function maintenanceSteps(plan: Plan): Step[] {
  const { name, region } = plan.answers;
  const out: Step[] = [];
  const { cfg } = clusterConfigCommands(plan);
  if (plan.compute.isSelfManaged) {
    out.push({
      title: 'Replace a self-managed node group',
      why: 'Self-managed groups are not updated in place: to move to a new AMI or instance type, add a group with a new name, then delete the old one (eksctl drains its nodes first). In eksctl/cluster.yaml, copy the system entry under nodeGroups, rename it system-v2 and change what you need; afterwards remove the old entry.',
      commands: [
        ...clusterConfigEnv(plan),
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
