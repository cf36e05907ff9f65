// The README's "Choices made for you, and why": one sentence per choice, composed from the plan here,
// so the template only places them. Values are escaped by `md` and `code` (src/render/prose.ts).
import { code, join, md, none, type Prose } from '../render/prose.ts';
import type { Plan } from './resolve.ts';
import { COMPUTE_MODULES } from '../domains/index.ts';
import { fargateBesideNodes } from '../domains/compute/fargate.ts';

type ReadmePlan = Omit<Plan, 'readme'>;

const codes = (xs: readonly unknown[]) => xs.map(code);

function access(p: ReadmePlan): Prose[] {
  const out: Prose[] = [];
  if (p.access.configMapOnly) {
    out.push(
      md`**The aws-auth ConfigMap** (\`authenticationMode: CONFIG_MAP\`), as you asked. EKS has deprecated it: mappings live in a ConfigMap anyone with edit rights in kube-system can change, and a typo locks people out. See "Later" below to move to access entries.`,
    );
  } else if (p.access.configMap) {
    out.push(
      md`**Access entries and the aws-auth ConfigMap** (\`authenticationMode: API_AND_CONFIG_MAP\`): both are read while you migrate; EKS has deprecated aws-auth. See "Later" below to finish the move. The identity that runs \`eksctl create cluster\` becomes cluster admin through an access entry.`,
    );
  } else {
    out.push(
      md`**Access entries only** (\`authenticationMode: API\`): the \`aws-auth\` ConfigMap is deprecated. The identity that runs \`eksctl create cluster\` becomes cluster admin through an access entry.`,
    );
  }
  if (p.access.userEntries) {
    out.push(
      md`**Access entries** for the principals you named, in \`accessConfig.accessEntries\`: each policy is scoped to the cluster or to the namespaces listed with it.`,
    );
  }
  return out;
}

function controlPlane(p: ReadmePlan): Prose[] {
  const out: Prose[] = [];
  out.push(
    p.kms.create
      ? md`**Secrets encrypted with your own KMS key** (${p.kms.alias}), with yearly rotation. Keep the key: if it is deleted, the cluster's Secrets cannot be decrypted.`
      : md`**Secrets encrypted with your KMS key** (${code(p.kms.arn)}). Keep the key and its key policy: if it is deleted or EKS loses access, the cluster's Secrets cannot be decrypted.`,
  );
  out.push(
    p.logTypes.length
      ? md`**Control-plane logs**: ${p.logTypes.map((t) => md`${t} `)}go to CloudWatch Logs, kept 90 days.`
      : md`**Control-plane logs are off**, as you asked: nothing records who called the Kubernetes API.`,
  );
  out.push(
    p.publicAccess
      ? md`**API endpoint**: private, plus public access from ${p.answers.publicAccessCidrs.map((c) => md`${code(c)} `)}only.`
      : md`**API endpoint**: private only. Nodes and tools inside the VPC reach it; nothing on the internet does.`,
  );
  return out;
}

function network(p: ReadmePlan): Prose[] {
  const n = p.network;
  const out: Prose[] = [];
  const subnets = (list: { id: string; az: string }[]) => join(list.map((s) => md`${code(s.id)} (${s.az})`));
  if (n.vpc.existing) {
    const pub = n.vpc.publicSubnets.length ? md`, public subnets ${subnets(n.vpc.publicSubnets)}` : none;
    out.push(
      md`**Your VPC** ${code(n.vpc.id)}: private subnets ${subnets(n.vpc.privateSubnets)}${pub}. eksctl creates no routes, NAT gateways or tags there: the private subnets must reach the internet (or the VPC endpoints under "Private API endpoint"), and a step above tags the subnets for load balancers.`,
    );
  } else if (n.fullyPrivate) {
    out.push(
      md`**A fully private VPC** (${code(n.vpc.cidr)}, eksctl \`privateCluster\`): no NAT gateways, so nodes reach AWS only through the VPC endpoints eksctl creates and those the README step adds; the API endpoint ends private-only. Images must come from Amazon ECR in ${p.answers.region}.`,
    );
  } else {
    const nat = n.vpc.nat ? md`, NAT gateways ${code(n.vpc.nat)}` : md`, one NAT gateway for IPv4 egress and an egress-only internet gateway for IPv6`;
    out.push(
      md`**A new VPC** (${code(n.vpc.cidr)}${nat}) with one public and one private subnet per availability zone; nodes run in the private subnets. eksctl tags the public subnets \`kubernetes.io/role/elb=1\` and the private ones \`kubernetes.io/role/internal-elb=1\`, which is how the AWS Load Balancer Controller finds them.`,
    );
  }
  out.push(md`**IP family ${n.ipFamily}**: ${n.ipFamilyNote}`);
  if (p.answers.cni.prefixDelegation) {
    const groupPods = p.maxPodsPerNode
      ? md`; the node group's \`maxPodsPerNode\` is ${p.maxPodsPerNode}, the value max-pods-calculator.sh recommends for its instance types`
      : none;
    const karpenterPods = p.karpenter?.manifests.maxPods ? md`; Karpenter's nodes take at most ${p.karpenter.manifests.maxPods} pods` : none;
    out.push(
      md`**Prefix delegation**: the VPC CNI hands each node /28 prefixes (\`ENABLE_PREFIX_DELEGATION\`, \`WARM_PREFIX_TARGET=1\`), so a node holds many more pods${groupPods}${karpenterPods}. The subnets need free, contiguous /28 blocks.`,
    );
  }
  if (n.securityGroupPolicy) {
    out.push(
      md`**Security groups for pods**: \`ENABLE_POD_ENI\` with \`POD_SECURITY_GROUP_ENFORCING_MODE=standard\` (kubelet probes keep working), \`AmazonEKSVPCResourceController\` on the cluster role, and a SecurityGroupPolicy that gives ${p.app.name}'s pods their own security group.`,
    );
  }
  if (n.eniConfigs.length) {
    const pods = p.maxPodsPerNode ? md`, hence \`maxPodsPerNode\` ${p.maxPodsPerNode}` : none;
    out.push(
      md`**Custom networking**: pods take addresses from their own subnets, one ENIConfig per availability zone (\`AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG\`, \`ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone\`); nodes keep one network interface fewer for pods${pods}.`,
    );
  }
  const np = n.networkPolicy;
  if (np) {
    const lb = np.lbSources.length ? md` and from the load balancer's addresses (${join(codes(np.lbSources))})` : none;
    const agent = np.podIdentityAgent ? md` and the Pod Identity agent` : none;
    const v6 = n.ipv6
      ? md` IPv6 load balancers send from the VPC's IPv6 range, unknown until it exists: narrow \`::/0\` to it (\`aws ec2 describe-vpcs --query 'Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock'\`).`
      : none;
    out.push(
      md`**Network policies** (\`enableNetworkPolicy\` on the vpc-cni add-on): everything in ${code(np.namespace)} is denied unless a policy allows it. Pods may ask CoreDNS; ${p.app.name} accepts port ${np.port} from pods labelled ${code(`${np.clientLabel.key}: "${np.clientLabel.value}"`)}${lb}, and may call AWS APIs over HTTPS${agent}. Its Service uses the container port (${p.app.servicePort}), because the VPC CNI matches policies on it.${v6}`,
    );
  }
  if (p.answers.cni.externalSnat) {
    out.push(
      md`**External SNAT** (\`AWS_VPC_K8S_CNI_EXTERNALSNAT\`): pod traffic leaving the VPC keeps the pod's address until the NAT gateway translates it, so peered, Transit Gateway and Direct Connect networks see pod addresses.`,
    );
  }
  out.push(
    p.answers.coreDns.autoscaling
      ? md`**CoreDNS autoscaling**: EKS scales CoreDNS with the cluster's nodes and cores, from ${p.answers.coreDns.replicas} replicas up (the coredns add-on's \`autoScaling\`).`
      : md`**CoreDNS**: ${p.answers.coreDns.replicas} replicas${p.compute.isAutoMode ? md`, run by EKS Auto Mode` : none}.`,
  );
  if (n.ingress) {
    out.push(
      md`**An Application Load Balancer** (${code(n.lbScheme)}) for ${p.app.name}, from an Ingress of class \`alb\` with target type \`ip\`: the AWS Load Balancer Controller sends straight to the pods${n.ipv6 ? md`, over IPv6 (\`ip-address-type: dualstack\`)` : none}.`,
    );
  }
  if (n.service.annotations.length) {
    out.push(
      md`**A Network Load Balancer** (${code(n.lbScheme)}) for ${p.app.name}, from its Service of type LoadBalancer (\`aws-load-balancer-type: external\`, target type \`ip\`), made by the AWS Load Balancer Controller${n.ipv6 ? md`, reachable over IPv6 (\`dualstack\`)` : none}.`,
    );
  }
  return out;
}

function storage(p: ReadmePlan): Prose[] {
  const ex = p.storage.examples;
  if (!ex.length) return [];
  const classes = join(ex.map((e) => md`${code(e.claim.storageClassName || '(static)')} (${e.kind})`));
  const snapshots = p.answers.volumeSnapshots ? md` VolumeSnapshots of EBS claims use the class \`ebs\`.` : none;
  return [md`**Storage**: ${classes}, each with an example claim and a one-pod Deployment in \`k8s/storage/\`.${snapshots}`];
}

function compute(p: ReadmePlan): Prose[] {
  const c = p.compute;
  const windows = c.windows
    ? [
        md`**Windows nodes**: a second group (\`WindowsServer2022CoreContainer\`), tainted \`os=windows:NoSchedule\` so only pods that tolerate it and select \`kubernetes.io/os: windows\` land there; the application selects Linux. Windows pods cannot use EKS Pod Identity, so this project uses IRSA.`,
      ]
    : [];
  // The compute type's own sentence, then a Windows group beside it, then Fargate profiles beside the nodes.
  return [...COMPUTE_MODULES[c.type].readme(p), ...windows, ...fargateBesideNodes(p)];
}

function workload(p: ReadmePlan): Prose[] {
  const out: Prose[] = [
    md`**Kubernetes ${p.answers.kubernetesVersion}** with \`upgradePolicy.supportType: ${p.supportType}\`, so the cluster does not drift into paid extended support unnoticed.`,
  ];
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
  out.push(
    md`**The application** runs as non-root with a read-only root filesystem, no privilege escalation, all capabilities dropped, the \`RuntimeDefault\` seccomp profile, requests and limits, and probes. Its namespace enforces Pod Security Standards \`restricted\`.`,
  );
  return out;
}

/** The "Private API endpoint" checklist, for a cluster whose API answers inside the VPC only. */
export function privateEndpointNotes(p: ReadmePlan): Prose[] {
  const full = p.network.fullyPrivate;
  const c = p.compute;
  return [
    full
      ? md`**Where to run the tools**: the AWS CLI and eksctl's AWS calls work from anywhere; kubectl and helm reach the API through the Session Manager tunnel of the step "Reach the private API endpoint through a node", or run on a host inside the VPC.`
      : md`**Where to run the tools**: kubectl, helm and eksctl must run from a host inside the VPC, or from a network connected to it (VPN, Direct Connect, a peered VPC) whose DNS resolves the endpoint.`,
    c.hasNodeGroups
      ? md`**How nodes join**: nodes reach the API server through the private endpoint; eksctl writes the endpoint and certificate authority into each node's bootstrap configuration (nodeadm \`NodeConfig\`), so nothing is to do unless you bring your own AMI.`
      : md`**How nodes join**: ${c.isFargate ? md`Fargate pods` : md`Auto Mode nodes`} reach the API server through the private endpoint; nothing is to do.`,
    full
      ? md`**Images**: nodes have no internet access, so every image must come from Amazon ECR in ${p.answers.region} (an ECR pull-through cache rule can mirror ECR Public, Quay or Docker Hub). EKS add-ons already do, which is why this project installs no Helm chart.`
      : md`**Images**: images from public registries need the NAT gateway; in subnets without one, pull from Amazon ECR in ${p.answers.region}.`,
    full
      ? md`**VPC endpoints**: the nodes have no internet route, so these must exist. eksctl creates those marked so; a README step creates the others.`
      : md`**VPC endpoints**: needed only if the private subnets have no route to the internet (no NAT gateway); with one, nodes reach these services through it. All interface endpoints need private DNS, and a security group that lets the nodes in on 443.`,
  ];
}

/** The README's choices, in the order a reader meets them: access, control plane, network, storage, compute, workload. */
export function readmeChoices(p: ReadmePlan): Prose[] {
  return [...access(p), ...controlPlane(p), ...network(p), ...storage(p), ...compute(p), ...workload(p)];
}
