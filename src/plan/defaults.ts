// Defaults, kept apart from validation (as eksctl keeps defaults.go apart from validation.go).
// Each default may depend on answers already given, so it is a function of the partial answers.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { getPath, setPath } from '../answers/paths.ts';
import { podIdentityBlocker, QUESTIONS } from '../answers/registry.ts';
import { IMAGES, newestStandardVersion } from '../data/versions.ts';
import { COREDNS_DEFAULT_REPLICAS, EKSCTL_VPC } from '../data/network.ts';
import { ADDON_DEFAULTS } from './addons.ts';
import { DOMAIN_QUESTIONS } from '../domains/index.ts';

import type { DefaultFn } from '../domains/contract.ts';

export const DEFAULTS: Record<string, DefaultFn> = {
  name: () => 'my-cluster',
  region: () => 'us-east-1',
  accountId: () => '',
  kubernetesVersion: (_a, today) => newestStandardVersion(today),
  ipFamily: () => 'ipv4',
  vpcId: () => '',
  // eksctl's own default for a VPC it creates; an existing VPC's CIDR is optional.
  vpcCidr: (a) => (a.vpcId ? '' : EKSCTL_VPC.defaultCidr),
  // One NAT gateway per AZ. eksctl builds IPv6 VPCs with one NAT gateway for IPv4 egress and leaves an
  // existing VPC's routing alone (NAT Disable), so those are what the answer records there.
  natGateway: (a) => (a.vpcId ? 'Disable' : a.ipFamily === 'ipv6' ? 'Single' : 'HighlyAvailable'),
  'subnets.public': () => [],
  'subnets.private': () => [],
  // No CIDRs given means nobody outside the VPC needs the API, so the endpoint stays private.
  endpoint: (a) => ((a.publicAccessCidrs ?? []).length > 0 ? 'public-private' : 'private'),
  publicAccessCidrs: () => [],
  allowPublicInternet: () => false,
  tags: () => ({}),
  access: () => 'access-entries',
  accessEntries: () => [],
  kmsKeyArn: () => '',
  logTypes: () => ['api', 'audit', 'authenticator'],
  compute: () => 'managed',
  // Pod Identity does not run on Fargate or Windows nodes, so IRSA is the default there.
  identity: (a, today) => {
    const namespace = a.app?.namespace ?? (DEFAULTS['app.namespace'](a, today) as string);
    return podIdentityBlocker({ ...a, app: { ...a.app, namespace } }) === undefined ? 'pod-identity' : 'irsa';
  },
  'cni.prefixDelegation': () => false,
  'cni.podSecurityGroups': () => false,
  'cni.customNetworking': () => false,
  'cni.networkPolicy': () => false,
  'cni.externalSnat': () => false,
  'coreDns.replicas': () => COREDNS_DEFAULT_REPLICAS,
  'coreDns.autoscaling': () => false,
  'app.name': () => 'web',
  'app.namespace': (a) => a.app?.name ?? 'web',
  'app.image': () => IMAGES.sampleApp.image,
  'app.port': (a) => (a.app?.image === undefined || a.app.image === IMAGES.sampleApp.image ? IMAGES.sampleApp.port : 8080),
  'app.replicas': () => 2,
  ingress: () => 'none',
  storage: () => [],
  volumeSnapshots: () => false,
  addons: () => [],
  ...Object.fromEntries([...DOMAIN_QUESTIONS].map(([key, q]) => [key, q.default])),
  ...ADDON_DEFAULTS,
};

export function defaultFor(key: string, a: PartialAnswers, today: Date): unknown {
  const fn = DEFAULTS[key];
  if (!fn) throw new Error(`no default for ${key}`);
  return fn(a, today);
}

/** Fills every answer the user did not give, in registry order so later defaults see earlier ones. */
export function applyDefaults(given: PartialAnswers, today: Date): Answers {
  const out: PartialAnswers = structuredClone(given);
  for (const q of QUESTIONS) {
    // Options of add-ons that are not selected stay out of the answers (and .eks-app.json).
    if (q.key.startsWith('addon.') && q.when && !q.when(out)) continue;
    if (getPath(out, q.key) === undefined) setPath(out, q.key, defaultFor(q.key, out, today));
  }
  out.addon ??= {};
  return out as Answers;
}
