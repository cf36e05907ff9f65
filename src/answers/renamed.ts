// Answer keys that moved when answers were nested by domain (0.2.0). A 0.1.0 `.eks-app.json` or
// answers file still reads, and each flag keeps the name it was derived from the old key.
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
  instanceTypes: 'nodeGroup.instanceTypes',
  capacityType: 'nodeGroup.capacityType',
  nodeMin: 'nodeGroup.minSize',
  nodeDesired: 'nodeGroup.desiredCapacity',
  nodeMax: 'nodeGroup.maxSize',
  nodeVolumeSize: 'nodeGroup.volumeSize',
  nodeLabels: 'nodeGroup.labels',
  nodeTaints: 'nodeGroup.taints',
  nodeMaxUnavailable: 'nodeGroup.maxUnavailable',
  karpenterArchitectures: 'karpenter.architectures',
  karpenterCapacityTypes: 'karpenter.capacityTypes',
  karpenterInstanceCategories: 'karpenter.instanceCategories',
  karpenterCpuLimit: 'karpenter.cpuLimit',
  karpenterMemoryLimit: 'karpenter.memoryLimit',
  karpenterDisruptionBudget: 'karpenter.disruptionBudget',
  autoModeNodePools: 'autoMode.nodePools',
  fargateNamespaces: 'fargate.namespaces',
  fargateLabels: 'fargate.labels',
  prefixDelegation: 'cni.prefixDelegation',
  podSecurityGroups: 'cni.podSecurityGroups',
  customNetworking: 'cni.customNetworking',
  networkPolicy: 'cni.networkPolicy',
  externalSnat: 'cni.externalSnat',
};

/** The version whose projects first record the nested keys. */
export const NESTED_SINCE = '0.2.0';

const OLD_KEY_OF = new Map(Object.entries(RENAMED_KEYS).map(([from, to]) => [to, from]));

/** The key a moved answer had before, whose flag it keeps. */
export const formerKey = (key: string): string | undefined => OLD_KEY_OF.get(key);

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Answers with every moved key at its nested place; a key already given there wins. */
export function migrateAnswers(answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(answers);
  for (const [from, to] of Object.entries(RENAMED_KEYS)) {
    if (!Object.hasOwn(out, from)) continue;
    const [domain, field] = to.split('.');
    const map = isMap(out[domain]) ? (out[domain] as Record<string, unknown>) : {};
    if (!Object.hasOwn(map, field)) map[field] = out[from];
    out[domain] = map;
    delete out[from];
  }
  return out;
}
