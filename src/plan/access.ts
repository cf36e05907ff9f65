// Cluster access: the authentication mode and the access entries of the principals the user names.
// An entry is written `<principal ARN>=<policy>[@ns1+ns2]` (STANDARD, with an access policy scoped to
// the cluster or to namespaces) or `<principal ARN>=<type>` (EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX).
import type { AccessMode, Answers } from '../answers/types.ts';
import { accessPolicyArn, EKS_ACCESS_POLICIES, type AwsPartition } from '../data/versions.ts';

export const NODE_ENTRY_TYPES = ['EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX'] as const;

/** Policies a person or team can be given: assignable, and documented on the AWS access policy page. */
export const ASSIGNABLE_ACCESS_POLICIES = Object.entries(EKS_ACCESS_POLICIES)
  .filter(([, p]) => p.userAssignable && p.verifiedInAwsDocs)
  .map(([name]) => name);

/** Policies EKS means for the whole cluster; a namespace scope would be misleading. */
const CLUSTER_ONLY = new Set(
  Object.entries(EKS_ACCESS_POLICIES)
    .filter(([, p]) => p.typicalScope === 'cluster')
    .map(([n]) => n),
);

export interface AccessEntrySpec {
  principalARN: string;
  type: 'STANDARD' | (typeof NODE_ENTRY_TYPES)[number];
  policy?: string;
  namespaces: string[];
  /** Kubernetes groups the principal joins, for RBAC bindings of your own. */
  groups?: string[];
  /** The Kubernetes user name it is known by (audit logs, RBAC); EKS derives one when absent. */
  username?: string;
}

export interface AccessEntryPlan {
  principalARN: string;
  /** Omitted for STANDARD, which is EKS's default. */
  type?: string;
  accessPolicies: { policyARN: string; scopeType: 'cluster' | 'namespace'; namespaces: string[] }[];
  kubernetesGroups?: string[];
  kubernetesUsername?: string;
}

export interface IdentityMappingPlan {
  arn: string;
  username: string;
  groups: string[];
}

export interface AccessPlan {
  mode: AccessMode;
  authenticationMode: 'API' | 'API_AND_CONFIG_MAP' | 'CONFIG_MAP';
  /** Access entries can be used (API or API_AND_CONFIG_MAP). */
  api: boolean;
  /** The aws-auth ConfigMap is read (API_AND_CONFIG_MAP or CONFIG_MAP). */
  configMap: boolean;
  /** The deprecated aws-auth only mode. */
  configMapOnly: boolean;
  entries: AccessEntryPlan[];
  /** Entries for principals the user named (the rest are node roles the project creates). */
  userEntries: number;
  identityMappings: IdentityMappingPlan[];
  /** The OIDC identity provider, in eksctl's spelling; eksctl associates it at creation, and a README step checks (or makes it after a stopped creation). */
  identityProvider?: IdentityProviderPlan;
}

export interface IdentityProviderPlan {
  name: string;
  issuerURL: string;
  clientID: string;
  usernameClaim: string;
  usernamePrefix?: string;
  groupsClaim?: string;
  groupsPrefix?: string;
}

const PRINCIPAL = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(role|user)\/[\w+=,.@/-]{1,512}$/;
// A namespace, or a prefix of some with a trailing * (dev-*), as EKS access scopes take them.
const NAMESPACE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\*)$/;
// Group names EKS takes in access entries; system: groups are Kubernetes' own.
const GROUP = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$/;

const USERNAME = /^([A-Za-z0-9_.@:+-]|\{\{(SessionName|AccountID|SessionNameRaw)\}\})+$/;
// Prefixes EKS refuses in an access entry's user name.
const USERNAME_RESERVED = ['system:', 'eks:', 'aws:', 'amazon:', 'iam:'];

export function parseAccessEntry(spec: unknown): AccessEntrySpec | string {
  const example = 'arn:aws:iam::111122223333:role/platform-admins=AmazonEKSClusterAdminPolicy';
  if (typeof spec !== 'string' || !spec.includes('=')) {
    return `${JSON.stringify(spec)} is not an access entry; write <principal ARN>=<policy>[@namespace+namespace], <principal ARN>=groups:<group>+<group> or <principal ARN>=<type>, e.g. ${example}`;
  }
  const eq = spec.lastIndexOf('=');
  const principalARN = spec.slice(0, eq);
  const rest = spec.slice(eq + 1);
  if (!PRINCIPAL.test(principalARN)) {
    if (/:sts::|assumed-role/.test(principalARN)) return `${principalARN} is a session ARN; name the IAM role itself (arn:aws:iam::<account>:role/<name>)`;
    return `${JSON.stringify(principalARN)} is not an IAM role or user ARN; write arn:aws:iam::<12-digit account>:role/<name> (no wildcards)`;
  }
  if ((NODE_ENTRY_TYPES as readonly string[]).includes(rest)) return { principalARN, type: rest as AccessEntrySpec['type'], namespaces: [] };
  // A STANDARD entry may name its Kubernetes user: <ARN>=groups:dev;username:alice.
  const named = /^(.*);username:(.*)$/.exec(rest);
  if (named) {
    const username = named[2];
    const reserved = USERNAME_RESERVED.find((p) => username.startsWith(p));
    if (reserved) return `username ${username}: EKS keeps user names starting ${reserved} for itself; choose another`;
    if (!USERNAME.test(username))
      return `${JSON.stringify(username)} is not a Kubernetes user name an access entry takes; use letters, digits and - _ . @ : + (and {{SessionName}}), e.g. ;username:alice`;
    const entry = parseAccessEntry(`${principalARN}=${named[1]}`);
    if (typeof entry === 'string') return entry;
    return { ...entry, username };
  }
  if (rest.startsWith('groups:')) {
    const groups = rest.slice('groups:'.length).split('+');
    const bad = groups.find((g) => !GROUP.test(g) || g.startsWith('system:'));
    if (bad !== undefined)
      return `${JSON.stringify(bad)} is not a Kubernetes group an access entry may give; use letters, digits and - _ . : (not system:...), e.g. groups:dev-team+viewers`;
    if (new Set(groups).size !== groups.length) return `${spec} lists a group twice; give each once`;
    return { principalARN, type: 'STANDARD', namespaces: [], groups };
  }
  const [policy, scope] = rest.split('@', 2);
  if (!EKS_ACCESS_POLICIES[policy]) {
    return `${JSON.stringify(rest)} is neither an access policy nor a node type; use one of ${ASSIGNABLE_ACCESS_POLICIES.join(', ')} (optionally @namespace+namespace), or ${NODE_ENTRY_TYPES.join(', ')}`;
  }
  if (!ASSIGNABLE_ACCESS_POLICIES.includes(policy)) {
    return `${policy} is reserved for AWS service-linked roles or not documented for people; use one of ${ASSIGNABLE_ACCESS_POLICIES.join(', ')}`;
  }
  const namespaces = scope === undefined ? [] : scope.split('+');
  if (scope !== undefined) {
    const bad = namespaces.find((n) => !NAMESPACE.test(n) || n.length > 63);
    if (bad !== undefined) return `${JSON.stringify(bad)} is not a namespace; scope with @namespace+namespace using lowercase DNS labels`;
    if (new Set(namespaces).size !== namespaces.length) return `${spec} lists a namespace twice; give each once`;
    if (CLUSTER_ONLY.has(policy)) return `${policy} is a cluster-wide policy; drop @${scope} or use AmazonEKSAdminPolicy@${scope} for namespace admins`;
  }
  return { principalARN, type: 'STANDARD', policy, namespaces };
}

export function authenticationModeOf(mode: AccessMode): AccessPlan['authenticationMode'] {
  return mode === 'aws-auth' ? 'CONFIG_MAP' : mode === 'both' ? 'API_AND_CONFIG_MAP' : 'API';
}

/** Entries for the user's principals, plus node roles the project creates itself (Karpenter's). */
export function planAccess(a: Answers, partition: AwsPartition, nodeRoles: { arn: string; type: 'EC2_LINUX' }[]): AccessPlan {
  const authenticationMode = authenticationModeOf(a.access);
  const api = authenticationMode !== 'CONFIG_MAP';
  const entries: AccessEntryPlan[] = [];
  const identityMappings: IdentityMappingPlan[] = [];
  for (const spec of a.accessEntries) {
    const e = parseAccessEntry(spec) as AccessEntrySpec;
    entries.push({
      principalARN: e.principalARN,
      type: e.type === 'STANDARD' ? undefined : e.type,
      accessPolicies: e.policy
        ? [{ policyARN: accessPolicyArn(e.policy, partition), scopeType: e.namespaces.length > 0 ? 'namespace' : 'cluster', namespaces: e.namespaces }]
        : [],
      ...(e.groups ? { kubernetesGroups: e.groups } : {}),
      ...(e.username ? { kubernetesUsername: e.username } : {}),
    });
  }
  for (const r of nodeRoles) {
    if (api) entries.push({ principalARN: r.arn, type: r.type, accessPolicies: [] });
    // Without access entries, nodes join through the aws-auth ConfigMap, as eksctl maps its own node roles.
    else identityMappings.push({ arn: r.arn, username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] });
  }
  return {
    mode: a.access,
    authenticationMode,
    api,
    configMap: authenticationMode !== 'API',
    configMapOnly: authenticationMode === 'CONFIG_MAP',
    entries,
    userEntries: a.accessEntries.length,
    identityMappings,
    ...(a.oidcProvider.issuerUrl ? { identityProvider: identityProvider(a.oidcProvider) } : {}),
  };
}

function identityProvider(o: Answers['oidcProvider']): IdentityProviderPlan {
  return {
    // EKS names the association; one per cluster, so one name serves.
    name: 'oidc',
    issuerURL: o.issuerUrl,
    clientID: o.clientId,
    usernameClaim: o.usernameClaim,
    ...(o.usernamePrefix ? { usernamePrefix: o.usernamePrefix } : {}),
    ...(o.groupsClaim ? { groupsClaim: o.groupsClaim, ...(o.groupsPrefix ? { groupsPrefix: o.groupsPrefix } : {}) } : {}),
  };
}
