import { problemsOf } from './compute.helpers.ts';
// Networking: the VPC, endpoint access, IP family, VPC CNI modes, CoreDNS and load
// balancing. Every option alone and the combinations that matter render output the upstream oracles
// accept (eksctl schema, Kubernetes OpenAPI, CRDs) and the project's own validator passes; add-on
// configuration keys are the ones AWS documents; every constraint fails with one line naming the field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { QUESTIONS } from '../src/answers/registry.ts';
import { flagName } from '../src/answers/paths.ts';
import { parseAnswersFile } from '../src/answers/file.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { fullHelp } from '../src/cli/help.ts';
import { runWizard } from '../src/cli/wizard.ts';
import { isNitro, recommendedMaxPods } from '../src/data/network.ts';
import { HELM_CHARTS } from '../src/data/versions.ts';
import { parseSubnet } from '../src/plan/network.ts';
import { resolve } from '../src/plan/resolve.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { APPLY_TIME_SAMPLES, validateFiles } from '../src/validate/index.ts';
import { renderAnswers, TODAY, validatorErrors, type Rendered } from './support/project.ts';
import { sharedAvailable, skipNote, unknownHelmKeys, validateClusterConfig, validateK8sYaml } from './support/oracles.ts';
import type { Prompter } from '../src/cli/prompter.ts';

const SHARED = sharedAvailable();
const ACCOUNT = '111122223333';
const VPC = 'vpc-0123456789abcdef0';
const PUBLIC = ['us-east-1a:subnet-0aaaaaaaaaaaaaaa1:10.0.0.0/20', 'us-east-1b:subnet-0aaaaaaaaaaaaaaa2:10.0.16.0/20'];
const PRIVATE = ['us-east-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.64.0/19', 'us-east-1b:subnet-0bbbbbbbbbbbbbbb2:10.0.96.0/19'];
const POD_SUBNETS = ['us-east-1a:subnet-0ccccccccccccccc1:100.64.0.0/19', 'us-east-1b:subnet-0ccccccccccccccc2:100.64.32.0/19'];
const EXISTING: PartialAnswers = { vpcId: VPC, subnets: { public: PUBLIC, private: PRIVATE } };
/** Values only known at apply time, as the README steps export them. */
const APPLY_TIME = APPLY_TIME_SAMPLES;
const envsubst = (text: string) => text.replace(/\$\{(\w+)\}/g, (m, v: string) => (v === 'AWS_ACCOUNT_ID' ? m : (APPLY_TIME[v] ?? m)));

/** Everything a rendered project must satisfy; returns the problems. */
function outputProblems({ plan, files }: Rendered): string[] {
  const out: string[] = [];
  const k8s = plan.answers.kubernetesVersion;
  for (const [p, raw] of files) {
    const content = envsubst(raw);
    if (p.startsWith('eksctl/')) {
      if (SHARED) for (const e of validateClusterConfig(parse(content))) out.push(`${p}: ${e}`);
    } else if (p.startsWith('k8s/')) {
      for (const d of parseAllDocuments(content)) {
        const obj = d.toJS();
        if (!obj) continue;
        if (/\$\{/.test(JSON.stringify(obj).replace(/\$\{AWS_ACCOUNT_ID\}/g, ''))) out.push(`${p}: an apply-time value is left unfilled`);
        if (SHARED && obj.apiVersion !== 'snapshot.storage.k8s.io/v1') for (const e of validateK8sYaml(d.toString(), k8s)) out.push(`${p}: ${e}`);
      }
    } else if (p.startsWith('helm/') && SHARED) {
      const chart = plan.helmReleases.find((r) => r.valuesFile === p)?.release ?? (p === plan.karpenter?.valuesFile ? 'karpenter' : p);
      for (const k of unknownHelmKeys(chart, parse(content))) out.push(`${p}: ${k} is not a value of chart ${chart}`);
    }
  }
  // The project's own validator over what it generates (apply-time files included).
  const { findings } = validateFiles(
    [...files].map(([path, content]) => ({ path: path.replace(/\.tmpl$/, ''), content: envsubst(content) })),
    validationOptions(plan),
  );
  for (const f of findings.filter((x) => x.severity === 'error')) out.push(`validator: ${f.file} ${f.path}: ${f.message} [${f.rule}]`);
  // Add-on configuration keys are the documented ones, and every vpc-cni value is a string (the validator's rule).
  for (const f of findings.filter((x) => x.rule === 'eksctl-addon-config')) out.push(`validator: ${f.file} ${f.path}: ${f.message}`);
  return out;
}

if (!SHARED) test('upstream oracles', () => skipNote('eksctl schema, Kubernetes OpenAPI, CRD and Helm values checks of the networking output'));

// ---------------------------------------------------------------- the answers contract

test('keys and flags: every networking key is a kebab-case flag, listed in --help', () => {
  const keys = [
    'ipFamily',
    'vpcId',
    'vpcCidr',
    'natGateway',
    'subnets.public',
    'subnets.private',
    'endpoint',
    'publicAccessCidrs',
    'cni.prefixDelegation',
    'cni.podSecurityGroups',
    'cni.customNetworking',
    'cni.networkPolicy',
    'cni.externalSnat',
    'coreDns.replicas',
    'coreDns.autoscaling',
    'ingress',
  ];
  const flags = [
    '--ip-family',
    '--vpc-id',
    '--vpc-cidr',
    '--nat-gateway',
    '--subnets-public',
    '--subnets-private',
    '--endpoint',
    '--public-access-cidrs',
    '--prefix-delegation',
    '--pod-security-groups',
    '--custom-networking',
    '--network-policy',
    '--external-snat',
    '--core-dns-replicas',
    '--core-dns-autoscaling',
    '--ingress',
  ];
  assert.equal(
    keys.map((k) => `--${flagName(k)}`),
    flags,
  );
  const help = fullHelp(TODAY);
  for (const k of keys) {
    assert.ok(
      QUESTIONS.some((q) => q.key === k),
      k,
    );
    assert.ok(help.includes(`--${flagName(k)}`), `--help lists --${flagName(k)}`);
  }
  for (const f of ['--addon-vpc-cni-pod-subnets', '--addon-aws-load-balancer-controller-scheme']) assert.ok(help.includes(f), f);
});

test('answers file: subnets and coreDns are nested maps', () => {
  const a = parseAnswersFile(
    `vpcId: ${VPC}\nsubnets:\n  public: [${PUBLIC.join(', ')}]\n  private: [${PRIVATE.join(', ')}]\ncoreDns:\n  replicas: 3\n  autoscaling: true\n`,
    'answers.yaml',
  );
  assert.equal(a.subnets, { public: PUBLIC, private: PRIVATE });
  assert.equal(a.coreDns, { replicas: 3, autoscaling: true });
  assert.throws(() => parseAnswersFile('subnets: subnet-1\n', 'a.yaml'), /subnets: expected a map with public, private/);
  assert.throws(() => parseAnswersFile('coreDns:\n  replicas: two\n', 'a.yaml'), /coreDns.replicas: expected a whole number/);
});

test('defaults: a new IPv4 VPC with one NAT gateway per AZ, private endpoint, no CNI modes; the answers keep only what was chosen', () => {
  const plan = resolve({}, TODAY);
  const a = plan.answers;
  assert.equal([a.ipFamily, a.vpcId, a.vpcCidr, a.natGateway, a.endpoint], ['ipv4', '', '192.168.0.0/16', 'HighlyAvailable', 'private']);
  assert.equal(
    [a.cni.prefixDelegation, a.cni.podSecurityGroups, a.cni.customNetworking, a.cni.networkPolicy, a.cni.externalSnat],
    [false, false, false, false, false],
  );
  assert.equal(a.coreDns, { replicas: 2, autoscaling: false });
  assert.equal([a.ingress, a.storage, a.volumeSnapshots], ['none', [], false]);
  assert.equal(resolve({ ipFamily: 'ipv6' }, TODAY).answers.natGateway, 'Single', 'eksctl builds IPv6 VPCs with one NAT gateway');
  assert.equal(resolve({ ...EXISTING }, TODAY).answers.natGateway, 'Disable', "eksctl leaves an existing VPC's routing alone");
  assert.equal(resolve({ ...EXISTING }, TODAY).answers.vpcCidr, '');
  // Implied add-ons join the plan, not the answers: --addons validation sees only the user's list.
  const lb = resolve({ ingress: 'alb' }, TODAY);
  assert.equal(lb.answers.addons, []);
  assert.ok(lb.helmReleases.some((r) => r.id === 'aws-load-balancer-controller'));
  assert.ok(
    resolve({ ingress: 'alb', addons: ['aws-load-balancer-controller'] }, TODAY).helmReleases.filter((r) => r.id === 'aws-load-balancer-controller').length ===
      1,
  );
});

test("the default project passes the project's own validator with no findings (PodDisruptionBudget included)", async () => {
  const { plan, files } = await renderAnswers({});
  assert.ok(files.has('k8s/web/50-pdb.yaml'));
  const { findings } = validateFiles(
    [...files].map(([path, content]) => ({ path, content })),
    validationOptions(plan),
  );
  assert.equal(
    findings.filter((f) => f.severity !== 'unchecked'),
    [],
  );
  // One replica needs no budget.
  assert.not.ok((await renderAnswers({ app: { replicas: 1 } })).files.has('k8s/web/50-pdb.yaml'));
});

// ---------------------------------------------------------------- each option alone, and combinations

const ALONE: Record<string, PartialAnswers> = {
  vpcCidr: { vpcCidr: '10.20.0.0/16' },
  'natGateway Single': { natGateway: 'Single' },
  'natGateway Disable (fully private)': { natGateway: 'Disable', app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 } },
  'existing VPC': { ...EXISTING },
  'existing VPC, private subnets only': { vpcId: VPC, vpcCidr: '10.0.0.0/16', subnets: { private: PRIVATE } },
  'endpoint public-private': { publicAccessCidrs: ['203.0.113.0/24'] },
  'endpoint public, open to the internet': { endpoint: 'public', publicAccessCidrs: ['0.0.0.0/0'], allowPublicInternet: true },
  'ipFamily ipv6': { ipFamily: 'ipv6' },
  prefixDelegation: { cni: { prefixDelegation: true } },
  podSecurityGroups: { cni: { podSecurityGroups: true } },
  customNetworking: { ...EXISTING, cni: { customNetworking: true }, addon: { vpcCni: { podSubnets: POD_SUBNETS } } },
  networkPolicy: { cni: { networkPolicy: true } },
  externalSnat: { cni: { externalSnat: true } },
  'coreDns.replicas': { coreDns: { replicas: 3 } },
  'coreDns.autoscaling': { coreDns: { autoscaling: true } },
  'ingress alb': { ingress: 'alb' },
  'ingress nlb': { ingress: 'nlb' },
};

const COMBINATIONS: Record<string, PartialAnswers> = {
  'private IPv4: prefix delegation, network policy, ALB, EBS': { cni: { prefixDelegation: true, networkPolicy: true }, ingress: 'alb', storage: ['ebs'] },
  'IPv6 with an internet-facing NLB, network policy and IRSA': {
    ipFamily: 'ipv6',
    ingress: 'nlb',
    cni: { networkPolicy: true },
    identity: 'irsa',
    accountId: ACCOUNT,
    addon: { awsLoadBalancerController: { scheme: 'internet-facing' } },
    ingressSourceCidrs: ['2001:db8:100::/48'],
  },
  'IPv6 on Fargate with an ALB': { ipFamily: 'ipv6', compute: 'fargate', accountId: ACCOUNT, ingress: 'alb' },
  'IPv6 with Karpenter': { ipFamily: 'ipv6', compute: 'karpenter' },
  'every CNI mode at once on an existing VPC': {
    ...EXISTING,
    cni: { prefixDelegation: true, podSecurityGroups: true, customNetworking: true, networkPolicy: true, externalSnat: true },

    addon: { vpcCni: { podSubnets: POD_SUBNETS } },
    ingress: 'alb',
    coreDns: { replicas: 3, autoscaling: true },
  },
  'Karpenter with prefix delegation and custom networking': {
    ...EXISTING,
    compute: 'karpenter',
    cni: { prefixDelegation: true, customNetworking: true },

    addon: { vpcCni: { podSubnets: POD_SUBNETS } },
  },
  'self-managed with prefix delegation and security groups for pods': {
    compute: 'self-managed',
    nodeGroup: { instanceTypes: ['m7i.large', 'c7i.xlarge'] },
    cni: { prefixDelegation: true, podSecurityGroups: true },
  },
  'security groups for pods on Fargate': { compute: 'fargate', accountId: ACCOUNT, cni: { podSecurityGroups: true }, ingress: 'alb' },
  'Windows nodes with prefix delegation': { windowsNodes: true, identity: 'irsa', accountId: ACCOUNT, cni: { prefixDelegation: true } },
  'fully private with pod identity and control-plane logs': {
    natGateway: 'Disable',
    app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 },
  },
  'existing VPC with Karpenter and an internet-facing ALB': {
    ...EXISTING,
    compute: 'karpenter',
    ingress: 'alb',
    addon: { awsLoadBalancerController: { scheme: 'internet-facing' } },
    ingressSourceCidrs: ['198.51.100.0/24'],
  },
};

for (const [name, answers] of Object.entries({ ...ALONE, ...COMBINATIONS })) {
  test(`renders and validates: ${name}`, async () => {
    const r = await renderAnswers(answers);
    assert.equal(outputProblems(r), []);
  });
}

// ---------------------------------------------------------------- what each option writes

test('VPC: a new VPC writes cidr and nat; an existing one its subnets by AZ, and README create-tags commands', async () => {
  const fresh = parse((await renderAnswers({ vpcCidr: '10.20.0.0/16', natGateway: 'Single' })).files.get('eksctl/cluster.yaml')!);
  assert.equal(fresh.vpc.cidr, '10.20.0.0/16');
  assert.equal(fresh.vpc.nat, { gateway: 'Single' });
  assert.equal(fresh.vpc.id, undefined);
  const { files } = await renderAnswers({ ...EXISTING, compute: 'karpenter' });
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  assert.is(cluster.vpc.id, VPC);
  assert.equal(cluster.vpc.subnets.private, {
    'us-east-1a': { id: 'subnet-0bbbbbbbbbbbbbbb1', cidr: '10.0.64.0/19' },
    'us-east-1b': { id: 'subnet-0bbbbbbbbbbbbbbb2', cidr: '10.0.96.0/19' },
  });
  assert.equal(Object.keys(cluster.vpc.subnets.public), ['us-east-1a', 'us-east-1b']);
  assert.equal(cluster.vpc.nat, undefined, 'eksctl ignores vpc.nat for an existing VPC');
  const readme = files.get('README.md')!;
  assert.ok(
    readme.includes(
      'aws ec2 create-tags --region us-east-1 --resources subnet-0aaaaaaaaaaaaaaa1 subnet-0aaaaaaaaaaaaaaa2 --tags Key=kubernetes.io/role/elb,Value=1',
    ),
  );
  assert.ok(
    readme.includes(
      'aws ec2 create-tags --region us-east-1 --resources subnet-0bbbbbbbbbbbbbbb1 subnet-0bbbbbbbbbbbbbbb2 --tags Key=kubernetes.io/role/internal-elb,Value=1',
    ),
  );
  assert.ok(readme.includes('--tags Key=karpenter.sh/discovery,Value=my-cluster'));
  assert.ok(readme.indexOf('### Tag the subnets for load balancers') < readme.indexOf('### Create the cluster'));
  // Karpenter finds an existing VPC's subnets by the discovery tag the README adds.
  assert.equal(parse(files.get('k8s/karpenter/10-ec2nodeclass.yaml')!).spec.subnetSelectorTerms, [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }]);
  // eksctl tags the subnets it creates itself: no create-tags step for a new VPC.
  assert.not.match((await renderAnswers({})).files.get('README.md')!, /create-tags/);
});

test('endpoint: private writes the checklist with the VPC endpoints; public-private and 0.0.0.0/0 keep their rules', async () => {
  const priv = (await renderAnswers({ ingress: 'alb' })).files.get('README.md')!;
  assert.match(priv, /## Private API endpoint/);
  for (const svc of ['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'logs', 'eks', 'eks-auth', 'elasticloadbalancing'])
    assert.ok(priv.includes(`\`com.amazonaws.us-east-1.${svc}\``), svc);
  assert.match(priv, /\| s3 \| `com.amazonaws.us-east-1.s3` \| Gateway \|/);
  assert.match(priv, /images from public registries need the NAT gateway/);
  assert.match(priv, /nodeadm `NodeConfig`/);
  const irsa = (await renderAnswers({ identity: 'irsa', accountId: ACCOUNT })).files.get('README.md')!;
  assert.not.ok(irsa.includes('eks-auth'), 'EKS Auth serves Pod Identity only');
  const pub = await renderAnswers({ publicAccessCidrs: ['203.0.113.0/24'] });
  assert.not.match(pub.files.get('README.md')!, /## Private API endpoint/);
  assert.equal(parse(pub.files.get('eksctl/cluster.yaml')!).vpc.clusterEndpoints, { privateAccess: true, publicAccess: true });
  assert.equal(problemsOf({ publicAccessCidrs: ['0.0.0.0/0'] }), [
    'publicAccessCidrs: 0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own CIDRs, or confirm with --allow-public-internet',
  ]);
  const cn = await renderAnswers({ region: 'cn-north-1', identity: 'irsa', accountId: ACCOUNT });
  assert.ok(cn.files.get('README.md')!.includes('`cn.com.amazonaws.cn-north-1.ecr.api`'));
});

test('fully private (natGateway Disable): public only to the creator while eksctl builds it, endpoints and a Session Manager tunnel, in an order that completes', async () => {
  const { plan, files } = await renderAnswers(COMBINATIONS['fully private with pod identity and control-plane logs']);
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  assert.equal(cluster.privateCluster, { enabled: true });
  assert.equal(cluster.vpc.clusterEndpoints, undefined, 'eksctl refuses clusterEndpoints on a fully private cluster');
  // eksctl turns public access on while it creates the cluster: only the creator's address reaches it.
  assert.equal(cluster.vpc.publicAccessCIDRs, ['${CREATOR_CIDR}']);
  assert.match(files.get('eksctl/cluster.yaml')!, /private subnets only/);
  assert.not.match(files.get('eksctl/cluster.yaml')!, /one public and one private subnet/);
  assert.equal(cluster.vpc.nat, { gateway: 'Disable' });
  for (const ng of cluster.managedNodeGroups) assert.is(ng.privateNetworking, true);
  const titles = plan.steps.map((s) => s.title);
  const at = (t: string) => {
    const i = titles.indexOf(t);
    assert.ok(i >= 0, `no step ${t}: ${titles.join(' / ')}`);
    return i;
  };
  // Everything that needs the EKS or EC2 APIs runs from your machine before kubectl needs the private endpoint.
  assert.ok(at('Let only your address reach the API while the cluster is created') < at('Create the cluster'));
  assert.ok(at('Create the cluster') < at('Create the VPC endpoints eksctl does not create'));
  assert.ok(at('Create the VPC endpoints eksctl does not create') < at('Reach the private API endpoint through a node'));
  assert.ok(at('Reach the private API endpoint through a node') < at('Deploy web'));
  assert.not.ok(titles.includes('Make the API endpoint private'), 'eksctl closes public access itself');
  const step = plan.steps[at('Create the VPC endpoints eksctl does not create')];
  // Session Manager needs ssm, ssmmessages and ec2messages; each endpoint is created only if missing.
  for (const svc of ['eks', 'eks-auth', 'ssm', 'ssmmessages', 'ec2messages'])
    assert.ok(
      step.commands.some((c) => c.includes(`'.us-east-1.${svc}'`) && c.includes('|| aws ec2 create-vpc-endpoint')),
      svc,
    );
  const tunnel = plan.steps[at('Reach the private API endpoint through a node')].commands.join('\n');
  assert.match(tunnel, /AWS-StartPortForwardingSessionToRemoteHost/);
  assert.match(tunnel, /--tls-server-name="\$ENDPOINT_HOST"/);
  assert.match(files.get('README.md')!, /\| ec2 \| `com.amazonaws.us-east-1.ec2` \| Interface \| .* \| eksctl \|/);
  assert.match(files.get('README.md')!, /\| logs \| `com.amazonaws.us-east-1.logs` \| Interface \| .* \| eksctl \|/);
});

test('endpoint public: public access only, and refused when the CIDRs would lock the nodes out', async () => {
  const { files } = await renderAnswers(ALONE['endpoint public, open to the internet']);
  assert.equal(parse(files.get('eksctl/cluster.yaml')!).vpc.clusterEndpoints, { privateAccess: false, publicAccess: true });
  const pp = await renderAnswers({ endpoint: 'public-private', publicAccessCidrs: ['203.0.113.0/24'] });
  assert.equal(parse(pp.files.get('eksctl/cluster.yaml')!).vpc.clusterEndpoints, { privateAccess: true, publicAccess: true });
  assert.equal(problemsOf({ endpoint: 'public', publicAccessCidrs: ['203.0.113.0/24'] }), [
    "endpoint: public alone leaves the nodes to reach the API from the NAT gateways' addresses, which are not in publicAccessCidrs (and unknown until the VPC exists), so they could not join; use --endpoint public-private",
  ]);
});

test('IPv6: IPv6 family, core add-ons listed, no vpc.nat; vpc-cni gets its IPv6 role from Pod Identity or IRSA; load balancers dualstack with ip targets', async () => {
  const { files } = await renderAnswers(COMBINATIONS['IPv6 with an internet-facing NLB, network policy and IRSA']);
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  assert.equal(cluster.kubernetesNetworkConfig, { ipFamily: 'IPv6' });
  assert.is(cluster.iam.withOIDC, true);
  for (const core of ['vpc-cni', 'coredns', 'kube-proxy'])
    assert.ok(
      cluster.addons.some((x: any) => x.name === core),
      core,
    );
  assert.equal(cluster.vpc.nat, undefined);
  const svc = parse(files.get('k8s/web/30-service.yaml')!);
  assert.is(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-ip-address-type'], 'dualstack');
  assert.is(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'], 'ip');
  const policies = parseAllDocuments(files.get('k8s/web/05-networkpolicy.yaml')!).map((d) => d.toJS());
  assert.equal(policies[2].spec.ingress[0].from.length, 1, 'under IPv6 only the client pods are in the main policy: no ::/0');
  // The load balancer sends from the VPC's IPv6 range, known at apply time: its own policy, filled in by the README.
  const lbPolicy = parse(files.get('k8s/web/06-networkpolicy-lb.yaml.tmpl')!);
  assert.equal(lbPolicy.spec.ingress, [{ from: [{ ipBlock: { cidr: '${VPC_IPV6_CIDR}' } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
  assert.equal(policies[2].spec.egress[0].to, [{ ipBlock: { cidr: '::/0' } }]);
  // With IRSA, eksctl gives vpc-cni an IRSA role with the IPv6 policy (no association on the add-on).
  assert.is(cluster.addons.find((x: any) => x.name === 'vpc-cni').useDefaultPodIdentityAssociations, undefined);
  // With Pod Identity, eksctl refuses the config unless vpc-cni's role comes through the agent ("Set one of: ...").
  const pi = await renderAnswers({ ipFamily: 'ipv6', cni: { networkPolicy: true } });
  const piCluster = parse(pi.files.get('eksctl/cluster.yaml')!);
  assert.is(piCluster.iam.withOIDC, false, 'no OIDC provider is needed');
  assert.is(piCluster.addons.find((x: any) => x.name === 'vpc-cni').useDefaultPodIdentityAssociations, true);
  assert.ok(piCluster.addons.some((x: any) => x.name === 'eks-pod-identity-agent'));
  assert.equal(await validatorErrors(pi), [], "eksctl's rules pass");
  // Karpenter is the same.
  const karp = await renderAnswers({ ipFamily: 'ipv6', compute: 'karpenter' });
  assert.is(parse(karp.files.get('eksctl/cluster.yaml')!).addons.find((x: any) => x.name === 'vpc-cni').useDefaultPodIdentityAssociations, true);
  assert.equal(await validatorErrors(karp), []);
  // Auto Mode runs the networking itself, so eksctl exempts it: no core add-ons, no refusal.
  const auto = await renderAnswers({ ipFamily: 'ipv6', compute: 'auto-mode' });
  const autoCluster = parse(auto.files.get('eksctl/cluster.yaml')!);
  assert.equal(autoCluster.kubernetesNetworkConfig, { ipFamily: 'IPv6' });
  assert.equal(autoCluster.addons ?? [], []);
  assert.equal(await validatorErrors(auto), []);
  assert.match(pi.files.get('README.md')!, /vpc-cni its own role with the IPv6 permissions through Pod Identity/);
  assert.not.match(pi.files.get('README.md')!, /requires the OIDC provider/);
  assert.match(pi.files.get('k8s/web/05-networkpolicy.yaml')!, /cidr: "fd00:ec2::23\/128"/);
  const alb = parse((await renderAnswers({ ipFamily: 'ipv6', ingress: 'alb' })).files.get('k8s/web/35-ingress.yaml')!);
  assert.is(alb.metadata.annotations['alb.ingress.kubernetes.io/ip-address-type'], 'dualstack');
});

test('prefix delegation: vpc-cni env, maxPodsPerNode from the instance types, 110 on Karpenter nodes, Windows ConfigMap', async () => {
  const cfg = (r: Rendered) => JSON.parse(parse(r.files.get('eksctl/cluster.yaml')!).addons.find((x: any) => x.name === 'vpc-cni').configurationValues);
  const managed = await renderAnswers({ cni: { prefixDelegation: true }, nodeGroup: { instanceTypes: ['m7i.large', 'm7i.xlarge'] } });
  assert.equal(cfg(managed), { env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' } });
  assert.is(parse(managed.files.get('eksctl/cluster.yaml')!).managedNodeGroups[0].maxPodsPerNode, 110);
  const big = await renderAnswers({ cni: { prefixDelegation: true }, nodeGroup: { instanceTypes: ['m7i.8xlarge'] } });
  assert.is(parse(big.files.get('eksctl/cluster.yaml')!).managedNodeGroups[0].maxPodsPerNode, 250, 'more than 30 vCPUs: 250');
  const small = await renderAnswers({ compute: 'self-managed', cni: { prefixDelegation: true }, nodeGroup: { instanceTypes: ['t3.micro'] } });
  assert.is(parse(small.files.get('eksctl/cluster.yaml')!).nodeGroups[0].maxPodsPerNode, 34);
  const k = await renderAnswers({ compute: 'karpenter', cni: { prefixDelegation: true } });
  assert.is(parse(k.files.get('k8s/karpenter/10-ec2nodeclass.yaml')!).spec.kubelet.maxPods, 110);
  const win = await renderAnswers(COMBINATIONS['Windows nodes with prefix delegation']);
  const winCni = JSON.parse(parse(win.files.get('eksctl/cluster.yaml')!).addons.find((x: any) => x.name === 'vpc-cni').configurationValues);
  assert.equal([winCni.enableWindowsIpam, winCni.enableWindowsPrefixDelegation], ['true', 'true']);
  assert.equal(parse(win.files.get('eksctl/cluster.yaml')!).managedNodeGroups[1].maxPodsPerNode, undefined, 'Windows nodes keep their own max pods');
  // Without prefix delegation or custom networking EKS computes max pods itself.
  assert.equal(parse((await renderAnswers({})).files.get('eksctl/cluster.yaml')!).managedNodeGroups[0].maxPodsPerNode, undefined);
});

test('max pods follow max-pods-calculator.sh: prefix and secondary-IP modes, custom networking, the 110/250 caps', () => {
  const pd = { prefixDelegation: true, customNetworking: false };
  const cn = { prefixDelegation: false, customNetworking: true };
  assert.is(recommendedMaxPods('m5.large', pd), 110);
  assert.is(recommendedMaxPods('m5.8xlarge', pd), 250);
  assert.is(recommendedMaxPods('t3.micro', pd), 34);
  assert.is(recommendedMaxPods('t3a.small', pd), 98);
  assert.is(recommendedMaxPods('m5.large', cn), 20);
  assert.is(recommendedMaxPods('m5.xlarge', cn), 44);
  assert.is(recommendedMaxPods('m5.4xlarge', cn), 110);
  assert.is(recommendedMaxPods('m4.large', { prefixDelegation: true, customNetworking: false }), 20, 'Xen falls back to secondary IPs');
  assert.is(recommendedMaxPods('x2idn.2xlarge', pd), 110, 'an unlisted large type: the cap decides');
  assert.is(recommendedMaxPods('x2idn.2xlarge', cn), undefined);
  assert.ok(isNitro('m7i.large') && isNitro('i3en.large') && isNitro('p3dn.24xlarge'));
  assert.not.ok(isNitro('m4.large') || isNitro('t2.micro') || isNitro('i3.large') || isNitro('c5.metal'));
});

test('security groups for pods: ENABLE_POD_ENI in standard mode, the VPC resource controller policy, a SecurityGroupPolicy that validates', async () => {
  const { plan, files } = await renderAnswers({ cni: { podSecurityGroups: true } });
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  assert.equal(JSON.parse(cluster.addons[0].configurationValues), { env: { ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: 'standard' } });
  assert.is(cluster.iam.vpcResourceControllerPolicy, true);
  const file = 'k8s/web/12-securitygrouppolicy.yaml.tmpl';
  const sgp = parse(envsubst(files.get(file)!));
  assert.equal(sgp.apiVersion, 'vpcresources.k8s.aws/v1beta1');
  assert.equal(sgp.spec.podSelector, { matchLabels: { 'app.kubernetes.io/name': 'web' } });
  assert.equal(sgp.spec.securityGroups.groupIds, [APPLY_TIME.POD_SECURITY_GROUP_ID]);
  if (SHARED) assert.equal(validateK8sYaml(envsubst(files.get(file)!), plan.answers.kubernetesVersion), []);
  // Applied through envsubst before the pods start; kubectl apply -f k8s/web/ skips the .tmpl.
  const steps = plan.steps.map((s) => s.title);
  assert.ok(steps.indexOf('Give the web pods their security group') < steps.indexOf('Deploy web'));
  assert.ok(plan.steps.some((s) => s.commands.includes(`envsubst '\${POD_SECURITY_GROUP_ID}' < ${file} | kubectl apply -f -`)));
  // On Fargate the cluster security group joins the pod's own, and no node setting is written.
  const fargate = await renderAnswers({ compute: 'fargate', accountId: ACCOUNT, cni: { podSecurityGroups: true } });
  assert.equal(parse(envsubst(fargate.files.get(file)!)).spec.securityGroups.groupIds, [
    APPLY_TIME.POD_SECURITY_GROUP_ID,
    APPLY_TIME.CLUSTER_SECURITY_GROUP_ID,
  ]);
  assert.equal(parse(fargate.files.get('eksctl/cluster.yaml')!).addons[0].configurationValues, undefined);
});

test('custom networking: env, one ENIConfig per AZ that validates against its CRD, nodes created after the ENIConfigs', async () => {
  const { plan, files } = await renderAnswers(ALONE.customNetworking);
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  assert.equal(JSON.parse(cluster.addons[0].configurationValues).env, {
    AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true',
    ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone',
  });
  const docs = parseAllDocuments(files.get('k8s/network/eniconfigs.yaml')!)
    .map((d) => d.toJS())
    .filter(Boolean);
  assert.equal(
    docs.map((d) => [d.metadata.name, d.spec.subnet]),
    [
      ['us-east-1a', 'subnet-0ccccccccccccccc1'],
      ['us-east-1b', 'subnet-0ccccccccccccccc2'],
    ],
  );
  if (SHARED) assert.equal(validateK8sYaml(files.get('k8s/network/eniconfigs.yaml')!, plan.answers.kubernetesVersion), []);
  const titles = plan.steps.map((s) => s.title);
  assert.ok(
    plan.steps
      .find((s) => s.title === 'Create the cluster')!
      .commands.find((c) => c.includes('eksctl create cluster'))!
      .endsWith('--without-nodegroup'),
  );
  assert.ok(titles.indexOf('Create the ENIConfigs') < titles.indexOf('Create the node groups'));
  assert.is(cluster.managedNodeGroups[0].maxPodsPerNode, 20, 'm7i.large keeps two ENIs for pods: 2 × 9 + 2');
});

test("network policy: enableNetworkPolicy, default deny, DNS to kube-dns, the app's ingress on the container port; Service port equals it", async () => {
  const { files } = await renderAnswers({ cni: { networkPolicy: true }, ingress: 'alb' });
  assert.equal(JSON.parse(parse(files.get('eksctl/cluster.yaml')!).addons[0].configurationValues), { enableNetworkPolicy: 'true' });
  const [deny, dns, app] = parseAllDocuments(files.get('k8s/web/05-networkpolicy.yaml')!).map((d) => d.toJS());
  assert.equal(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  assert.equal(dns.spec.egress[0].to[0], {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  });
  assert.equal(dns.spec.egress[0].ports, [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ]);
  assert.equal(app.spec.ingress[0].ports, [{ protocol: 'TCP', port: 8080 }]);
  assert.equal(app.spec.ingress[0].from, [
    { namespaceSelector: {}, podSelector: { matchLabels: { 'web-client': 'true' } } },
    { ipBlock: { cidr: '192.168.0.0/16' } },
  ]);
  assert.is(parse(files.get('k8s/web/30-service.yaml')!).spec.ports[0].port, 8080, 'the VPC CNI matches policies on the container port');
  assert.is(parse((await renderAnswers({})).files.get('k8s/web/30-service.yaml')!).spec.ports[0].port, 80);
  // An existing VPC without vpcCidr: the load balancer's subnets.
  const existing = parseAllDocuments(
    (await renderAnswers({ ...EXISTING, cni: { networkPolicy: true }, ingress: 'nlb' })).files.get('k8s/web/05-networkpolicy.yaml')!,
  ).map((d) => d.toJS());
  assert.equal(
    existing[2].spec.ingress[0].from.slice(1).map((x: any) => x.ipBlock.cidr),
    ['10.0.0.0/20', '10.0.16.0/20', '10.0.64.0/19', '10.0.96.0/19'],
  );
  // Without a load balancer only labelled peers get in.
  assert.equal(
    parseAllDocuments((await renderAnswers({ cni: { networkPolicy: true } })).files.get('k8s/web/05-networkpolicy.yaml')!).map((d) => d.toJS())[2].spec
      .ingress[0].from.length,
    1,
  );
});

test('external SNAT and CoreDNS write their add-on settings', async () => {
  const snat = parse((await renderAnswers({ cni: { externalSnat: true } })).files.get('eksctl/cluster.yaml')!);
  assert.equal(JSON.parse(snat.addons[0].configurationValues), { env: { AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' } });
  const coredns = async (a: PartialAnswers) =>
    parse((await renderAnswers(a)).files.get('eksctl/cluster.yaml')!).addons.find((x: any) => x.name === 'coredns').configurationValues;
  assert.equal(JSON.parse(await coredns({ coreDns: { replicas: 3 } })), { replicaCount: 3 });
  assert.equal(JSON.parse(await coredns({ coreDns: { autoscaling: true } })), { autoScaling: { enabled: true, minReplicas: 2, maxReplicas: 10 } });
  assert.equal(JSON.parse(await coredns({ coreDns: { replicas: 8, autoscaling: true } })), { autoScaling: { enabled: true, minReplicas: 8, maxReplicas: 16 } });
  assert.is(await coredns({}), undefined);
});

test('load balancing: alb writes an Ingress (class alb, scheme, target type ip) and installs the controller; nlb a LoadBalancer Service', async () => {
  const alb = await renderAnswers({
    ingress: 'alb',
    addon: { awsLoadBalancerController: { scheme: 'internet-facing' } },
    ingressSourceCidrs: ['198.51.100.0/24'],
  });
  const ing = parse(alb.files.get('k8s/web/35-ingress.yaml')!);
  assert.is(ing.spec.ingressClassName, 'alb');
  assert.is(ing.metadata.annotations['alb.ingress.kubernetes.io/scheme'], 'internet-facing');
  assert.is(ing.metadata.annotations['alb.ingress.kubernetes.io/target-type'], 'ip');
  assert.equal(ing.spec.rules[0].http.paths[0].backend.service, { name: 'web', port: { name: 'http' } });
  assert.ok(alb.plan.helmReleases.some((r) => r.id === 'aws-load-balancer-controller' && r.version === HELM_CHARTS['aws-load-balancer-controller'].version));
  assert.ok(alb.files.has('iam/my-cluster-lb-controller-policy.json'));
  const nlb = await renderAnswers({ ingress: 'nlb' });
  const svc = parse(nlb.files.get('k8s/web/30-service.yaml')!);
  assert.is(svc.spec.type, 'LoadBalancer');
  assert.equal(svc.metadata.annotations, {
    'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
  });
  assert.ok(nlb.plan.helmReleases.some((r) => r.id === 'aws-load-balancer-controller'));
  assert.not.ok(nlb.files.has('k8s/web/35-ingress.yaml'));
  // A Fargate-only cluster gives the controller a Fargate profile of its own.
  const fargate = parse((await renderAnswers({ compute: 'fargate', accountId: ACCOUNT, ingress: 'alb' })).files.get('eksctl/cluster.yaml')!);
  assert.ok(
    fargate.fargateProfiles.some(
      (p: any) => p.name === 'aws-load-balancer-controller' && p.selectors[0].labels['app.kubernetes.io/name'] === 'aws-load-balancer-controller',
    ),
  );
});

// ---------------------------------------------------------------- every constraint: one line naming the field and the fix

const REFUSED: [string, PartialAnswers, RegExp][] = [
  ['malformed VPC CIDR', { vpcCidr: 'nope' }, /^vpcCidr: "nope" is not a CIDR; write it as address\/prefix, e\.g\. 10\.0\.0\.0\/16$/],
  ['VPC CIDR with host bits', { vpcCidr: '10.0.0.1/16' }, /^vpcCidr: 10\.0\.0\.1\/16 has host bits set; the network is 10\.0\.0\.0\/16$/],
  ['VPC CIDR too large for eksctl', { vpcCidr: '10.0.0.0/8' }, /^vpcCidr: 10\.0\.0\.0\/8: eksctl takes a VPC CIDR from \/16 to \/24/],
  ['IPv6 VPC CIDR', { vpcCidr: 'fd00::/56' }, /^vpcCidr: fd00::\/56: the VPC CIDR is IPv4/],
  ['malformed VPC id', { vpcId: 'vpc-1' }, /^vpcId: "vpc-1" is not a VPC id; give vpc- and 8 or 17 hex digits/],
  [
    'unknown NAT mode',
    { natGateway: 'Disabled' as any },
    /^natGateway: must be one of HighlyAvailable, Single, Disable \(got "Disabled"; did you mean Disable\?\)$/,
  ],
  ['subnets without a VPC id', { subnets: { private: PRIVATE } }, /^subnets\.private: only used with an existing VPC; give --vpc-id vpc-\.\.\. too/],
  [
    'existing VPC without subnets',
    { vpcId: VPC },
    /^subnets\.private: an existing VPC needs private subnets for the nodes, one per AZ in at least two AZs; give --subnets-private /,
  ],
  [
    'only one AZ',
    { vpcId: VPC, subnets: { private: [PRIVATE[0]] } },
    /^subnets\.private: us-east-1a only: EKS needs subnets in at least two availability zones; add a private subnet in another AZ$/,
  ],
  [
    'one public subnet',
    { ...EXISTING, subnets: { public: [PUBLIC[0]], private: PRIVATE } },
    /^subnets\.public: us-east-1a only: eksctl takes no public subnets or at least two/,
  ],
  [
    'subnet entry without its CIDR',
    { vpcId: VPC, subnets: { private: ['us-east-1a:subnet-0bbbbbbbbbbbbbbb1', PRIVATE[1]] } },
    /^subnets\.private: "us-east-1a:subnet-0bbbbbbbbbbbbbbb1" is not az:subnet-id:cidr/,
  ],
  [
    'malformed subnet CIDR',
    { vpcId: VPC, subnets: { private: ['us-east-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.64.0/33', PRIVATE[1]] } },
    /^subnets\.private: us-east-1a:subnet-0bbbbbbbbbbbbbbb1:10\.0\.64\.0\/33: "10\.0\.64\.0\/33" is not a valid IPv4 CIDR$/,
  ],
  [
    'subnet in another region',
    { vpcId: VPC, subnets: { private: ['eu-west-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.64.0/19', PRIVATE[1]] } },
    /^subnets\.private: eu-west-1a .* is not an availability zone of us-east-1/,
  ],
  [
    'two subnets in one AZ',
    { vpcId: VPC, subnets: { private: [PRIVATE[0], 'us-east-1a:subnet-0bbbbbbbbbbbbbbb2:10.0.96.0/19'] } },
    /^subnets\.private: two subnets in us-east-1a/,
  ],
  [
    'subnet too small',
    { vpcId: VPC, subnets: { private: ['us-east-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.64.0/29', PRIVATE[1]] } },
    /^subnets\.private: .* has 3 usable addresses; EKS needs at least 6 free in each subnet \(16 or more recommended\): use a \/28 or larger subnet$/,
  ],
  [
    'overlapping subnets',
    { vpcId: VPC, subnets: { private: [PRIVATE[0], 'us-east-1b:subnet-0bbbbbbbbbbbbbbb2:10.0.64.0/20'] } },
    /^subnets\.private: 10\.0\.64\.0\/20 \(subnets\.private, us-east-1b\) overlaps 10\.0\.64\.0\/19 \(subnets\.private, us-east-1a\)/,
  ],
  [
    'public and private overlap',
    { vpcId: VPC, subnets: { public: ['us-east-1a:subnet-0aaaaaaaaaaaaaaa1:10.0.64.0/20', PUBLIC[1]], private: PRIVATE } },
    /^subnets\.private: 10\.0\.64\.0\/19 .* overlaps 10\.0\.64\.0\/20 \(subnets\.public, us-east-1a\)/,
  ],
  [
    'subnet outside the VPC CIDR',
    { ...EXISTING, vpcCidr: '10.0.0.0/24' },
    /^subnets\.public: 10\.0\.0\.0\/20 \(us-east-1a\) is outside vpcCidr 10\.0\.0\.0\/24/,
  ],
  [
    'NAT mode with an existing VPC',
    { ...EXISTING, natGateway: 'Single' },
    /^natGateway: eksctl leaves an existing VPC's routing alone \(it sets NAT to Disable\); drop --nat-gateway/,
  ],
  [
    'NAT mode with IPv6',
    { ipFamily: 'ipv6', natGateway: 'HighlyAvailable' },
    /^natGateway: eksctl builds IPv6 VPCs with one NAT gateway for IPv4 egress and takes no vpc\.nat setting; drop --nat-gateway$/,
  ],
  [
    'fully private with a public endpoint',
    { natGateway: 'Disable', publicAccessCidrs: ['203.0.113.0/24'], app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 } },
    /^endpoint: without NAT gateways the nodes have no internet access, so the cluster is built fully private .*; use --endpoint private, or --nat-gateway Single$/,
  ],
  [
    'fully private with a public image',
    { natGateway: 'Disable' },
    /^app\.image: public\.ecr\.aws\/nginx\/nginx-unprivileged:1\.30\.4-alpine: nodes without NAT gateways pull only from Amazon ECR in us-east-1/,
  ],
  [
    'fully private where eksctl cannot',
    { natGateway: 'Disable', region: 'eu-south-1', app: { image: `${ACCOUNT}.dkr.ecr.eu-south-1.amazonaws.com/web:1.0.0`, port: 8080 } },
    /^natGateway: eksctl does not build fully private clusters in eu-south-1/,
  ],
  ['public access CIDR that is IPv6', { publicAccessCidrs: ['2001:db8::/32'] }, /^publicAccessCidrs: 2001:db8::\/32: EKS public access CIDRs must be IPv4$/],
  ['dual-stack', { ipFamily: 'dual-stack' as any }, /^ipFamily: EKS has no dual-stack pods or Services: a cluster is either ipv4 or ipv6; choose one$/],
  [
    'IPv6 with Windows',
    { ipFamily: 'ipv6', windowsNodes: true, identity: 'irsa', accountId: ACCOUNT },
    /^ipFamily: IPv6 clusters run no Windows pods or Services; drop --windows-nodes or use --ip-family ipv4$/,
  ],
  [
    'IPv6 with self-managed nodes',
    { ipFamily: 'ipv6', compute: 'self-managed' },
    /^ipFamily: eksctl does not support self-managed node groups in IPv6 clusters/,
  ],
  [
    'IPv6 in China',
    { ipFamily: 'ipv6', region: 'cn-north-1', identity: 'irsa', accountId: ACCOUNT },
    /^ipFamily: EKS does not create IPv6 clusters in the China regions \(cn-north-1\)/,
  ],
  [
    'IPv6 on Xen instances',
    { ipFamily: 'ipv6', nodeGroup: { instanceTypes: ['m4.large'] } },
    /^nodeGroup.instanceTypes: m4\.large is not a Nitro instance type, and IPv6 pods need Nitro instances/,
  ],
  [
    'IPv6 with prefix delegation',
    { ipFamily: 'ipv6', cni: { prefixDelegation: true } },
    /^cni.prefixDelegation: IPv6 clusters always assign prefixes to nodes; drop --prefix-delegation$/,
  ],
  ['IPv6 with custom networking', { ipFamily: 'ipv6', cni: { customNetworking: true } }, /^cni.customNetworking: custom networking works with IPv4 only/],
  ['IPv6 with external SNAT', { ipFamily: 'ipv6', cni: { externalSnat: true } }, /^cni.externalSnat: SNAT applies to IPv4 pod traffic only/],
  [
    'prefix delegation on a non-Nitro family',
    { cni: { prefixDelegation: true }, nodeGroup: { instanceTypes: ['m4.large'] } },
    /^cni.prefixDelegation: m4\.large is not a Nitro instance type \(m4 runs on Xen\), and prefix delegation needs Nitro; use e\.g\. m7i\.large$/,
  ],
  [
    'prefix delegation on bare metal',
    { cni: { prefixDelegation: true }, nodeGroup: { instanceTypes: ['m5.metal'] } },
    /^cni.prefixDelegation: m5\.metal is bare metal/,
  ],
  [
    'prefix delegation on Fargate',
    { cni: { prefixDelegation: true }, compute: 'fargate', accountId: ACCOUNT },
    /^cni.prefixDelegation: Fargate pods get one address each/,
  ],
  [
    'prefix delegation with Auto Mode',
    { cni: { prefixDelegation: true }, compute: 'auto-mode' },
    /^cni.prefixDelegation: EKS Auto Mode runs pod networking itself/,
  ],
  [
    'prefix delegation on an unknown small type',
    { cni: { prefixDelegation: true }, nodeGroup: { instanceTypes: ['x2gd.medium'] } },
    /^nodeGroup.instanceTypes: the pods x2gd\.medium holds with prefix delegation are not known to this tool/,
  ],
  [
    'security groups for pods on Windows',
    { cni: { podSecurityGroups: true }, windowsNodes: true, identity: 'irsa', accountId: ACCOUNT },
    /^cni.podSecurityGroups: security groups for pods do not work on Windows nodes; drop --windows-nodes or --pod-security-groups$/,
  ],
  [
    'security groups for pods on t instances',
    { cni: { podSecurityGroups: true }, nodeGroup: { instanceTypes: ['t3.large'] } },
    /^cni.podSecurityGroups: t3\.large cannot carry a trunk network interface/,
  ],
  [
    'security groups for pods on Karpenter t instances',
    { cni: { podSecurityGroups: true }, compute: 'karpenter', karpenter: { instanceCategories: ['t', 'm'] } },
    /^cni.podSecurityGroups: Karpenter may launch t instances/,
  ],
  [
    'security groups for pods with Auto Mode',
    { cni: { podSecurityGroups: true }, compute: 'auto-mode' },
    /^cni.podSecurityGroups: EKS Auto Mode runs pod networking itself/,
  ],
  [
    'custom networking without an existing VPC',
    { cni: { customNetworking: true } },
    /^cni.customNetworking: pods need subnets from a secondary VPC CIDR, which eksctl does not create; use an existing VPC \(--vpc-id, --subnets-private\) and name the pod subnets with --addon-vpc-cni-pod-subnets$/,
  ],
  [
    'custom networking missing an AZ',
    { ...EXISTING, cni: { customNetworking: true }, addon: { vpcCni: { podSubnets: [POD_SUBNETS[0]] } } },
    /^addon\.vpcCni\.podSubnets: no pod subnet in us-east-1b, where the nodes run/,
  ],
  [
    'custom networking overlapping the node subnets',
    { ...EXISTING, cni: { customNetworking: true }, addon: { vpcCni: { podSubnets: ['us-east-1a:subnet-0ccccccccccccccc1:10.0.64.0/20', POD_SUBNETS[1]] } } },
    /^addon\.vpcCni\.podSubnets: 10\.0\.64\.0\/20 \(us-east-1a\) overlaps the node subnet 10\.0\.64\.0\/19/,
  ],
  [
    'custom networking with a malformed pod subnet',
    { ...EXISTING, cni: { customNetworking: true }, addon: { vpcCni: { podSubnets: ['us-east-1a:subnet-1:100.64.0.0/19'] } } },
    /^addon\.vpcCni\.podSubnets: "subnet-1" in us-east-1a:subnet-1:100\.64\.0\.0\/19 is not a subnet id/,
  ],
  [
    'custom networking on Fargate',
    { cni: { customNetworking: true }, compute: 'fargate', accountId: ACCOUNT },
    /^cni.customNetworking: Fargate pods take their addresses from the Fargate profile's subnets/,
  ],
  [
    'custom networking on Windows',
    { cni: { customNetworking: true }, windowsNodes: true, identity: 'irsa', accountId: ACCOUNT },
    /^cni.customNetworking: custom networking is not supported on Windows nodes/,
  ],
  [
    'custom networking with Karpenter, no prefixes',
    { ...EXISTING, compute: 'karpenter', cni: { customNetworking: true }, addon: { vpcCni: { podSubnets: POD_SUBNETS } } },
    /^cni.customNetworking: Karpenter would count the primary network interface's addresses/,
  ],
  [
    'custom networking on an unknown type',
    { ...EXISTING, cni: { customNetworking: true }, nodeGroup: { instanceTypes: ['x2idn.16xlarge'] }, addon: { vpcCni: { podSubnets: POD_SUBNETS } } },
    /^nodeGroup.instanceTypes: the pods x2idn\.16xlarge holds with custom networking are not known to this tool/,
  ],
  [
    'network policy on Fargate',
    { cni: { networkPolicy: true }, compute: 'fargate', accountId: ACCOUNT },
    /^cni.networkPolicy: the VPC CNI enforces network policies on EC2 Linux nodes only, not on Fargate; drop --network-policy or use --compute managed$/,
  ],
  [
    'network policy with the app on Fargate',
    { cni: { networkPolicy: true }, fargate: { namespaces: ['web'] }, identity: 'irsa', accountId: ACCOUNT },
    /^cni.networkPolicy: the application's namespace web runs on Fargate, where network policies are not enforced/,
  ],
  [
    'network policy on Windows',
    { cni: { networkPolicy: true }, windowsNodes: true, identity: 'irsa', accountId: ACCOUNT },
    /^cni.networkPolicy: network policies are not enforced on Windows nodes; drop --windows-nodes or --network-policy$/,
  ],
  [
    'network policy with Auto Mode',
    { cni: { networkPolicy: true }, compute: 'auto-mode' },
    /^cni.networkPolicy: EKS Auto Mode enables network policies through its NodeClass/,
  ],
  [
    'external SNAT on Fargate',
    { cni: { externalSnat: true }, compute: 'fargate', accountId: ACCOUNT },
    /^cni.externalSnat: external SNAT is a setting of EC2 nodes/,
  ],
  [
    'external SNAT without a NAT gateway',
    { cni: { externalSnat: true }, natGateway: 'Disable', app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 } },
    /^cni.externalSnat: external SNAT is for private subnets behind a NAT gateway, and natGateway is Disable/,
  ],
  ['CoreDNS replicas out of range', { coreDns: { replicas: 0 } }, /^coreDns\.replicas: must be a whole number from 1 to 100 \(got 0\)$/],
  ['CoreDNS settings with Auto Mode', { compute: 'auto-mode', coreDns: { autoscaling: true } }, /^coreDns\.autoscaling: EKS Auto Mode runs CoreDNS itself/],
  ['unknown ingress', { ingress: 'gateway' as any }, /^ingress: must be one of none, alb, nlb \(got "gateway"\)$/],
  ['load balancer with Auto Mode', { ingress: 'alb', compute: 'auto-mode' }, /^ingress: EKS Auto Mode balances load itself/],
  [
    'unknown scheme',
    { ingress: 'alb', addon: { awsLoadBalancerController: { scheme: 'public' } } },
    /^addon\.awsLoadBalancerController\.scheme: must be one of internal, internet-facing \(got "public"\)$/,
  ],
  [
    'internet-facing without public subnets',
    {
      vpcId: VPC,
      subnets: { private: PRIVATE },
      ingress: 'nlb',
      addon: { awsLoadBalancerController: { scheme: 'internet-facing' } },
      ingressSourceCidrs: ['198.51.100.0/24'],
    },
    /^addon\.awsLoadBalancerController\.scheme: an internet-facing load balancer needs public subnets, and --subnets-public is empty/,
  ],
  [
    'a Helm add-on in a fully private cluster',
    { natGateway: 'Disable', addons: ['secrets-store-csi-driver'], app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 } },
    /^addons: secrets-store-csi-driver installs from a Helm chart whose images come from public registries, which nodes without a NAT gateway cannot reach/,
  ],
  [
    'Karpenter in a fully private cluster',
    { natGateway: 'Disable', compute: 'karpenter', app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 } },
    /^compute: Karpenter installs from a Helm chart whose images come from public\.ecr\.aws/,
  ],
  [
    'Auto Mode in a fully private cluster',
    { natGateway: 'Disable', compute: 'auto-mode', app: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, port: 8080 } },
    /^natGateway: a fully private cluster is reached through a Session Manager tunnel to one of its EC2 nodes, and EKS Auto Mode nodes accept no sessions/,
  ],
];

for (const [name, answers, line] of REFUSED) {
  test(`refused with one line naming the field: ${name}`, () => {
    const lines = problemsOf(answers);
    assert.is(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], line);
  });
}

test('warnings: small subnets, a crowded VPC, a single CoreDNS replica', () => {
  const small = resolve(
    { vpcId: VPC, subnets: { private: ['us-east-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.64.0/28', 'us-east-1b:subnet-0bbbbbbbbbbbbbbb2:10.0.96.0/28'] } },
    TODAY,
  );
  assert.ok(
    small.warnings.some((w) => /^Subnet subnet-0bbbbbbbbbbbbbbb1 \(10\.0\.64\.0\/28\) has 11 usable addresses; EKS recommends at least 16 free/.test(w)),
  );
  assert.ok(small.warnings.some((w) => /^The private subnets have 22 usable addresses; 4 nodes with about 30 pods each need around 120/.test(w)));
  assert.ok(resolve({ coreDns: { replicas: 1 } }, TODAY).warnings.some((w) => /^CoreDNS runs a single replica/.test(w)));
});

test('subnet entries parse as az:subnet-id:cidr', () => {
  assert.equal(parseSubnet(PRIVATE[0], 'us-east-1'), { az: 'us-east-1a', id: 'subnet-0bbbbbbbbbbbbbbb1', cidr: '10.0.64.0/19', usable: 8187 });
  assert.equal(parseSubnet('us-gov-west-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.0.0/24', 'us-gov-west-1'), {
    az: 'us-gov-west-1a',
    id: 'subnet-0bbbbbbbbbbbbbbb1',
    cidr: '10.0.0.0/24',
    usable: 251,
  });
  assert.type(parseSubnet('us-west-2-lax-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.0.0/24', 'us-west-2'), 'string', 'Local Zones are not cluster AZs');
  assert.type(parseSubnet('us-east-1a:subnet-0bbbbbbbbbbbbbbb1:2600:1f18::/64', 'us-east-1'), 'string');
});

// ---------------------------------------------------------------- the wizard

function defaultsPrompter(replies: Record<string, unknown> = {}): { p: Prompter; asked: string[] } {
  const asked: string[] = [];
  const reply = (q: { message: string; default?: unknown }) => {
    asked.push(q.message);
    const key = Object.keys(replies).find((k) => q.message.startsWith(k));
    return (key !== undefined ? replies[key] : q.default) as any;
  };
  return {
    asked,
    p: {
      input: async (q) => {
        const v = reply(q);
        const ok = q.validate(String(v));
        if (ok !== true) throw new Error(`${q.message}: ${ok}`);
        return String(v);
      },
      select: async (q) => reply(q) ?? q.choices[0].value,
      checkbox: async (q) => reply(q) ?? [],
      confirm: async (q) => reply(q),
    },
  };
}

test('wizard: VPC questions in order, subnets only for an existing VPC, NAT not for IPv6, scheme only with a load balancer', async () => {
  const fresh = defaultsPrompter();
  const a = await runWizard({ addons: [] }, fresh.p, TODAY);
  const order = [
    'API server endpoint access',
    'IP family of pods and Services',
    'Existing VPC id (leave empty to create a new VPC)',
    'IPv4 CIDR of the new VPC',
    'NAT gateways for the private subnets',
    'How nodes run',
  ];
  assert.equal(
    fresh.asked.filter((q) => order.includes(q)),
    order,
  );
  assert.not.ok(fresh.asked.some((q) => q.startsWith('Public subnets') || q.startsWith('Load balancer scheme')));
  resolve(a, TODAY);
  const existing = defaultsPrompter({
    'Existing VPC id': VPC,
    'Public subnets': PUBLIC.join(','),
    'Private subnets': PRIVATE.join(','),
    'How the application is reached': 'alb',
    'Load balancer scheme': 'internet-facing',
    'CIDRs allowed to reach the load balancer': '198.51.100.0/24',
  });
  const b = await runWizard({ addons: [] }, existing.p, TODAY);
  assert.ok(existing.asked.includes('Public subnets of the VPC') && existing.asked.includes('Private subnets of the VPC (nodes and pods)'));
  assert.not.ok(existing.asked.includes('IPv4 CIDR of the new VPC') || existing.asked.includes('NAT gateways for the private subnets'));
  assert.equal(b.subnets, { public: PUBLIC, private: PRIVATE });
  assert.is(b.addon?.awsLoadBalancerController?.scheme, 'internet-facing');
  assert.is(resolve(b, TODAY).network.ingress!.scheme, 'internet-facing');
  const ipv6 = defaultsPrompter({ 'IP family': 'ipv6' });
  await runWizard({ addons: [] }, ipv6.p, TODAY);
  assert.not.ok(ipv6.asked.includes('NAT gateways for the private subnets'));
  // A malformed subnet is refused at the prompt, with the reason.
  const bad = defaultsPrompter({ 'Existing VPC id': VPC, 'Public subnets': 'subnet-0aaaaaaaaaaaaaaa1' });
  try {
    await runWizard({ addons: [] }, bad.p, TODAY);
    assert.unreachable('expected the prompt to refuse the subnet');
  } catch (e) {
    assert.match((e as Error).message, /^Public subnets of the VPC: "subnet-0aaaaaaaaaaaaaaa1" is not az:subnet-id:cidr/);
  }
  // Network policy is not offered where it cannot be enforced, and add-ons already implied are not offered again.
  const fargate = defaultsPrompter({ 'AWS account ID': ACCOUNT });
  await runWizard({ compute: 'fargate', addons: [] }, fargate.p, TODAY);
  assert.not.ok(fargate.asked.some((q) => q.startsWith('Enforce Kubernetes network policies')));
  const offered: string[] = [];
  const lb = defaultsPrompter({ 'How the application is reached': 'alb' });
  const checkbox = lb.p.checkbox;
  lb.p.checkbox = async (q) => {
    if (q.message === 'Add-ons to install') offered.push(...q.choices.map((c) => c.value));
    return checkbox(q);
  };
  await runWizard({}, lb.p, TODAY);
  assert.not.ok(offered.includes('aws-load-balancer-controller') || offered.includes('pdb'));
});

test.run();
