// Who reaches the Kubernetes API, and how they authenticate: the endpoint, its public CIDRs, and
// access entries (or the aws-auth ConfigMap).
import { ACCESS_MODES, ENDPOINT_MODES, type Answers } from '../answers/types.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { parseAccessEntry, type AccessEntrySpec } from '../plan/access.ts';
import { parseCidr } from '../plan/cidr.ts';
import { flag, oneOf, type Problem, type Rule } from '../plan/rules.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, md, none, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from './contract.ts';

const ACCESS_HINTS: Record<string, string> = {
  'access-entries': 'EKS access entries only (authenticationMode API, recommended)',
  both: 'access entries and the aws-auth ConfigMap (API_AND_CONFIG_MAP), while migrating',
  'aws-auth': 'the aws-auth ConfigMap only (CONFIG_MAP), deprecated',
};

const questions: DomainQuestion[] = [
  {
    key: 'endpoint',
    kind: 'choice',
    group: 'cluster',
    prompted: true,
    message: 'API server endpoint access',
    hint: 'private keeps the Kubernetes API inside the VPC; public access is limited to the CIDRs you give',
    choices: () =>
      ENDPOINT_MODES.map((value) => ({
        value,
        hint: {
          private: 'private endpoint only (most secure)',
          'public-private': 'private, plus public from named CIDRs',
          public: 'public from named CIDRs only',
        }[value],
      })),
    // No CIDRs given means nobody outside the VPC needs the API, so the endpoint stays private.
    default: (a) => ((a.publicAccessCidrs ?? []).length > 0 ? 'public-private' : 'private'),
    rule: oneOf(ENDPOINT_MODES),
  },
  {
    key: 'publicAccessCidrs',
    kind: 'list',
    group: 'cluster',
    prompted: true,
    message: 'CIDRs allowed to reach the public endpoint',
    hint: 'comma separated, e.g. 203.0.113.10/32; 0.0.0.0/0 opens the API to the internet',
    when: (a) => a.endpoint !== undefined && a.endpoint !== 'private',
    default: () => [],
    rule: (v) => {
      if (!Array.isArray(v)) return 'must be a list of IPv4 CIDRs';
      if (v.length > 40) return `EKS accepts at most 40 public access CIDRs (got ${v.length})`;
      const seen = new Set<string>();
      for (const c of v) {
        const parsed = parseCidr(c);
        if (typeof parsed === 'string') return parsed;
        if (parsed.version !== 4) return `${c}: EKS public access CIDRs must be IPv4`;
        if (seen.has(parsed.canonical)) return `${c} is listed twice`;
        seen.add(parsed.canonical);
      }
      return undefined;
    },
  },
  {
    key: 'allowPublicInternet',
    kind: 'boolean',
    group: 'cluster',
    prompted: true,
    message: 'The API endpoint would be reachable from the whole internet. Continue?',
    hint: 'yes is recorded in the README; no asks for narrower CIDRs',
    when: (a) => (a.publicAccessCidrs ?? []).includes('0.0.0.0/0'),
    default: () => false,
  },
  {
    key: 'access',
    kind: 'choice',
    group: 'cluster',
    prompted: false,
    message: 'How people and nodes authenticate to the Kubernetes API',
    hint: 'access-entries (authenticationMode API), both (API_AND_CONFIG_MAP) or aws-auth (CONFIG_MAP, deprecated)',
    choices: () => ACCESS_MODES.map((value) => ({ value, hint: ACCESS_HINTS[value] })),
    default: () => 'access-entries',
    rule: oneOf(ACCESS_MODES),
  },
  {
    key: 'accessEntries',
    kind: 'list',
    group: 'cluster',
    prompted: false,
    message: 'Access entries for IAM principals',
    hint: '<role or user ARN>=<access policy>[@ns1+ns2], <ARN>=groups:<g1>+<g2> or <ARN>=EC2_LINUX|EC2_WINDOWS|FARGATE_LINUX, optionally ending ;username:<name> (quote it in a shell); repeat for more',
    default: () => [],
    rule: (v) => {
      if (!Array.isArray(v)) return 'must be a list of <principal ARN>=<policy or type> entries';
      if (v.length > 100) return `takes at most 100 entries (got ${v.length}); group principals in IAM roles`;
      const seen = new Set<string>();
      for (const spec of v) {
        const e = parseAccessEntry(spec);
        if (typeof e === 'string') return e;
        if (seen.has(e.principalARN)) return `${e.principalARN} is listed twice; give one entry per principal`;
        seen.add(e.principalARN);
      }
      return undefined;
    },
  },
  {
    key: 'creatorAdmin',
    kind: 'boolean',
    group: 'cluster',
    prompted: false,
    message: 'Make the identity that creates the cluster its admin',
    hint: 'bootstrapClusterCreatorAdminPermissions; false needs an access entry with AmazonEKSClusterAdminPolicy',
    default: () => true,
  },
  ...oidcQuestions(),
];

// Claims as identity providers name them: sub, email, preferred_username, cognito:groups.
const CLAIM = /^[A-Za-z0-9_.:-]{1,64}$/;

function prefixRule(what: string): Rule {
  return (v) => {
    if (typeof v !== 'string' || v.length > 64 || /\s/.test(v)) return `must be text without spaces, at most 64 characters, e.g. oidc:`;
    if (v.includes('system:')) return `${what} holding system: would reach the names Kubernetes keeps, and EKS refuses it; e.g. oidc:`;
    return undefined;
  };
}

function oidcQuestions(): DomainQuestion[] {
  const q = (key: string, message: string, hint: string, def: string, rule: Rule): DomainQuestion => ({
    key: `oidcProvider.${key}`,
    kind: 'string',
    group: 'cluster',
    prompted: false,
    message,
    hint,
    default: () => def,
    rule,
  });
  return [
    q(
      'issuerUrl',
      'OIDC identity provider issuer',
      'https URL of an OIDC provider people sign in with (Okta, Entra ID, Cognito, Dex); EKS takes one',
      '',
      (v) => {
        if (v === '') return undefined;
        if (typeof v !== 'string' || !/^https:\/\/[^\s?#]+$/.test(v) || v.length > 1024 || !URL.canParse(v))
          return `${JSON.stringify(v)} is not an issuer URL; EKS takes https://host/path without a query or fragment, e.g. https://example.okta.com/oauth2/default`;
        return undefined;
      },
    ),
    q('clientId', 'OIDC client ID', 'the client ID tokens are issued for (their aud claim)', '', (v) =>
      v === '' || (typeof v === 'string' && /^[\x21-\x7e]{1,256}$/.test(v)) ? undefined : 'must be the client ID, without spaces, at most 256 characters',
    ),
    q('usernameClaim', 'OIDC username claim', 'the token claim that names the user', 'sub', (v) =>
      typeof v === 'string' && CLAIM.test(v) ? undefined : 'must be a claim name such as sub, email or preferred_username',
    ),
    q('usernamePrefix', 'OIDC username prefix', 'put before each user name, so it cannot collide with other users', 'oidc:', prefixRule('a username prefix')),
    q('groupsClaim', 'OIDC groups claim', "the token claim that lists the user's groups; empty when tokens carry none", 'groups', (v) =>
      v === '' || (typeof v === 'string' && CLAIM.test(v)) ? undefined : 'must be a claim name such as groups, or empty',
    ),
    q('groupsPrefix', 'OIDC groups prefix', 'put before each group name: bind RBAC to oidc:<group>', 'oidc:', prefixRule('a groups prefix')),
  ];
}

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  if (a.endpoint === 'private' && a.publicAccessCidrs.length > 0) {
    p.push({
      field: 'publicAccessCidrs',
      message: `only used with a public endpoint; drop ${flag('publicAccessCidrs')} or set ${flag('endpoint')} public-private`,
    });
  }
  if (a.endpoint !== 'private' && a.publicAccessCidrs.length === 0) {
    p.push({
      field: 'publicAccessCidrs',
      message: `required when the endpoint is ${a.endpoint}; give ${flag('publicAccessCidrs')} 203.0.113.10/32 (your own range) or set ${flag('endpoint')} private`,
    });
  }
  if (a.endpoint === 'public' && a.publicAccessCidrs.length > 0 && !a.publicAccessCidrs.includes('0.0.0.0/0')) {
    p.push({
      field: 'endpoint',
      message: `public alone leaves the nodes to reach the API from the NAT gateways' addresses, which are not in publicAccessCidrs (and unknown until the VPC exists), so they could not join; use ${flag('endpoint')} public-private`,
    });
  }
  if (a.publicAccessCidrs.includes('0.0.0.0/0') && !a.allowPublicInternet) {
    p.push({
      field: 'publicAccessCidrs',
      message: `0.0.0.0/0 opens the Kubernetes API to the whole internet; list your own CIDRs, or confirm with ${flag('allowPublicInternet')}`,
    });
  }
  if (a.access === 'aws-auth' && a.accessEntries.length > 0) {
    p.push({
      field: 'accessEntries',
      message: `access entries need ${flag('access')} access-entries or both; with aws-auth, map principals in the aws-auth ConfigMap instead`,
    });
  }
  if (!a.creatorAdmin) {
    const admin = a.accessEntries.some((spec) => {
      const e = parseAccessEntry(spec) as AccessEntrySpec;
      return e.policy === 'AmazonEKSClusterAdminPolicy' && e.namespaces.length === 0;
    });
    if (!admin)
      p.push({
        field: 'creatorAdmin',
        message: `without it nobody could administer the cluster; give ${flag('accessEntries')} <role ARN>=AmazonEKSClusterAdminPolicy for your admins, or drop ${flag('creatorAdmin')} false`,
      });
  }
  const idp = a.oidcProvider;
  if (idp.issuerUrl && !idp.clientId)
    p.push({
      field: 'oidcProvider.clientId',
      message: `required with an issuer: EKS accepts only tokens issued for this client; give ${flag('oidcProvider.clientId')}`,
    });
  if (!idp.issuerUrl && idp.clientId)
    p.push({ field: 'oidcProvider.issuerUrl', message: `a client ID needs its issuer; give ${flag('oidcProvider.issuerUrl')} https://...` });
  const region = REGION_BY_CODE.get(a.region)!;
  for (const spec of a.accessEntries) {
    const e = parseAccessEntry(spec) as AccessEntrySpec;
    const partition = e.principalARN.split(':')[1];
    if (partition !== region.partition) {
      p.push({
        field: 'accessEntries',
        message: `${e.principalARN} is in partition ${partition}, but ${a.region} is in ${region.partition}; use arn:${region.partition}:iam::...`,
      });
    }
  }
  return p;
}

function readme(p: ReadmePlan): Prose[] {
  const out: Prose[] = [];
  const creator = p.answers.creatorAdmin
    ? md`The identity that runs \`eksctl create cluster\` becomes cluster admin through an access entry.`
    : md`The identity that runs \`eksctl create cluster\` gets no access (\`bootstrapClusterCreatorAdminPermissions: false\`): run the kubectl and helm steps as one of the principals with \`AmazonEKSClusterAdminPolicy\` below.`;
  if (p.access.configMapOnly) {
    out.push(
      md`**The aws-auth ConfigMap** (\`authenticationMode: CONFIG_MAP\`), as you asked. EKS has deprecated it: mappings live in a ConfigMap anyone with edit rights in kube-system can change, and a typo locks people out. See "Later" below to move to access entries.`,
    );
  } else if (p.access.configMap) {
    out.push(
      md`**Access entries and the aws-auth ConfigMap** (\`authenticationMode: API_AND_CONFIG_MAP\`): both are read while you migrate; EKS has deprecated aws-auth. See "Later" below to finish the move. ${creator}`,
    );
  } else {
    out.push(md`**Access entries only** (\`authenticationMode: API\`): the \`aws-auth\` ConfigMap is deprecated. ${creator}`);
  }
  if (p.access.userEntries) {
    out.push(
      md`**Access entries** for the principals you named, in \`accessConfig.accessEntries\`: each policy is scoped to the cluster or to the namespaces listed with it.${p.access.entries.some((e) => e.kubernetesGroups?.length) ? md` Entries with \`kubernetesGroups\` grant nothing by themselves: bind those groups to Roles or ClusterRoles in RBAC.` : none}`,
    );
  }
  const idp = p.access.identityProvider;
  if (idp)
    out.push(
      md`**OIDC sign-in** through ${code(idp.issuerURL)} (client ${code(idp.clientID)}): a user is ${code(`${idp.usernamePrefix ?? ''}<${idp.usernameClaim}>`)}${idp.groupsClaim ? md` in groups ${code(`${idp.groupsPrefix ?? ''}<group>`)} from the ${code(idp.groupsClaim)} claim` : none}. Such users get nothing until you bind them (or their groups) to Roles or ClusterRoles in RBAC; they sign in with a kubeconfig user that fetches an ID token, such as the kubelogin plugin (\`kubectl oidc-login\`).`,
    );
  out.push(
    p.publicAccess
      ? md`**API endpoint**: private, plus public access from ${p.answers.publicAccessCidrs.map((c) => md`${code(c)} `)}only.`
      : md`**API endpoint**: private only. Nodes and tools inside the VPC reach it; nothing on the internet does.`,
  );
  return out;
}

export const access: DomainModule = { id: 'access', questions, problems, readme };
