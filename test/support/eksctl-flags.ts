// The flags of eksctl v0.230.0's subcommands, read from its source (pkg/ctl/** flag sets, and the
// root command's persistent flags in cmd/eksctl/main.go) at tag v0.230.0. A fact table for tests:
// a README command whose flag is not here would fail with eksctl's "unknown flag".

interface Flags {
  /** Every long flag, without dashes. */
  flags: readonly string[];
  /** Those that take a value. */
  values: readonly string[];
  /** Short form to long name. */
  short: Readonly<Record<string, string>>;
}

const ROOT = { flags: ['help', 'verbose', 'color', 'dumpLogs'], values: ['verbose', 'color'], short: { h: 'help', v: 'verbose', C: 'color', d: 'dumpLogs' } };
const f = (flags: string[], values: string[], short: Record<string, string> = {}): Flags => ({
  flags: [...flags, ...ROOT.flags],
  values: [...values, ...ROOT.values],
  short: { ...short, ...ROOT.short },
});
const COMMON = { c: 'cluster', r: 'region', f: 'config-file', p: 'profile' };

export const EKSCTL_FLAGS: Readonly<Record<string, Flags>> = {
  'create cluster': f(
    [
      'name',
      'tags',
      'region',
      'with-oidc',
      'zones',
      'support-type',
      'version',
      'config-file',
      'timeout',
      'fargate',
      'dry-run',
      'nodegroup-name',
      'without-nodegroup',
      'vpc-cidr',
      'vpc-private-subnets',
      'vpc-public-subnets',
      'vpc-nat-mode',
      'enable-auto-mode',
      'profile',
      'cfn-role-arn',
      'cfn-disable-rollback',
      'kubeconfig',
      'set-kubeconfig-context',
      'auto-kubeconfig',
      'write-kubeconfig',
    ],
    [
      'name',
      'tags',
      'region',
      'zones',
      'support-type',
      'version',
      'config-file',
      'timeout',
      'nodegroup-name',
      'vpc-cidr',
      'vpc-private-subnets',
      'vpc-public-subnets',
      'vpc-nat-mode',
      'profile',
      'cfn-role-arn',
      'kubeconfig',
    ],
    { n: 'name', r: 'region', f: 'config-file', p: 'profile' },
  ),
  'create nodegroup': f(
    [
      'cluster',
      'tags',
      'region',
      'version',
      'config-file',
      'include',
      'exclude',
      'update-auth-configmap',
      'timeout',
      'subnet-ids',
      'dry-run',
      'skip-outdated-addons-check',
      'name',
      'profile',
      'cfn-role-arn',
      'cfn-disable-rollback',
    ],
    ['cluster', 'tags', 'region', 'version', 'config-file', 'include', 'exclude', 'timeout', 'subnet-ids', 'name', 'profile', 'cfn-role-arn'],
    { ...COMMON, n: 'name' },
  ),
  'create addon': f(
    [
      'name',
      'version',
      'service-account-role-arn',
      'auto-apply-pod-identity-associations',
      'force',
      'wait',
      'namespace-config',
      'attach-policy-arn',
      'cluster',
      'region',
      'config-file',
      'timeout',
      'profile',
    ],
    ['name', 'version', 'service-account-role-arn', 'namespace-config', 'attach-policy-arn', 'cluster', 'region', 'config-file', 'timeout', 'profile'],
    COMMON,
  ),
  'create iamserviceaccount': f(
    [
      'cluster',
      'name',
      'namespace',
      'attach-policy-arn',
      'attach-role-arn',
      'role-name',
      'role-only',
      'tags',
      'override-existing-serviceaccounts',
      'subject-pattern',
      'include',
      'exclude',
      'approve',
      'region',
      'config-file',
      'timeout',
      'profile',
      'cfn-role-arn',
      'cfn-disable-rollback',
    ],
    [
      'cluster',
      'name',
      'namespace',
      'attach-policy-arn',
      'attach-role-arn',
      'role-name',
      'tags',
      'subject-pattern',
      'include',
      'exclude',
      'region',
      'config-file',
      'timeout',
      'profile',
      'cfn-role-arn',
    ],
    COMMON,
  ),
  'create podidentityassociation': f(
    [
      'namespace',
      'service-account-name',
      'role-arn',
      'role-name',
      'permission-boundary-arn',
      'target-role-arn',
      'disable-session-tags',
      'policy',
      'create-service-account',
      'permission-policy-arns',
      'well-known-policies',
      'tags',
      'cluster',
      'region',
      'config-file',
      'timeout',
    ],
    [
      'namespace',
      'service-account-name',
      'role-arn',
      'role-name',
      'permission-boundary-arn',
      'target-role-arn',
      'policy',
      'permission-policy-arns',
      'well-known-policies',
      'tags',
      'cluster',
      'region',
      'config-file',
      'timeout',
    ],
    { c: 'cluster', r: 'region', f: 'config-file' },
  ),
  'create fargateprofile': f(
    ['name', 'namespace', 'labels', 'tags', 'cluster', 'region', 'config-file', 'timeout', 'profile'],
    ['name', 'namespace', 'labels', 'tags', 'cluster', 'region', 'config-file', 'timeout', 'profile'],
    { ...COMMON, l: 'labels', t: 'tags' },
  ),
  'delete cluster': f(
    [
      'name',
      'region',
      'wait',
      'force',
      'disable-nodegroup-eviction',
      'pod-eviction-wait-period',
      'parallel',
      'config-file',
      'timeout',
      'profile',
      'cfn-role-arn',
      'cfn-disable-rollback',
    ],
    ['name', 'region', 'pod-eviction-wait-period', 'parallel', 'config-file', 'timeout', 'profile', 'cfn-role-arn'],
    { n: 'name', r: 'region', w: 'wait', f: 'config-file', p: 'profile' },
  ),
  'delete nodegroup': f(
    [
      'cluster',
      'region',
      'name',
      'config-file',
      'approve',
      'include',
      'exclude',
      'only-missing',
      'update-auth-configmap',
      'drain',
      'max-grace-period',
      'pod-eviction-wait-period',
      'disable-eviction',
      'parallel',
      'wait',
      'timeout',
      'profile',
      'cfn-role-arn',
      'cfn-disable-rollback',
    ],
    [
      'cluster',
      'region',
      'name',
      'config-file',
      'include',
      'exclude',
      'max-grace-period',
      'pod-eviction-wait-period',
      'parallel',
      'timeout',
      'profile',
      'cfn-role-arn',
    ],
    { ...COMMON, n: 'name', w: 'wait' },
  ),
  'delete fargateprofile': f(
    ['name', 'cluster', 'region', 'config-file', 'wait', 'timeout', 'profile'],
    ['name', 'cluster', 'region', 'config-file', 'timeout', 'profile'],
    { ...COMMON, w: 'wait' },
  ),
  'upgrade cluster': f(
    ['profile', 'name', 'region', 'version', 'force', 'config-file', 'approve', 'timeout'],
    ['profile', 'name', 'region', 'version', 'config-file', 'timeout'],
    {
      p: 'profile',
      n: 'name',
      r: 'region',
      f: 'config-file',
    },
  ),
  'upgrade nodegroup': f(
    ['name', 'launch-template-version', 'kubernetes-version', 'force-upgrade', 'release-version', 'wait', 'cluster', 'region', 'timeout', 'profile'],
    ['name', 'launch-template-version', 'kubernetes-version', 'release-version', 'cluster', 'region', 'timeout', 'profile'],
    { c: 'cluster', r: 'region', p: 'profile' },
  ),
  'update addon': f(
    ['name', 'version', 'service-account-role-arn', 'force', 'wait', 'cluster', 'region', 'config-file', 'timeout', 'profile'],
    ['name', 'version', 'service-account-role-arn', 'cluster', 'region', 'config-file', 'timeout', 'profile'],
    COMMON,
  ),
  'utils update-cluster-vpc-config': f(
    [
      'cluster',
      'region',
      'config-file',
      'approve',
      'private-access',
      'public-access',
      'public-access-cidrs',
      'control-plane-subnet-ids',
      'control-plane-security-group-ids',
      'control-plane-egress-mode',
      'profile',
    ],
    [
      'cluster',
      'region',
      'config-file',
      'public-access-cidrs',
      'control-plane-subnet-ids',
      'control-plane-security-group-ids',
      'control-plane-egress-mode',
      'profile',
    ],
    COMMON,
  ),
  'utils migrate-to-access-entry': f(
    ['target-authentication-mode', 'cluster', 'region', 'timeout', 'approve'],
    ['target-authentication-mode', 'cluster', 'region', 'timeout'],
    { c: 'cluster', r: 'region' },
  ),
  'associate identityprovider': f(
    ['cluster', 'region', 'config-file', 'wait', 'timeout', 'profile'],
    ['cluster', 'region', 'config-file', 'timeout', 'profile'],
    { ...COMMON, w: 'wait' },
  ),
  'get identityprovider': f(
    ['cluster', 'region', 'config-file', 'chunk-size', 'output', 'name', 'profile'],
    ['cluster', 'region', 'config-file', 'chunk-size', 'output', 'name', 'profile'],
    {
      ...COMMON,
      o: 'output',
    },
  ),
  'get cluster': f(
    ['name', 'all-regions', 'region', 'chunk-size', 'output', 'timeout', 'config-file', 'profile'],
    ['name', 'region', 'chunk-size', 'output', 'timeout', 'config-file', 'profile'],
    {
      n: 'name',
      A: 'all-regions',
      r: 'region',
      o: 'output',
      f: 'config-file',
      p: 'profile',
    },
  ),
  'get nodegroup': f(
    ['cluster', 'name', 'region', 'chunk-size', 'output', 'timeout', 'config-file', 'profile'],
    ['cluster', 'name', 'region', 'chunk-size', 'output', 'timeout', 'config-file', 'profile'],
    {
      ...COMMON,
      n: 'name',
      o: 'output',
    },
  ),
};

/** Flags eksctl refuses beside --config-file/-f on a command that loads cluster metadata (pkg/ctl/cmdutils/configfile.go). */
export const NOT_WITH_CONFIG_FILE = ['name', 'region', 'version', 'cluster', 'support-type'];

/** eksctl's verdict on an argv (without "eksctl"): undefined, or why it would refuse it. */
export function eksctlProblem(argv: string[]): string | undefined {
  const cmd = argv.slice(0, 2).join(' ');
  const spec = EKSCTL_FLAGS[cmd];
  if (!spec) return `eksctl ${cmd}: no such subcommand in the table`;
  const given: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) return `eksctl ${cmd}: unexpected argument ${a}`;
    const long = a.startsWith('--');
    const [raw, inline] = a.replace(/^--?/, '').split(/=(.*)/s);
    const name = long ? raw : spec.short[raw];
    if (!name || !spec.flags.includes(name)) return `eksctl ${cmd}: unknown flag ${a}`;
    given.push(name);
    if (spec.values.includes(name) && inline === undefined) {
      if (i + 1 >= argv.length) return `eksctl ${cmd}: ${a} needs a value`;
      i++;
    }
  }
  if (given.includes('config-file') && !cmd.startsWith('utils update-cluster-vpc-config')) {
    const bad = given.find((g) => NOT_WITH_CONFIG_FILE.includes(g) && cmd !== 'create podidentityassociation');
    if (bad && ['upgrade cluster', 'delete cluster', 'create cluster', 'create nodegroup', 'create addon'].includes(cmd))
      return `eksctl ${cmd}: cannot use --${bad} when --config-file/-f is set`;
  }
  return undefined;
}
