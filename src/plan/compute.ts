// Compute facts: which node groups, Fargate profiles or Auto Mode node pools the cluster gets, each
// with the fields the eksctl templates write. Templates only loop over these lists.
import type { Answers, Compute, PartialAnswers } from '../answers/types.ts';
import { EKS_FACTS } from '../data/versions.ts';
import { addonIdsOf } from './implied.ts';
import { computeOf } from './compute-types.ts';
import type { NodeGroupPlan } from '../domains/node-group.ts';

export type { NodeGroupPlan } from '../domains/node-group.ts';

/** A Fargate-only cluster runs the AWS Load Balancer Controller's pods (kube-system) on a profile of their own. */
export const LBC_FARGATE_PROFILE = {
  name: 'aws-load-balancer-controller',
  namespace: 'kube-system',
  labels: [{ key: 'app.kubernetes.io/name', value: 'aws-load-balancer-controller' }],
};
export const lbcOnFargate = (a: PartialAnswers) => computeOf(a).fargate && addonIdsOf(a).includes('aws-load-balancer-controller');

/**
 * A Fargate-only cluster has no nodes: each add-on that runs pods gets a profile for its namespace (and,
 * in kube-system, its pods' labels). Where builds label their pods differently (the upstream manifests
 * use k8s-app / app, the Helm charts app.kubernetes.io/name), the profile selects either.
 */
const ADDON_FARGATE_PROFILES: Record<string, { namespace: string; labels: KV[] }[]> = {
  'metrics-server': [
    { namespace: 'kube-system', labels: [{ key: 'app.kubernetes.io/name', value: 'metrics-server' }] },
    { namespace: 'kube-system', labels: [{ key: 'k8s-app', value: 'metrics-server' }] },
  ],
  'snapshot-controller': [
    { namespace: 'kube-system', labels: [{ key: 'app.kubernetes.io/name', value: 'snapshot-controller' }] },
    { namespace: 'kube-system', labels: [{ key: 'app', value: 'snapshot-controller' }] },
  ],
  'cert-manager': [{ namespace: 'cert-manager', labels: [] }],
  'external-dns': [{ namespace: 'external-dns', labels: [] }],
};

/** The add-on profiles a Fargate-only cluster gets, besides coredns and the load balancer controller's. */
export function addonFargateProfiles(a: PartialAnswers): { name: string; selectors: { namespace: string; labels: KV[] }[] }[] {
  if (!computeOf(a).fargate) return [];
  const ids = addonIdsOf(a);
  return Object.entries(ADDON_FARGATE_PROFILES)
    .filter(([id]) => ids.includes(id))
    .map(([name, selectors]) => ({ name, selectors }));
}

export interface KV {
  key: string;
  value: string;
}

export interface FargateProfilePlan {
  name: string;
  selectors: { namespace: string; labels: KV[] }[];
  tags: KV[];
}

export interface ComputePlan {
  type: Compute;
  /** Every pod on Fargate (a Fargate-only cluster). */
  isFargate: boolean;
  /** EKS Auto Mode runs the nodes and the core add-ons. */
  isAutoMode: boolean;
  /** Node groups with an AMI family the user chose (managed, self-managed, Karpenter). */
  hasNodeGroups: boolean;
  managedNodeGroups: NodeGroupPlan[];
  nodeGroups: NodeGroupPlan[];
  fargateProfiles: FargateProfilePlan[];
  fargateNamespaces: string[];
  /** The sample application's namespace is selected by a Fargate profile. */
  appOnFargate: boolean;
  autoModeNodePools: string[];
  windows: boolean;
  amiLabel: string;
  spot: boolean;
  /** Seconds a finished Job's pods stay; Fargate bills each pod until it is deleted. */
  jobTtlSecondsAfterFinished: number;
  /** ALB target type for Services and Ingresses: Fargate pods have no node port, so always ip. */
  albTargetType: 'ip';
}

export const AMI_LABEL: Record<string, string> = { AmazonLinux2023: 'AL2023', Bottlerocket: 'Bottlerocket' };
export const FARGATE_JOB_TTL_SECONDS = 300;
const MAX_FARGATE_SELECTORS = EKS_FACTS.fargate.maxSelectorsPerProfile;

/** Where the app runs on Fargate: every pod of a Fargate-only cluster, or a namespace the user sent there. */
export function appOnFargate(a: PartialAnswers): boolean {
  if (computeOf(a).fargate) return true;
  const ns = a.app?.namespace ?? a.app?.name;
  return ns !== undefined && (a.fargate?.namespaces ?? []).includes(ns);
}

export const kv = (m: Record<string, string>): KV[] => Object.entries(m).map(([key, value]) => ({ key, value }));

function fargateProfiles(a: Answers, tags: KV[]): FargateProfilePlan[] {
  const profiles: FargateProfilePlan[] = [];
  if (computeOf(a).fargate) {
    // CoreDNS must run somewhere: on a Fargate-only cluster it gets its own profile (and the README patch).
    profiles.push({ name: 'coredns', selectors: [{ namespace: 'kube-system', labels: [{ key: 'k8s-app', value: 'kube-dns' }] }], tags });
  }
  if (lbcOnFargate(a))
    profiles.push({ name: LBC_FARGATE_PROFILE.name, selectors: [{ namespace: LBC_FARGATE_PROFILE.namespace, labels: LBC_FARGATE_PROFILE.labels }], tags });
  for (const p of addonFargateProfiles(a)) profiles.push({ ...p, tags });
  const labels = kv(a.fargate.labels);
  const namespaces = computeOf(a).awsRunsCore ? [] : a.fargate.namespaces;
  for (let i = 0; i < namespaces.length; i += MAX_FARGATE_SELECTORS) {
    const chunk = namespaces.slice(i, i + MAX_FARGATE_SELECTORS);
    const n = i / MAX_FARGATE_SELECTORS;
    profiles.push({ name: n === 0 ? 'workloads' : `workloads-${n + 1}`, selectors: chunk.map((namespace) => ({ namespace, labels })), tags });
  }
  return profiles;
}

/** The node groups a compute type plans: EKS managed groups, and eksctl's self-managed ones. */
export interface NodeGroups {
  managed?: NodeGroupPlan[];
  selfManaged?: NodeGroupPlan[];
}

export function planCompute(a: Answers, tagList: KV[], groups: NodeGroups): ComputePlan {
  const traits = computeOf(a);
  return {
    type: traits.id,
    isFargate: traits.fargate,
    isAutoMode: traits.awsRunsCore,
    hasNodeGroups: traits.ec2,
    managedNodeGroups: groups.managed ?? [],
    nodeGroups: groups.selfManaged ?? [],
    fargateProfiles: fargateProfiles(a, tagList),
    fargateNamespaces: traits.awsRunsCore ? [] : a.fargate.namespaces,
    appOnFargate: appOnFargate(a),
    autoModeNodePools: traits.awsRunsCore ? a.autoMode.nodePools : [],
    windows: a.windowsNodes && traits.nodeGroups,
    amiLabel: AMI_LABEL[a.amiFamily] ?? a.amiFamily,
    spot: traits.nodeGroups && a.nodeGroup.capacityType === 'spot',
    jobTtlSecondsAfterFinished: FARGATE_JOB_TTL_SECONDS,
    albTargetType: 'ip',
  };
}
