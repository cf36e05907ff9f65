// Every workload must fit at least one place its cluster offers: a node group, a Karpenter NodePool,
// an EKS Auto Mode pool or a Fargate profile. The pools come from the project's ClusterConfig and its
// NodePool manifests; a pod fits when its nodeSelector and required node affinity match the pool's
// labels (its own, and those EKS and Karpenter set) and its tolerations cover the pool's taints.
import { GPU_TAINT_KEY, instanceArchitecture, isNvidiaType } from '../plan/kube.ts';
import { podSpecOf } from './k8s.ts';
import type { K8sDoc } from './types.ts';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface Pool {
  what: string;
  /** Each label key with the values nodes of the pool may carry. */
  labels: Map<string, Set<string>>;
  taints: Taint[];
  /** Its nodes have NVIDIA GPUs (nvidia.com/gpu to request). */
  gpu: boolean;
  /** Fargate: the namespaces and pod labels its selectors take, and no DaemonSets. */
  fargate?: { namespace: string; labels: Record<string, string> }[];
}

// Labels a node has that no project decides (hostnames, zones, instance types); a pod asking for one
// is not judged on it.
const UNJUDGED =
  /^(kubernetes\.io\/hostname|topology\.kubernetes\.io\/|failure-domain\.beta\.kubernetes\.io\/|node\.kubernetes\.io\/instance-type|karpenter\.k8s\.aws\/|eks\.amazonaws\.com\/(compute-type|nodegroup-image|sourceLaunchTemplate))/;

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function labelMap(entries: [string, string[]][]): Map<string, Set<string>> {
  return new Map(entries.map(([k, v]) => [k, new Set(v)]));
}

function groupPool(g: any, managed: boolean): Pool {
  const types: string[] = [...arr(g.instanceTypes), ...(g.instanceType ? [g.instanceType] : []), ...arr(g.instancesDistribution?.instanceTypes)];
  const windows = /^Windows/.test(String(g.amiFamily ?? ''));
  const entries: [string, string[]][] = Object.entries(isObj(g.labels) ? g.labels : {}).map(([k, v]) => [k, [String(v)]]);
  entries.push(['kubernetes.io/os', [windows ? 'windows' : 'linux']]);
  entries.push(['kubernetes.io/arch', [...new Set(types.map(instanceArchitecture))]]);
  if (managed) {
    entries.push(['eks.amazonaws.com/nodegroup', [String(g.name)]]);
    entries.push(['eks.amazonaws.com/capacityType', [g.spot ? 'SPOT' : 'ON_DEMAND']]);
  }
  return {
    what: `${managed ? 'managed ' : ''}node group ${g.name}`,
    labels: labelMap(entries),
    taints: arr(g.taints).filter(isObj) as Taint[],
    gpu: types.some(isNvidiaType),
  };
}

function nodePoolPool(d: K8sDoc): Pool {
  const t = d.obj.spec?.template ?? {};
  const entries: [string, string[]][] = Object.entries(isObj(t.metadata?.labels) ? t.metadata.labels : {}).map(([k, v]) => [k, [String(v)]]);
  for (const r of arr(t.spec?.requirements)) if (r?.operator === 'In' && typeof r.key === 'string') entries.push([r.key, arr(r.values).map(String)]);
  if (!entries.some(([k]) => k === 'kubernetes.io/os')) entries.push(['kubernetes.io/os', ['linux']]);
  if (!entries.some(([k]) => k === 'kubernetes.io/arch')) entries.push(['kubernetes.io/arch', ['amd64', 'arm64']]);
  entries.push(['karpenter.sh/nodepool', [d.name]]);
  const offered = (key: string) => entries.filter(([k]) => k === key).flatMap(([, v]) => v);
  const gpu =
    offered('karpenter.k8s.aws/instance-gpu-manufacturer').includes('nvidia') ||
    offered('karpenter.k8s.aws/instance-category').some((c) => c === 'g' || c === 'p');
  return { what: `Karpenter NodePool ${d.name}`, labels: labelMap(entries), taints: arr(t.spec?.taints).filter(isObj) as Taint[], gpu };
}

/** The places the cluster offers its pods. */
export function poolsOf(cluster: any, docs: K8sDoc[]): Pool[] {
  const pools: Pool[] = [
    ...arr(cluster?.managedNodeGroups).map((g) => groupPool(g, true)),
    ...arr(cluster?.nodeGroups).map((g) => groupPool(g, false)),
    ...docs.filter((d) => d.kind === 'NodePool' && /^karpenter\.sh\//.test(String(d.obj.apiVersion))).map(nodePoolPool),
  ];
  if (cluster?.autoModeConfig?.enabled) {
    const names: string[] = arr(cluster.autoModeConfig.nodePools).map(String);
    const auto = labelMap([
      ['kubernetes.io/os', ['linux']],
      ['kubernetes.io/arch', ['amd64', 'arm64']],
    ]);
    if (names.includes('general-purpose')) pools.push({ what: 'Auto Mode pool general-purpose', labels: auto, taints: [], gpu: false });
    if (names.includes('system'))
      pools.push({ what: 'Auto Mode pool system', labels: auto, taints: [{ key: 'CriticalAddonsOnly', effect: 'NoSchedule' }], gpu: false });
  }
  const profiles = arr(cluster?.fargateProfiles);
  if (profiles.length) {
    pools.push({
      what: 'Fargate',
      labels: labelMap([
        ['kubernetes.io/os', ['linux']],
        ['kubernetes.io/arch', ['amd64']],
      ]),
      taints: [],
      gpu: false,
      fargate: profiles.flatMap((p) => arr(p?.selectors).map((s) => ({ namespace: String(s?.namespace), labels: isObj(s?.labels) ? s.labels : {} }))),
    });
  }
  return pools;
}

const tolerates = (tolerations: any[], t: Taint) =>
  tolerations.some(
    (o) =>
      isObj(o) &&
      (o.effect === undefined || o.effect === '' || o.effect === t.effect) &&
      (o.operator === 'Exists' ? o.key === undefined || o.key === '' || o.key === t.key : o.key === t.key && String(o.value ?? '') === String(t.value ?? '')),
  );

/** Why a pod does not fit a pool, or nothing when it does. */
function misfits(d: K8sDoc, spec: any, meta: any, pool: Pool): string[] {
  const out: string[] = [];
  if (pool.fargate) {
    if (d.kind === 'DaemonSet') return ['Fargate runs no DaemonSets'];
    const labels = isObj(meta?.labels) ? meta.labels : {};
    const hit = pool.fargate.some((s) => s.namespace === d.namespace && Object.entries(s.labels).every(([k, v]) => labels[k] === v));
    if (!hit) out.push(`no Fargate profile selects namespace ${d.namespace} with its pod labels`);
  }
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)];
  const wantsGpu = containers.some((c) => [c?.resources?.limits, c?.resources?.requests].some((r) => isObj(r) && Number(r[GPU_TAINT_KEY] ?? 0) > 0));
  if (wantsGpu && !pool.gpu) out.push(`it asks for ${GPU_TAINT_KEY}, and these nodes have no NVIDIA GPUs`);
  const offers = (key: string, values: string[]) => UNJUDGED.test(key) || values.some((v) => pool.labels.get(key)?.has(v));
  for (const [k, v] of Object.entries(isObj(spec.nodeSelector) ? spec.nodeSelector : {}))
    if (!offers(k, [String(v)])) out.push(`nodeSelector ${k}=${v} is not a label of its nodes`);
  const terms = arr(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
  // Terms are alternatives: the pod fits when one term's expressions all hold.
  if (terms.length) {
    const termMisfits = terms.map((term) =>
      arr(term?.matchExpressions).flatMap((e) => {
        if (!isObj(e) || typeof e.key !== 'string' || UNJUDGED.test(e.key)) return [];
        const values = arr(e.values).map(String);
        const has = pool.labels.get(e.key);
        if (e.operator === 'In' && !values.some((v) => has?.has(v))) return [`node affinity ${e.key} in (${values.join(', ')}) is not met`];
        if (e.operator === 'NotIn' && has && [...has].every((v) => values.includes(v)))
          return [`node affinity ${e.key} not in (${values.join(', ')}) is not met`];
        if (e.operator === 'Exists' && !has) return [`node affinity asks for label ${e.key}, which its nodes lack`];
        if (e.operator === 'DoesNotExist' && has) return [`node affinity excludes label ${e.key}, which its nodes carry`];
        return [];
      }),
    );
    if (!termMisfits.some((m) => m.length === 0)) out.push(...termMisfits.sort((a, b) => a.length - b.length)[0]);
  }
  for (const t of pool.taints)
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(arr(spec.tolerations), t))
      out.push(`taint ${t.key}${t.value ? `=${t.value}` : ''}:${t.effect} is not tolerated`);
  return out;
}

const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Each workload that fits no pool, with the pool it comes closest to and why not. */
export function unschedulable(docs: K8sDoc[], cluster: any): { doc: K8sDoc; path: string; message: string }[] {
  const pools = poolsOf(cluster, docs);
  if (pools.length === 0) return [];
  const out: { doc: K8sDoc; path: string; message: string }[] = [];
  for (const d of docs) {
    if (!KINDS.has(d.kind)) continue;
    const pod = podSpecOf(d.kind, d.obj);
    if (!pod) continue;
    const fits = pools.map((p) => ({ pool: p, why: misfits(d, pod.spec, pod.meta, p) }));
    if (fits.some((f) => f.why.length === 0)) continue;
    // The pool the pod selects is the one it meant: a label it asks for weighs more than a taint it does not tolerate.
    const weight = (why: string[]) => why.reduce((n, w) => n + (w.startsWith('taint ') ? 1 : 2), 0);
    const near = fits.sort((a, b) => weight(a.why) - weight(b.why))[0];
    out.push({
      doc: d,
      path: pod.path,
      message: `${d.kind} ${d.name} fits no node pool of this cluster; it comes closest to ${near.pool.what}, but ${near.why.join('; ')}`,
    });
  }
  return out;
}
