// Networking: the VPC (new or existing), endpoint access, IP family, VPC CNI modes, CoreDNS and load
// balancing. Validation rules (one line each: the field, the problem, the fix) and the facts the
// templates render, computed here so templates only loop and test. Sources: src/data/network.ts and
// docs/research/network-storage.md.
import { INGRESS_TYPES, IP_FAMILIES, NAT_GATEWAYS, type Answers, type PartialAnswers } from '../answers/types.ts';
import { intIn, oneOf, type Rule } from './rules.ts';
import { flagName } from '../answers/paths.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { HELM_CHARTS } from '../data/versions.ts';
import {
  COREDNS_DEFAULT_REPLICAS,
  ELB_TLS_POLICY,
  EKSCTL_IP_FAMILY,
  EKSCTL_VPC,
  IPV6_UNSUPPORTED_PARTITIONS,
  isNitro,
  KUBE_DNS,
  LBC,
  POD_IDENTITY_AGENT,
  PRIVATE_CLUSTER_ENDPOINTS,
  PRIVATE_CLUSTER_UNSUPPORTED_REGIONS,
  recommendedMaxPods,
  SUBNET_FACTS,
  supportsPodEni,
  WARM_PREFIX_TARGET,
} from '../data/network.ts';
import { addressCount, cidrsOverlap, parseCidr, type Cidr } from './cidr.ts';
import { appOnFargate } from './compute.ts';
import { computeOf } from './compute-types.ts';
import { addonIdsOf } from './implied.ts';

export interface NetProblem {
  field: string;
  message: string;
}

const flag = (key: string) => `--${flagName(key)}`;

// ---------------------------------------------------------------- subnets

export interface SubnetSpec {
  az: string;
  id: string;
  cidr: string;
  /** Addresses AWS lets instances use: the block minus the five it reserves. */
  usable: number;
}

const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const AZ_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/;
export const SUBNET_EXAMPLE = 'us-east-1a:subnet-0123456789abcdef0:10.0.64.0/19';

/** How to print a VPC's subnets in exactly the form the subnet answers take. */
export function describeSubnetsCommand(region: string, vpcId: string): string {
  return `aws ec2 describe-subnets --region ${region} --filters Name=vpc-id,Values=${vpcId || 'vpc-...'} --query "Subnets[].join(':', [AvailabilityZone, SubnetId, CidrBlock])" --output text`;
}

/** `<availability zone>:<subnet id>:<IPv4 CIDR>`, e.g. us-east-1a:subnet-0123456789abcdef0:10.0.64.0/19. */
export function parseSubnet(entry: unknown, region?: string): SubnetSpec | string {
  if (typeof entry !== 'string') return `${JSON.stringify(entry)} is not a subnet; write az:subnet-id:cidr, e.g. ${SUBNET_EXAMPLE}`;
  const parts = entry.split(':');
  if (parts.length !== 3)
    return `${JSON.stringify(entry)} is not az:subnet-id:cidr (e.g. ${SUBNET_EXAMPLE}); print yours with ${describeSubnetsCommand(region ?? '<region>', '')}`;
  const [az, id, cidrText] = parts;
  if (!AZ_NAME.test(az)) return `${JSON.stringify(az)} in ${entry} is not an availability zone name (e.g. us-east-1a)`;
  if (region && !(az.length === region.length + 1 && az.startsWith(region)))
    return `${az} (in ${entry}) is not an availability zone of ${region}; list subnets of the cluster's region`;
  if (!SUBNET_ID.test(id)) return `${JSON.stringify(id)} in ${entry} is not a subnet id (subnet- and 8 or 17 hex digits)`;
  const cidr = parseCidr(cidrText);
  if (typeof cidr === 'string') return `${entry}: ${cidr}`;
  if (cidr.version !== 4) return `${entry}: give the subnet's IPv4 CIDR (nodes and load balancers use IPv4 addresses in every cluster)`;
  if (cidr.prefix < SUBNET_FACTS.minPrefix) return `${entry}: AWS subnets are /${SUBNET_FACTS.minPrefix} to /${SUBNET_FACTS.maxPrefix}; check the CIDR`;
  const usable = Number(addressCount(cidr)) - SUBNET_FACTS.reservedPerSubnet;
  if (usable < SUBNET_FACTS.minFreeAddresses) {
    return `${entry} has ${Math.max(0, usable)} usable addresses; EKS needs at least ${SUBNET_FACTS.minFreeAddresses} free in each subnet (${SUBNET_FACTS.recommendedFreeAddresses} or more recommended): use a /${SUBNET_FACTS.maxPrefix} or larger subnet`;
  }
  return { az, id, cidr: cidr.canonical, usable };
}

/** A list rule: every entry parses, no subnet or AZ twice. */
export function subnetListProblem(v: unknown, a: PartialAnswers): string | undefined {
  if (!Array.isArray(v)) return `must be a list of az:subnet-id:cidr entries, e.g. ${SUBNET_EXAMPLE}`;
  const azs = new Set<string>();
  const ids = new Set<string>();
  for (const entry of v) {
    const s = parseSubnet(entry, a.region);
    if (typeof s === 'string') return s;
    if (ids.has(s.id)) return `${s.id} is listed twice; give each subnet once`;
    if (azs.has(s.az)) return `two subnets in ${s.az}; eksctl takes one public and one private subnet per availability zone, so keep one`;
    ids.add(s.id);
    azs.add(s.az);
  }
  return undefined;
}

export function subnetsOf(list: string[], region: string): SubnetSpec[] {
  return list.map((e) => parseSubnet(e, region)).filter((s): s is SubnetSpec => typeof s !== 'string');
}

// ---------------------------------------------------------------- field rules (also run at the prompts)

export const NETWORK_FIELD_RULES: Record<string, Rule> = {
  ipFamily: (v, a) =>
    typeof v === 'string' && /dual/i.test(v)
      ? 'EKS has no dual-stack pods or Services: a cluster is either ipv4 or ipv6; choose one'
      : oneOf(IP_FAMILIES)(v, a, new Date()),
  vpcId: (v) =>
    typeof v === 'string' && (v === '' || VPC_ID.test(v))
      ? undefined
      : `${JSON.stringify(v)} is not a VPC id; give vpc- and 8 or 17 hex digits (e.g. vpc-0123456789abcdef0), or leave it empty to create a VPC`,
  vpcCidr: (v, a) => {
    if (v === '' && a.vpcId) return undefined;
    if (v === '') return `give the new VPC's IPv4 CIDR, e.g. ${EKSCTL_VPC.defaultCidr} or 10.0.0.0/16`;
    const c = parseCidr(v);
    if (typeof c === 'string') return c;
    if (c.version !== 4) return `${v}: the VPC CIDR is IPv4 (an IPv6 VPC still has one; AWS adds the IPv6 /56 itself)`;
    if (!a.vpcId && (c.prefix < EKSCTL_VPC.minPrefix || c.prefix > EKSCTL_VPC.maxPrefix)) {
      return `${v}: eksctl takes a VPC CIDR from /${EKSCTL_VPC.minPrefix} to /${EKSCTL_VPC.maxPrefix} (it cuts it into two subnets per AZ); e.g. 10.0.0.0/16`;
    }
    if (a.vpcId && (c.prefix < 16 || c.prefix > 28)) return `${v}: AWS VPC CIDRs are /16 to /28`;
    return undefined;
  },
  natGateway: oneOf(NAT_GATEWAYS),
  'subnets.public': subnetListProblem,
  'subnets.private': subnetListProblem,
  'coreDns.replicas': intIn(1, 100),
  ingress: oneOf(INGRESS_TYPES),
};

// ---------------------------------------------------------------- cross-field rules

/** Instance types the node groups launch (Karpenter picks its own, Nitro only: generation 5 and later). */
const groupTypes = (a: Answers) => (computeOf(a).ec2 ? [...a.nodeGroup.instanceTypes, ...a.nodeGroups.flatMap((g) => g.instanceTypes)] : []);
export const fullyPrivate = (a: Answers) => !a.vpcId && a.ipFamily === 'ipv4' && a.natGateway === 'Disable';
/**
 * The families (IPv4, IPv6) a list of CIDRs covers whole: however it is written (0.0.0.0/0, 0::/0,
 * or 0.0.0.0/1 with 128.0.0.0/1), such a list lets anyone in, which only an explicit choice may.
 */
export function wholeInternet(cidrs: readonly string[]): string[] {
  const parsed = cidrs.map(parseCidr).filter((c): c is Cidr => typeof c !== 'string');
  const out: string[] = [];
  for (const version of [4, 6] as const) {
    const mine = parsed.filter((c) => c.version === version);
    // CIDR blocks either nest or do not touch: count the outermost ones once each.
    const outer = mine.filter((c, i) => !mine.some((d, j) => j !== i && d.prefix <= c.prefix && cidrsOverlap(c, d) && (d.prefix < c.prefix || j < i)));
    const total = outer.reduce((n, c) => n + addressCount(c), 0n);
    if (total >= 1n << (version === 4 ? 32n : 128n)) out.push(version === 4 ? '0.0.0.0/0' : '::/0');
  }
  return out;
}
export const withExternalDns = (a: PartialAnswers) => addonIdsOf(a).includes('external-dns');
/** HTTPS is on when a certificate is given or requested. */
export const tlsOn = (a: Pick<Answers, 'tls'>) => a.tls.certificateArn !== '' || a.tls.domain !== '';
export const lbScheme = (a: PartialAnswers): string => (a.addon?.awsLoadBalancerController?.scheme as string | undefined) ?? 'internal';
const PRIVATE_ECR = (region: string) => new RegExp(`^\\d{12}\\.dkr\\.ecr\\.${region.replace(/-/g, '\\-')}\\.amazonaws\\.com(\\.cn)?/`);

export function networkProblems(a: Answers): NetProblem[] {
  const p: NetProblem[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  const region = REGION_BY_CODE.get(a.region)!;
  const pub = subnetsOf(a.subnets.public, a.region);
  const priv = subnetsOf(a.subnets.private, a.region);
  const ipv6 = a.ipFamily === 'ipv6';

  // --- VPC
  if (!a.vpcId) {
    for (const key of ['subnets.public', 'subnets.private'] as const) {
      if ((key === 'subnets.public' ? a.subnets.public : a.subnets.private).length > 0) {
        add(key, `only used with an existing VPC; give ${flag('vpcId')} vpc-... too, or drop ${flag(key)} to let eksctl create the subnets`);
      }
    }
  } else {
    if (priv.length === 0) {
      add(
        'subnets.private',
        `an existing VPC needs private subnets for the nodes, one per AZ in at least two AZs; give ${flag('subnets.private')} ${SUBNET_EXAMPLE},... (print yours: ${describeSubnetsCommand(a.region, a.vpcId)})`,
      );
    } else if (priv.length < EKSCTL_VPC.minSubnets) {
      add('subnets.private', `${priv[0].az} only: EKS needs subnets in at least two availability zones; add a private subnet in another AZ`);
    }
    if (pub.length === 1)
      add(
        'subnets.public',
        `${pub[0].az} only: eksctl takes no public subnets or at least two (in two AZs); add one in another AZ or drop ${flag('subnets.public')}`,
      );
    const all = [...pub.map((s) => ({ s, list: 'subnets.public' })), ...priv.map((s) => ({ s, list: 'subnets.private' }))];
    const seen = new Map<string, string>();
    for (const { s, list } of all) {
      if (seen.has(s.id)) add(list, `${s.id} is both a public and a private subnet; a subnet is one or the other`);
      seen.set(s.id, list);
    }
    const overlap = firstOverlap(all.map(({ s, list }) => ({ label: `${s.cidr} (${list}, ${s.az})`, cidr: parseCidr(s.cidr) as Cidr, list })));
    if (overlap) add(overlap.b.list, `${overlap.b.label} overlaps ${overlap.a.label}; subnets of one VPC never overlap, so check the CIDRs`);
    if (a.vpcCidr) {
      const vpc = parseCidr(a.vpcCidr) as Cidr;
      const outside = all.find(({ s }) => !contains(vpc, parseCidr(s.cidr) as Cidr));
      if (outside)
        add(
          outside.list,
          `${outside.s.cidr} (${outside.s.az}) is outside vpcCidr ${a.vpcCidr}; fix the subnet, or give the VPC CIDR that holds it (or leave ${flag('vpcCidr')} empty)`,
        );
    }
    if (a.natGateway !== 'Disable') {
      add(
        'natGateway',
        `eksctl leaves an existing VPC's routing alone (it sets NAT to Disable); drop ${flag('natGateway')} and route the private subnets through your own NAT gateway`,
      );
    }
  }
  if (ipv6 && !a.vpcId && a.natGateway !== 'Single') {
    add('natGateway', `eksctl builds IPv6 VPCs with one NAT gateway for IPv4 egress and takes no vpc.nat setting; drop ${flag('natGateway')}`);
  }
  if (fullyPrivate(a)) {
    if (a.endpoint !== 'private') {
      add(
        'endpoint',
        `without NAT gateways the nodes have no internet access, so the cluster is built fully private (eksctl privateCluster) and its API endpoint ends private-only; use ${flag('endpoint')} private, or ${flag('natGateway')} Single`,
      );
    }
    if ((PRIVATE_CLUSTER_UNSUPPORTED_REGIONS as readonly string[]).includes(a.region)) {
      add('natGateway', `eksctl does not build fully private clusters in ${a.region}; use ${flag('natGateway')} Single or another region`);
    }
    // Reaching the private API from outside the VPC goes through a Session Manager tunnel to a node.
    if (!computeOf(a).ec2) {
      add(
        'natGateway',
        `a fully private cluster is reached through a Session Manager tunnel to one of its EC2 nodes, and ${computeOf(a).runsOn} accept no sessions; use ${flag('compute')} managed, or ${flag('natGateway')} Single`,
      );
    }
    if (computeOf(a).nodePool) {
      add(
        'compute',
        `Karpenter installs from a Helm chart whose images come from public.ecr.aws, which nodes without a NAT gateway cannot reach; use ${flag('compute')} managed, or ${flag('natGateway')} Single`,
      );
    }
    const helm = addonIdsOf(a).filter((id) => id in HELM_CHARTS);
    if (helm.length > 0) {
      add(
        'addons',
        `${helm.join(', ')} ${helm.length === 1 ? 'installs from a Helm chart whose images come' : 'install from Helm charts whose images come'} from public registries, which nodes without a NAT gateway cannot reach; drop ${helm.length === 1 ? 'it' : 'them'} (ingress needs aws-load-balancer-controller), or use ${flag('natGateway')} Single`,
      );
    }
    if (!PRIVATE_ECR(a.region).test(a.app.image)) {
      add(
        'app.image',
        `${a.app.image}: nodes without NAT gateways pull only from Amazon ECR in ${a.region} (through VPC endpoints); copy the image there (an ECR pull-through cache rule works for ECR Public) and give ${flag('app.image')} <account>.dkr.ecr.${a.region}.amazonaws.com/<repository>:<tag>`,
      );
    }
  }

  // --- IP family
  if (ipv6) {
    if ((IPV6_UNSUPPORTED_PARTITIONS as readonly string[]).includes(region.partition))
      add('ipFamily', `EKS does not create IPv6 clusters in the China regions (${a.region}); use ${flag('ipFamily')} ipv4`);
    if (a.windowsNodes) add('ipFamily', `IPv6 clusters run no Windows pods or Services; drop ${flag('windowsNodes')} or use ${flag('ipFamily')} ipv4`);
    if (!computeOf(a).ipv6)
      add(
        'ipFamily',
        `eksctl does not support self-managed node groups in IPv6 clusters; use ${flag('compute')} managed (or karpenter, fargate) or ${flag('ipFamily')} ipv4`,
      );
    const xen = groupTypes(a).find((t) => !isNitro(t));
    if (xen) add('nodeGroup.instanceTypes', `${xen} is not a Nitro instance type, and IPv6 pods need Nitro instances; use e.g. m7i.large`);
    if (a.cni.prefixDelegation) add('cni.prefixDelegation', `IPv6 clusters always assign prefixes to nodes; drop ${flag('cni.prefixDelegation')}`);
    if (a.cni.customNetworking)
      add('cni.customNetworking', `custom networking works with IPv4 only; drop ${flag('cni.customNetworking')} or use ${flag('ipFamily')} ipv4`);
    if (a.cni.externalSnat)
      add('cni.externalSnat', `SNAT applies to IPv4 pod traffic only, so IPv6 clusters have nothing to turn off; drop ${flag('cni.externalSnat')}`);
  }

  // --- VPC CNI modes
  const noCni = (field: string, what: string) => {
    if (computeOf(a).awsRunsCore)
      add(
        field,
        `EKS Auto Mode runs pod networking itself, without the vpc-cni add-on settings ${what} needs; use ${flag('compute')} managed or drop ${flag(field)}`,
      );
  };
  if (a.cni.prefixDelegation && !ipv6) {
    noCni('cni.prefixDelegation', 'prefix delegation');
    if (computeOf(a).fargate)
      add('cni.prefixDelegation', `Fargate pods get one address each and the cluster has no nodes to hand prefixes to; drop ${flag('cni.prefixDelegation')}`);
    const xen = groupTypes(a).find((t) => !isNitro(t));
    if (xen) {
      add(
        'cni.prefixDelegation',
        xen.endsWith('.metal')
          ? `${xen} is bare metal, which the VPC CNI gives no prefixes to (prefix delegation needs Nitro virtualized instances); use e.g. m7i.large`
          : `${xen} is not a Nitro instance type (${xen.slice(0, xen.indexOf('.'))} runs on Xen), and prefix delegation needs Nitro; use e.g. m7i.large`,
      );
    } else {
      const unknown = groupTypes(a).find((t) => recommendedMaxPods(t, { prefixDelegation: true, customNetworking: a.cni.customNetworking }) === undefined);
      if (unknown)
        add(
          'nodeGroup.instanceTypes',
          `the pods ${unknown} holds with prefix delegation are not known to this tool, so maxPods cannot be set to match; use a large or bigger size (e.g. m7i.large)`,
        );
    }
  }
  if (a.cni.podSecurityGroups) {
    noCni('cni.podSecurityGroups', 'security groups for pods');
    if (a.windowsNodes)
      add('cni.podSecurityGroups', `security groups for pods do not work on Windows nodes; drop ${flag('windowsNodes')} or ${flag('cni.podSecurityGroups')}`);
    const bad = computeOf(a).nodeGroups ? a.nodeGroup.instanceTypes.find((t) => !supportsPodEni(t)) : undefined;
    if (bad)
      add(
        'cni.podSecurityGroups',
        `${bad} cannot carry a trunk network interface (no t family, Nitro only), so its pods cannot get security groups; use e.g. m7i.large`,
      );
    if (computeOf(a).nodePool && a.karpenter.instanceCategories.includes('t'))
      add(
        'cni.podSecurityGroups',
        `Karpenter may launch t instances, which cannot carry a trunk network interface; drop t from ${flag('karpenter.instanceCategories')}`,
      );
  }
  if (a.cni.customNetworking && !ipv6) {
    if (computeOf(a).awsRunsCore) noCni('cni.customNetworking', 'custom networking');
    else if (computeOf(a).fargate)
      add(
        'cni.customNetworking',
        `Fargate pods take their addresses from the Fargate profile's subnets; custom networking is for EC2 nodes: drop ${flag('cni.customNetworking')}`,
      );
    else if (a.windowsNodes)
      add('cni.customNetworking', `custom networking is not supported on Windows nodes; drop ${flag('windowsNodes')} or ${flag('cni.customNetworking')}`);
    else if (computeOf(a).nodePool && !a.cni.prefixDelegation) {
      add(
        'cni.customNetworking',
        `Karpenter would count the primary network interface's addresses, which custom networking leaves unused, so nodes would promise more pods than they can hold; add ${flag('cni.prefixDelegation')} (maxPods is then set to match) or use ${flag('compute')} managed`,
      );
    } else if (!a.vpcId) {
      add(
        'cni.customNetworking',
        `pods need subnets from a secondary VPC CIDR, which eksctl does not create; use an existing VPC (${flag('vpcId')}, ${flag('subnets.private')}) and name the pod subnets with ${flag('addon.vpcCni.podSubnets')}`,
      );
    } else {
      const podSubnets = subnetsOf((a.addon?.vpcCni?.podSubnets as string[] | undefined) ?? [], a.region);
      const missing = priv.find((s) => !podSubnets.some((x) => x.az === s.az));
      if (missing)
        add(
          'addon.vpcCni.podSubnets',
          `no pod subnet in ${missing.az}, where the nodes run; give one per AZ of ${flag('subnets.private')}, e.g. ${missing.az}:subnet-0123456789abcdef0:100.64.0.0/19`,
        );
      const nodeCidrs = [...pub, ...priv].map((s) => ({ label: `${s.cidr} (${s.az})`, cidr: parseCidr(s.cidr) as Cidr }));
      for (const s of podSubnets) {
        const hit = nodeCidrs.find((n) => cidrsOverlap(n.cidr, parseCidr(s.cidr) as Cidr));
        if (hit)
          add(
            'addon.vpcCni.podSubnets',
            `${s.cidr} (${s.az}) overlaps the node subnet ${hit.label}; pod subnets come from a secondary CIDR of the VPC, e.g. 100.64.0.0/16`,
          );
        if (priv.some((n) => n.id === s.id)) add('addon.vpcCni.podSubnets', `${s.id} is also a node subnet; custom networking puts pods in other subnets`);
      }
      if (!a.cni.prefixDelegation) {
        const unknown = groupTypes(a).find((t) => recommendedMaxPods(t, { prefixDelegation: false, customNetworking: true }) === undefined);
        if (unknown)
          add(
            'nodeGroup.instanceTypes',
            `the pods ${unknown} holds with custom networking are not known to this tool, so maxPods cannot be set to match; use e.g. m7i.large, or add ${flag('cni.prefixDelegation')}`,
          );
      }
    }
  }
  if (a.cni.networkPolicy) {
    if (computeOf(a).fargate)
      add(
        'cni.networkPolicy',
        `the VPC CNI enforces network policies on EC2 Linux nodes only, not on Fargate; drop ${flag('cni.networkPolicy')} or use ${flag('compute')} managed`,
      );
    else if (appOnFargate(a))
      add(
        'cni.networkPolicy',
        `the application's namespace ${a.app.namespace} runs on Fargate, where network policies are not enforced; remove it from ${flag('fargate.namespaces')} or drop ${flag('cni.networkPolicy')}`,
      );
    if (a.windowsNodes)
      add('cni.networkPolicy', `network policies are not enforced on Windows nodes; drop ${flag('windowsNodes')} or ${flag('cni.networkPolicy')}`);
    if (computeOf(a).awsRunsCore)
      add(
        'cni.networkPolicy',
        `EKS Auto Mode enables network policies through its NodeClass, not the vpc-cni add-on this project configures; use ${flag('compute')} managed or drop ${flag('cni.networkPolicy')}`,
      );
  }
  if (a.cni.externalSnat && !ipv6) {
    noCni('cni.externalSnat', 'external SNAT');
    if (computeOf(a).fargate)
      add('cni.externalSnat', `external SNAT is a setting of EC2 nodes, and a Fargate-only cluster has none; drop ${flag('cni.externalSnat')}`);
    if (fullyPrivate(a))
      add(
        'cni.externalSnat',
        `external SNAT is for private subnets behind a NAT gateway, and natGateway is Disable; drop ${flag('cni.externalSnat')} or use ${flag('natGateway')} Single`,
      );
  }

  // --- CoreDNS
  if (computeOf(a).awsRunsCore && (a.coreDns.autoscaling || a.coreDns.replicas !== COREDNS_DEFAULT_REPLICAS)) {
    add(
      a.coreDns.autoscaling ? 'coreDns.autoscaling' : 'coreDns.replicas',
      `EKS Auto Mode runs CoreDNS itself, so its replicas cannot be set here; drop ${flag('coreDns.replicas')} and ${flag('coreDns.autoscaling')}`,
    );
  }

  // --- load balancing
  if (a.ingress !== 'none') {
    if (computeOf(a).awsRunsCore) {
      add(
        'ingress',
        `EKS Auto Mode balances load itself (IngressClass controller eks.amazonaws.com/alb), which this project does not configure; use ${flag('compute')} managed or ${flag('ingress')} none`,
      );
    }
    const scheme = lbScheme(a);
    if (scheme === 'internet-facing' && a.vpcId && pub.length === 0) {
      add(
        'addon.awsLoadBalancerController.scheme',
        `an internet-facing load balancer needs public subnets, and ${flag('subnets.public')} is empty; give public subnets or use internal`,
      );
    }
    if (scheme === 'internet-facing' && fullyPrivate(a)) {
      add('addon.awsLoadBalancerController.scheme', `a fully private cluster (natGateway Disable) has no public subnets; use internal`);
    }
  }
  return p;
}

function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && outer.prefix <= inner.prefix && cidrsOverlap(outer, inner);
}

function firstOverlap<T extends { cidr: Cidr }>(items: T[]): { a: T; b: T } | undefined {
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) if (cidrsOverlap(items[i].cidr, items[j].cidr)) return { a: items[i], b: items[j] };
  return undefined;
}

export function networkWarnings(a: Answers): string[] {
  const w: string[] = [];
  for (const s of subnetsOf([...a.subnets.public, ...a.subnets.private], a.region)) {
    if (s.usable < SUBNET_FACTS.recommendedFreeAddresses)
      w.push(
        `Subnet ${s.id} (${s.cidr}) has ${s.usable} usable addresses; EKS recommends at least ${SUBNET_FACTS.recommendedFreeAddresses} free in each cluster subnet.`,
      );
  }
  const priv = subnetsOf(a.subnets.private, a.region);
  if (priv.length > 0 && !a.cni.customNetworking && a.ipFamily === 'ipv4' && !computeOf(a).fargate) {
    const total = priv.reduce((n, s) => n + s.usable, 0);
    // Each node takes its own address and, with the VPC CNI, one per pod it runs (30 is a small node's share).
    const need = a.nodeGroup.maxSize * 30;
    if (total < need)
      w.push(
        `The private subnets have ${total} usable addresses; ${a.nodeGroup.maxSize} nodes with about 30 pods each need around ${need}. Use larger subnets, --prefix-delegation or --custom-networking.`,
      );
  }
  if (a.coreDns.replicas < 2)
    w.push('CoreDNS runs a single replica: cluster DNS stops while it restarts or its node is replaced; EKS recommends at least 2 (--core-dns-replicas).');
  return w;
}

// ---------------------------------------------------------------- add-on configuration

/** vpc-cni configurationValues (every env value a string; research §2), or undefined when nothing is set. */
export function vpcCniConfiguration(a: PartialAnswers): Record<string, unknown> | undefined {
  const env: Record<string, string> = {};
  const ipv4 = (a.ipFamily ?? 'ipv4') === 'ipv4';
  const nodes = !computeOf(a).fargate;
  if (a.cni?.prefixDelegation && ipv4 && nodes) {
    env.ENABLE_PREFIX_DELEGATION = 'true';
    env.WARM_PREFIX_TARGET = WARM_PREFIX_TARGET;
  }
  if (a.cni?.podSecurityGroups && nodes) {
    env.ENABLE_POD_ENI = 'true';
    // Standard mode: kubelet probes reach pods on branch interfaces without patching the DaemonSet's init container.
    env.POD_SECURITY_GROUP_ENFORCING_MODE = 'standard';
  }
  if (a.cni?.customNetworking && ipv4 && nodes) {
    env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG = 'true';
    // Each node uses the ENIConfig named after its availability zone.
    env.ENI_CONFIG_LABEL_DEF = 'topology.kubernetes.io/zone';
  }
  if (a.cni?.externalSnat && ipv4 && nodes) env.AWS_VPC_K8S_CNI_EXTERNALSNAT = 'true';
  const cfg: Record<string, unknown> = {};
  if (Object.keys(env).length > 0) cfg.env = env;
  if (a.cni?.networkPolicy) cfg.enableNetworkPolicy = 'true';
  // Windows nodes take their addresses from the VPC resource controller; set in the add-on's configuration
  // (a kubectl patch of the amazon-vpc-cni ConfigMap is undone by resolveConflicts: overwrite).
  if (a.windowsNodes && computeOf(a).nodeGroups) {
    cfg.enableWindowsIpam = 'true';
    if (a.cni?.prefixDelegation && ipv4) cfg.enableWindowsPrefixDelegation = 'true';
  }
  return Object.keys(cfg).length > 0 ? cfg : undefined;
}

/** coredns configurationValues: autoScaling from coreDns.replicas up, or a fixed replicaCount (research §8). */
export function corednsConfiguration(a: PartialAnswers): Record<string, unknown> | undefined {
  const replicas = a.coreDns?.replicas ?? COREDNS_DEFAULT_REPLICAS;
  if (a.coreDns?.autoscaling) return { autoScaling: { enabled: true, minReplicas: replicas, maxReplicas: Math.max(10, replicas * 2) } };
  if (replicas !== COREDNS_DEFAULT_REPLICAS) return { replicaCount: replicas };
  return undefined;
}

// ---------------------------------------------------------------- maxPods

/** maxPods of the node groups: the smallest recommended value over their instance types (undefined: EKS computes it). */
// Takes the answers given so far too: a node group's rule asks it before the CNI answers are in.
export function nodeGroupMaxPods(a: PartialAnswers, types: string[] = a.nodeGroup?.instanceTypes ?? []): number | undefined {
  const cni = { prefixDelegation: a.cni?.prefixDelegation === true, customNetworking: a.cni?.customNetworking === true };
  if ((a.ipFamily ?? 'ipv4') !== 'ipv4' || !(cni.prefixDelegation || cni.customNetworking) || !computeOf(a).ec2) return undefined;
  const values = types.map((t) => recommendedMaxPods(t, cni));
  return values.every((v): v is number => v !== undefined) ? Math.min(...values) : undefined;
}

/** Karpenter nodes (generation 5 and later, so Nitro): 110, the recommended value for nodes up to 30 vCPUs. */
export function karpenterMaxPods(a: Answers): number | undefined {
  return computeOf(a).nodePool && a.ipFamily === 'ipv4' && a.cni.prefixDelegation ? 110 : undefined;
}

// ---------------------------------------------------------------- the plan

export interface KV {
  key: string;
  value: string;
}

export interface NetworkPlan {
  ipFamily: 'IPv4' | 'IPv6';
  ipv6: boolean;
  /** The README's sentence on the IP family. */
  ipFamilyNote: string;
  /** iam.withOIDC: IRSA needs it (with Pod Identity, the IPv6 vpc-cni role comes through the agent). */
  oidc: boolean;
  vpc: {
    existing: boolean;
    id: string;
    cidr: string;
    nat?: string;
    publicSubnets: SubnetSpec[];
    privateSubnets: SubnetSpec[];
    /** What the new VPC's subnets are, for the comment above it. */
    comment: string[];
    /** Written unless the cluster is fully private (eksctl then manages endpoint access itself). */
    clusterEndpoints?: { publicAccess: boolean; privateAccess: boolean };
    /** Who reaches the public endpoint; the creator's address alone (CREATOR_CIDR) while eksctl builds a private cluster. */
    publicAccessCidrs: string[];
    /** Why publicAccessCIDRs holds only CREATOR_CIDR, when it does (comment lines above it). */
    creatorOnly?: string[];
  };
  fullyPrivate: boolean;
  privateCluster?: { additionalEndpointServices: string[] };
  /** iam.vpcResourceControllerPolicy: true is written when security groups for pods are on. */
  vpcResourceControllerPolicy: boolean;
  eniConfigs: { name: string; subnet: string }[];
  securityGroupPolicy?: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    selector: Record<string, string>;
    groupIds: string[];
    variables: string[];
  };
  networkPolicy?: {
    namespace: string;
    labels: Record<string, string>;
    appName: string;
    selector: Record<string, string>;
    port: number;
    clientLabel: KV;
    lbSources: string[];
    lbPolicyName: string;
    anyAddress: string;
    podIdentityAgent?: string;
  };
  ingress?: { scheme: string; annotations: KV[]; className: string; host?: string };
  service: {
    type: 'ClusterIP' | 'LoadBalancer';
    port: number;
    /** The port's name: https when the Network Load Balancer ends TLS on it. */
    portName: string;
    portNote?: string;
    annotations: KV[];
    sourceRanges: string[];
  };
  /** HTTPS, the DNS name and who may connect, when the application has a load balancer. */
  edge?: EdgePlan;
  /**
   * The load balancer reaches the pods from the VPC's range, known only when applying: under IPv6 once
   * AWS assigns it, and for a service on a cluster that exists, whose VPC the answers do not hold.
   */
  lbPolicyFile?: string;
  /** The variable the README exports for it: VPC_IPV6_CIDR or VPC_CIDR. */
  lbPolicyVariable?: 'VPC_IPV6_CIDR' | 'VPC_CIDR';
  /** Apply-time variables the README exports before envsubst. */
  privateChecklist?: { endpoints: { service: string; name: string; type: string; why: string; eksctl: boolean }[] };
  subnetTagCommands: string[];
  /** The scheme the load balancers get, when there is one. */
  lbScheme?: string;
}

export interface EdgePlan {
  tls?: { certificateArn: string; requested?: string; hostedZoneId: string };
  hostname: string;
  externalDns: boolean;
  /** external-dns's hosted zones, where the README waits for the record. */
  dnsZones: string[];
  sources: string[];
  publicByChoice: boolean;
  wafAclArn: string;
  /** The file that carries ${CERTIFICATE_ARN} when the README requests the certificate. */
  templateFile?: string;
}

export interface NetworkContext {
  podIdentity: boolean;
  irsa: boolean;
  partition: string;
}

const APP_LABEL = 'app.kubernetes.io/name';

/** The SecurityGroupPolicy waits for its group ids: a template for envsubst, which `kubectl apply -f <folder>` skips. */
export const sgpFile = (app: string) => `k8s/${app}/12-securitygrouppolicy.yaml.tmpl`;

function ipFamilyNote(a: Answers, ctx: NetworkContext): string {
  if (a.ipFamily !== 'ipv6') return 'pods take IPv4 addresses from the VPC subnets.';
  const pods =
    'pods take IPv6 addresses from the subnets (every node gets a prefix), Services get IPv6 cluster addresses, and IPv4 traffic leaves through the node.';
  if (computeOf(a).awsRunsCore) return `${pods} EKS Auto Mode runs the pod networking, CoreDNS and kube-proxy itself.`;
  const role = ctx.podIdentity
    ? 'eksctl gives vpc-cni its own role with the IPv6 permissions through Pod Identity (useDefaultPodIdentityAssociations)'
    : 'eksctl gives vpc-cni an IRSA role with the IPv6 permissions, through the OIDC provider';
  return `${pods} eksctl needs the coredns add-on listed for IPv6, and vpc-cni, coredns and kube-proxy are listed together; ${role}, because the node role's AmazonEKS_CNI_Policy covers IPv4 only.`;
}

export function planNetwork(a: Answers, ctx: NetworkContext): NetworkPlan {
  const ipv6 = a.ipFamily === 'ipv6';
  const pub = subnetsOf(a.subnets.public, a.region);
  const priv = subnetsOf(a.subnets.private, a.region);
  const existing = a.vpcId !== '';
  const privateOnly = fullyPrivate(a);
  const addons = addonIdsOf(a);
  const ns = a.app.namespace;
  const appLabels = { [APP_LABEL]: a.app.name, 'app.kubernetes.io/part-of': a.name };
  const tls = tlsOn(a) && a.ingress !== 'none';
  const nlbTls = tls && a.ingress === 'nlb';
  // An NLB that ends TLS listens on the Service's port, so that port is 443.
  const servicePort = nlbTls ? 443 : a.cni.networkPolicy ? a.app.port : 80;
  const scheme = lbScheme(a);
  const certificateArn = a.tls.certificateArn || '${CERTIFICATE_ARN}';
  const plan: NetworkPlan = {
    ipFamily: EKSCTL_IP_FAMILY[a.ipFamily],
    ipv6,
    ipFamilyNote: ipFamilyNote(a, ctx),
    oidc: ctx.irsa,
    vpc: {
      existing,
      id: a.vpcId,
      cidr: a.vpcCidr,
      // eksctl refuses vpc.nat for IPv6 and ignores it for an existing VPC.
      nat: !existing && !ipv6 ? a.natGateway : undefined,
      publicSubnets: pub,
      privateSubnets: priv,
      comment: privateOnly
        ? [
            'A new VPC without NAT gateways: eksctl makes private subnets only, one per availability zone (at',
            'least two), and the VPC endpoints the nodes need; see "Private API endpoint" in the README.',
          ]
        : [
            'A new VPC: one public and one private subnet per availability zone (eksctl picks at least two),',
            'tagged for load balancers (kubernetes.io/role/elb and kubernetes.io/role/internal-elb).',
          ],
      // eksctl reaches the Kubernetes API while it adds nodes and add-ons, so a private endpoint starts
      // public to the creator's address alone and is closed by the README's last cluster step.
      clusterEndpoints: privateOnly ? undefined : { publicAccess: true, privateAccess: a.endpoint !== 'public' },
      publicAccessCidrs: a.endpoint === 'private' ? ['${CREATOR_CIDR}'] : a.publicAccessCidrs,
      creatorOnly:
        a.endpoint !== 'private'
          ? undefined
          : privateOnly
            ? [
                'eksctl keeps the public endpoint on while it creates a fully private cluster and turns it off at the',
                'end; until then only your own address (CREATOR_CIDR, set in the README) reaches it.',
              ]
            : [
                'eksctl talks to the Kubernetes API while it adds nodes and add-ons, so only your own address',
                "(CREATOR_CIDR, set in the README) reaches it during creation. The README's last cluster step then",
                'makes the endpoint private: from then on these public settings no longer describe the cluster.',
              ],
    },
    fullyPrivate: privateOnly,
    privateCluster: privateOnly ? { additionalEndpointServices: [] } : undefined,
    vpcResourceControllerPolicy: a.cni.podSecurityGroups,
    eniConfigs:
      a.cni.customNetworking && !ipv6 && existing
        ? subnetsOf((a.addon?.vpcCni?.podSubnets as string[] | undefined) ?? [], a.region).map((s) => ({ name: s.az, subnet: s.id }))
        : [],
    service: {
      type: a.ingress === 'nlb' ? 'LoadBalancer' : 'ClusterIP',
      port: servicePort,
      portName: nlbTls ? 'https' : 'http',
      portNote: nlbTls
        ? 'The Network Load Balancer listens here with TLS and sends plain TCP to the container port.'
        : a.cni.networkPolicy
          ? "The container's own port: the VPC CNI matches network policies on it."
          : undefined,
      annotations: [],
      sourceRanges: a.ingress === 'nlb' ? a.ingressSourceCidrs : [],
    },
    subnetTagCommands: existing ? subnetTagCommands(a, pub, priv) : [],
    lbScheme: a.ingress !== 'none' ? scheme : undefined,
  };
  if (a.cni.podSecurityGroups) {
    const groupIds = ['${POD_SECURITY_GROUP_ID}', ...(appOnFargate(a) ? ['${CLUSTER_SECURITY_GROUP_ID}'] : [])];
    plan.securityGroupPolicy = {
      name: a.app.name,
      namespace: ns,
      labels: appLabels,
      selector: { [APP_LABEL]: a.app.name },
      groupIds,
      variables: groupIds.map((g) => g.slice(2, -1)),
    };
  }
  if (a.cni.networkPolicy) {
    // Target type ip: the load balancer connects from its own addresses in the VPC. The VPC's IPv6
    // range exists only once AWS gives it, so under IPv6 a policy of its own is filled in at apply time.
    const applyTime = ipv6 || a.service === true;
    const lbSources = a.ingress === 'none' || applyTime ? [] : a.vpcCidr ? [a.vpcCidr] : [...pub, ...priv].map((s) => s.cidr);
    if (applyTime && a.ingress !== 'none') {
      plan.lbPolicyFile = `k8s/${a.app.name}/06-networkpolicy-lb.yaml.tmpl`;
      plan.lbPolicyVariable = ipv6 ? 'VPC_IPV6_CIDR' : 'VPC_CIDR';
    }
    plan.networkPolicy = {
      namespace: ns,
      labels: { 'app.kubernetes.io/part-of': a.name },
      appName: a.app.name,
      selector: { [APP_LABEL]: a.app.name },
      port: a.app.port,
      clientLabel: { key: `${a.app.name}-client`, value: 'true' },
      lbSources,
      lbPolicyName: `${a.app.name}-from-load-balancer`,
      anyAddress: ipv6 ? '::/0' : '0.0.0.0/0',
      podIdentityAgent: ctx.podIdentity ? (ipv6 ? POD_IDENTITY_AGENT.ipv6 : POD_IDENTITY_AGENT.ipv4) : undefined,
    };
  }
  if (a.ingress === 'alb') {
    const ann: KV[] = [
      { key: LBC.alb.scheme, value: scheme },
      // ip targets: the only kind Fargate pods and IPv6 pods can be.
      { key: LBC.alb.targetType, value: 'ip' },
      { key: LBC.alb.listenPorts, value: tls ? '[{"HTTP": 80}, {"HTTPS": 443}]' : '[{"HTTP": 80}]' },
      { key: LBC.alb.healthcheckPath, value: '/' },
    ];
    if (ipv6) ann.push({ key: LBC.alb.ipAddressType, value: 'dualstack' });
    if (tls)
      ann.push(
        { key: LBC.alb.certificateArn, value: certificateArn },
        { key: LBC.alb.sslPolicy, value: ELB_TLS_POLICY },
        { key: LBC.alb.sslRedirect, value: '443' },
      );
    if (a.ingressSourceCidrs.length) ann.push({ key: LBC.alb.inboundCidrs, value: a.ingressSourceCidrs.join(',') });
    if (a.wafAclArn) ann.push({ key: LBC.alb.wafv2AclArn, value: a.wafAclArn });
    if (a.app.hostname && withExternalDns(a)) ann.push({ key: LBC.externalDnsHostname, value: a.app.hostname });
    plan.ingress = { scheme, annotations: ann, className: a.service === true ? a.ingressClass : LBC.ingressClass, host: a.app.hostname || undefined };
  }
  if (a.ingress === 'nlb') {
    plan.service.annotations = [
      { key: LBC.nlb.type, value: 'external' },
      { key: LBC.nlb.targetType, value: 'ip' },
      { key: LBC.nlb.scheme, value: scheme },
      ...(ipv6 ? [{ key: LBC.nlb.ipAddressType, value: 'dualstack' }] : []),
      ...(nlbTls
        ? [
            { key: LBC.nlb.sslCert, value: certificateArn },
            { key: LBC.nlb.sslPorts, value: '443' },
            { key: LBC.nlb.sslNegotiationPolicy, value: ELB_TLS_POLICY },
          ]
        : []),
      // The Service has no rule host, so its name goes to external-dns as an annotation.
      ...(a.app.hostname ? [{ key: LBC.externalDnsHostname, value: a.app.hostname }] : []),
    ];
  }
  if (a.ingress !== 'none') {
    const lbFile = a.ingress === 'alb' ? `k8s/${a.app.name}/35-ingress.yaml` : `k8s/${a.app.name}/30-service.yaml`;
    plan.edge = {
      tls: tls ? { certificateArn, requested: a.tls.domain || undefined, hostedZoneId: a.tls.hostedZoneId } : undefined,
      hostname: a.app.hostname,
      externalDns: withExternalDns(a),
      dnsZones: (a.addon?.externalDns?.hostedZoneIds as string[] | undefined) ?? [],
      sources: a.ingressSourceCidrs,
      publicByChoice: wholeInternet(a.ingressSourceCidrs).length > 0,
      wafAclArn: a.wafAclArn,
      templateFile: a.tls.domain && tls ? `${lbFile}.tmpl` : undefined,
    };
  }
  if (a.endpoint === 'private') {
    const china = ctx.partition === 'aws-cn';
    plan.privateChecklist = {
      endpoints: PRIVATE_CLUSTER_ENDPOINTS.filter((e) => e.service !== 'eks-auth' || ctx.podIdentity)
        .filter((e) => e.service !== 'elasticloadbalancing' || addons.includes('aws-load-balancer-controller'))
        // Session Manager endpoints serve the tunnel of a fully private cluster.
        .filter((e) => !['ssm', 'ssmmessages', 'ec2messages'].includes(e.service) || privateOnly)
        .filter((e) => e.service !== 'logs' || a.logTypes.length > 0 || !privateOnly)
        .map((e) => ({
          service: e.service,
          // China prefixes some service names with cn.; where that is not known, the README looks the name up.
          name: !china
            ? `com.amazonaws.${a.region}.${e.service}`
            : e.chinaPrefix === undefined
              ? `(looked up) ${a.region}.${e.service}`
              : `${e.chinaPrefix ? 'cn.' : ''}com.amazonaws.${a.region}.${e.service}`,
          type: e.type,
          why: e.why,
          eksctl: e.eksctl && privateOnly,
        })),
    };
  }
  return plan;
}

function subnetTagCommands(a: Answers, pub: SubnetSpec[], priv: SubnetSpec[]): string[] {
  const cmds: string[] = [];
  const tag = (subnets: SubnetSpec[], key: string, value: string) =>
    cmds.push(`aws ec2 create-tags --region ${a.region} --resources ${subnets.map((s) => s.id).join(' ')} --tags Key=${key},Value=${value}`);
  if (pub.length > 0) tag(pub, LBC.publicSubnetTag, '1');
  if (priv.length > 0) tag(priv, LBC.privateSubnetTag, '1');
  // Karpenter finds the node subnets by this tag (the EC2NodeClass selects it).
  if (computeOf(a).nodePool && priv.length > 0) tag(priv, 'karpenter.sh/discovery', a.name);
  return cmds;
}

/** The DNS rule of the default-deny policy selects CoreDNS by these labels. */
export const DNS_PEER = { namespace: KUBE_DNS.namespace, podLabels: KUBE_DNS.podLabels, port: KUBE_DNS.port };
