// The network domain: the VPC, and what the VPC CNI and CoreDNS do in it. The rules, the problems
// across answers and the plan live in plan/network.ts; these modules hold the questions.
import { IP_FAMILIES, NAT_GATEWAYS, type Answers } from '../answers/types.ts';
import { flag, type Problem } from '../plan/rules.ts';
import { COREDNS_DEFAULT_REPLICAS, EKSCTL_VPC } from '../data/network.ts';
import { cidrsOverlap, parseCidr, type Cidr } from '../plan/cidr.ts';
import { computeOf } from '../plan/compute-types.ts';
import { NETWORK_FIELD_RULES, networkProblems } from '../plan/network.ts';
import { code, join, md, none, type Prose } from '../render/prose.ts';
import type { DomainModule, DomainQuestion, ReadmePlan } from './contract.ts';

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c) as Cidr);

const NAT_HINTS: Record<string, string> = {
  HighlyAvailable: 'one NAT gateway per AZ: an AZ outage leaves the others online',
  Single: 'one NAT gateway for all AZs: cheaper, one AZ carries all egress',
  Disable: 'no NAT gateway: nodes reach AWS through VPC endpoints only (fully private cluster)',
};

const questions: DomainQuestion[] = [
  {
    key: 'ipFamily',
    kind: 'choice',
    group: 'network',
    prompted: true,
    message: 'IP family of pods and Services',
    hint: 'ipv4, or ipv6 (pods get IPv6 addresses from the subnets; no Windows nodes, no dual-stack)',
    choices: () =>
      IP_FAMILIES.map((value) => ({
        value,
        hint: value === 'ipv4' ? 'IPv4 (most common)' : 'IPv6: no pod IP exhaustion; needs Nitro instances, managed nodes, Fargate or Karpenter',
      })),
    default: () => 'ipv4',
    rule: NETWORK_FIELD_RULES.ipFamily,
  },
  {
    key: 'vpcId',
    kind: 'string',
    group: 'network',
    prompted: true,
    message: 'Existing VPC id (leave empty to create a new VPC)',
    hint: 'vpc-0123456789abcdef0; empty lets eksctl create a VPC with public and private subnets in each AZ',
    default: () => '',
    rule: NETWORK_FIELD_RULES.vpcId,
  },
  {
    key: 'vpcCidr',
    kind: 'string',
    group: 'network',
    prompted: true,
    message: 'IPv4 CIDR of the new VPC',
    hint: '/16 to /24, e.g. 10.0.0.0/16; eksctl cuts it into one public and one private subnet per AZ',
    when: (a) => !a.vpcId,
    // eksctl's own default for a VPC it creates; an existing VPC's CIDR is optional.
    default: (a) => (a.vpcId ? '' : EKSCTL_VPC.defaultCidr),
    rule: NETWORK_FIELD_RULES.vpcCidr,
  },
  {
    key: 'natGateway',
    kind: 'choice',
    group: 'network',
    prompted: true,
    message: 'NAT gateways for the private subnets',
    hint: 'HighlyAvailable (one per AZ), Single (one, cheaper), or Disable (no internet egress: a fully private cluster)',
    // Without NAT gateways the cluster is fully private, which a public endpoint rules out.
    choices: (a) =>
      NAT_GATEWAYS.filter((value) => value !== 'Disable' || (a.endpoint ?? 'private') === 'private').map((value) => ({ value, hint: NAT_HINTS[value] })),
    when: (a) => !a.vpcId && a.ipFamily !== 'ipv6',
    // One NAT gateway per AZ. eksctl builds IPv6 VPCs with one NAT gateway for IPv4 egress and leaves an
    // existing VPC's routing alone (NAT Disable), so those are what the answer records there.
    default: (a) => (a.vpcId ? 'Disable' : a.ipFamily === 'ipv6' ? 'Single' : 'HighlyAvailable'),
    rule: NETWORK_FIELD_RULES.natGateway,
  },
  {
    key: 'subnets.public',
    kind: 'list',
    group: 'network',
    prompted: true,
    message: 'Public subnets of the VPC',
    hint: 'az:subnet-id:cidr, one per AZ, comma separated, e.g. us-east-1a:subnet-0123456789abcdef0:10.0.0.0/20; empty for none',
    when: (a) => !!a.vpcId,
    default: () => [],
    rule: NETWORK_FIELD_RULES['subnets.public'],
  },
  {
    key: 'subnets.private',
    kind: 'list',
    group: 'network',
    prompted: true,
    message: 'Private subnets of the VPC (nodes and pods)',
    hint: 'az:subnet-id:cidr, one per AZ in at least two AZs, e.g. us-east-1a:subnet-0123456789abcdef0:10.0.64.0/19',
    when: (a) => !!a.vpcId,
    default: () => [],
    rule: NETWORK_FIELD_RULES['subnets.private'],
  },
  {
    key: 'serviceIpv4Cidr',
    kind: 'string',
    group: 'network',
    prompted: false,
    message: 'IPv4 range of Service ClusterIPs',
    hint: 'a /12 to /24 in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, apart from the VPC; empty lets EKS choose',
    default: () => '',
    rule: (v) => {
      if (v === '') return undefined;
      const c = parseCidr(v);
      if (typeof c === 'string') return c;
      const inside = PRIVATE_V4.some((p) => cidrsOverlap(p, c) && c.prefix >= p.prefix);
      if (c.version !== 4 || !inside || c.prefix < 12 || c.prefix > 24)
        return `${v}: EKS takes a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 for Services`;
      return undefined;
    },
  },
  {
    key: 'availabilityZones',
    kind: 'list',
    group: 'network',
    prompted: false,
    message: 'Availability zones of the new VPC',
    hint: 'two or more zone names of the region, e.g. us-east-1a,us-east-1b,us-east-1c; empty lets eksctl choose',
    default: () => [],
    rule: (v, a) => {
      if (!Array.isArray(v) || v.length === 0) return undefined;
      const region = a.region ?? 'us-east-1';
      const bad = v.find((z) => typeof z !== 'string' || !new RegExp(`^${region}[a-z]$`).test(z));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not an availability zone of ${region}; write zone names such as ${region}a`;
      if (new Set(v).size !== v.length) return 'lists a zone twice; give each once';
      if (v.length < 2) return `eksctl needs at least 2 zones (got ${v.length}); add another, e.g. ${region}b`;
      return undefined;
    },
  },
];

const cniQuestions: DomainQuestion[] = [
  {
    key: 'cni.prefixDelegation',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Assign /28 prefixes to nodes (VPC CNI prefix delegation)',
    hint: 'many more pods per node on Nitro instances; maxPods is set to match',
    default: () => false,
  },
  {
    key: 'cni.podSecurityGroups',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: "Security groups for the application's pods",
    hint: 'a SecurityGroupPolicy gives the pods their own security group (not on Windows or t instances)',
    default: () => false,
  },
  {
    key: 'cni.customNetworking',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Pods in their own subnets (VPC CNI custom networking)',
    hint: 'one ENIConfig per AZ; needs --vpc-id and --addon-vpc-cni-pod-subnets from a secondary CIDR',
    default: () => false,
  },
  {
    key: 'cni.networkPolicy',
    kind: 'boolean',
    group: 'network',
    prompted: true,
    message: 'Enforce Kubernetes network policies (default deny in the application namespace)?',
    hint: 'the VPC CNI enforces NetworkPolicy on EC2 Linux nodes (not Fargate or Windows)',
    when: (a) => computeOf(a).ec2 && a.windowsNodes !== true,
    default: () => false,
  },
  {
    key: 'cni.externalSnat',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Keep pod source addresses on traffic leaving the VPC (external SNAT)',
    hint: 'for private subnets behind a NAT gateway, or peered, Transit Gateway or Direct Connect networks',
    default: () => false,
  },
  {
    key: 'coreDns.replicas',
    kind: 'integer',
    group: 'network',
    prompted: false,
    message: 'CoreDNS replicas',
    hint: 'with autoscaling, the least EKS scales CoreDNS to',
    default: () => COREDNS_DEFAULT_REPLICAS,
    rule: NETWORK_FIELD_RULES['coreDns.replicas'],
  },
  {
    key: 'coreDns.autoscaling',
    kind: 'boolean',
    group: 'network',
    prompted: false,
    message: 'Let EKS scale CoreDNS with the cluster',
    hint: "the coredns add-on's autoScaling, from coreDns.replicas up",
    default: () => false,
  },
];

/** The VPC: its IP family, whether eksctl creates it, its NAT gateways or the subnets given. */
function vpcReadme(p: ReadmePlan): Prose[] {
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
  return out;
}

function vpcProblems(a: Answers): Problem[] {
  const p = networkProblems(a);
  if (a.availabilityZones.length > 0 && a.vpcId)
    p.push({ field: 'availabilityZones', message: `an existing VPC's zones are those of its subnets; drop ${flag('availabilityZones')}` });
  if (a.serviceIpv4Cidr !== '') {
    const svc = parseCidr(a.serviceIpv4Cidr) as Cidr;
    const vpcCidr = a.vpcCidr ? parseCidr(a.vpcCidr) : undefined;
    if (a.ipFamily === 'ipv6') p.push({ field: 'serviceIpv4Cidr', message: `IPv6 clusters give Services IPv6 addresses; drop ${flag('serviceIpv4Cidr')}` });
    else if (vpcCidr && typeof vpcCidr !== 'string' && cidrsOverlap(svc, vpcCidr))
      p.push({
        field: 'serviceIpv4Cidr',
        message: `${a.serviceIpv4Cidr} overlaps the VPC's ${a.vpcCidr}; Service addresses must not be VPC addresses, choose another range`,
      });
  }
  return p;
}

export const vpc: DomainModule = { id: 'vpc', questions, problems: vpcProblems, readme: vpcReadme };

/** What the VPC CNI and CoreDNS do in it; asked once the compute type is known. */
function cniReadme(p: ReadmePlan): Prose[] {
  const n = p.network;
  const out: Prose[] = [];
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
    const lb = np.lbSources.length ? md` and from the load balancer's addresses (${join(np.lbSources.map(code))})` : none;
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
  return out;
}

export const cni: DomainModule = { id: 'cni', questions: cniQuestions, readme: cniReadme };
