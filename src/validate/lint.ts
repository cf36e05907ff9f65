// Security and reliability lint, in the spirit of kube-linter's and Polaris's default checks.
// Findings are warnings; the caller turns them into errors with `strict`.
import { containersOf, podSpecOf, selectorMatches } from './k8s.ts';
import type { K8sDoc, Report } from './types.ts';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

export function lintWorkload(d: K8sDoc, report: Report): void {
  const ps = podSpecOf(d.kind, d.obj);
  if (!ps || typeof ps.spec !== 'object') return;
  const pod = ps.spec;
  const podSc = pod.securityContext ?? {};
  for (const [c, cp, init] of containersOf(pod, ps.path)) {
    if (cp.includes('ephemeralContainers')) continue;
    const sc = c.securityContext ?? {};
    const scp = `${cp}.securityContext`;
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    const uid = sc.runAsUser ?? podSc.runAsUser;
    if (nonRoot !== true && !(typeof uid === 'number' && uid > 0))
      report(
        'lint-run-as-non-root',
        `${scp}.runAsNonRoot`,
        `container "${c.name}" may run as root; set securityContext.runAsNonRoot: true (and a non-zero runAsUser if the image has no USER)`,
      );
    if (sc.readOnlyRootFilesystem !== true)
      report(
        'lint-read-only-rootfs',
        `${scp}.readOnlyRootFilesystem`,
        `container "${c.name}" has a writable root filesystem; set readOnlyRootFilesystem: true and mount an emptyDir where it must write`,
      );
    if (sc.privileged === true) report('lint-privilege-escalation', `${scp}.privileged`, `container "${c.name}" is privileged; remove privileged: true`);
    else if (sc.allowPrivilegeEscalation !== false)
      report(
        'lint-privilege-escalation',
        `${scp}.allowPrivilegeEscalation`,
        `container "${c.name}" allows privilege escalation; set allowPrivilegeEscalation: false`,
      );
    const drop: unknown[] = Array.isArray(sc.capabilities?.drop) ? sc.capabilities.drop : [];
    if (!drop.includes('ALL') && !drop.includes('all'))
      report(
        'lint-capabilities',
        `${scp}.capabilities.drop`,
        `container "${c.name}" keeps the default Linux capabilities; set capabilities.drop: ["ALL"] and add back only what it needs`,
      );
    const add: unknown[] = Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : [];
    for (const cap of add)
      if (['SYS_ADMIN', 'NET_ADMIN', 'ALL', 'SYS_PTRACE', 'SYS_MODULE'].includes(String(cap)))
        report('lint-capabilities', `${scp}.capabilities.add`, `container "${c.name}" adds the dangerous capability ${cap}`);
    const res = c.resources ?? {};
    const missing = [
      res.requests?.cpu == null && 'requests.cpu',
      res.requests?.memory == null && 'requests.memory',
      res.limits?.memory == null && 'limits.memory',
    ].filter(Boolean);
    if (missing.length)
      report(
        'lint-resources',
        `${cp}.resources`,
        `container "${c.name}" has no ${missing.join(', ')}; set CPU and memory requests and a memory limit so the scheduler and the OOM killer treat it predictably`,
      );
    if (!init && LONG_RUNNING.has(d.kind)) {
      const probes = ['readinessProbe', 'livenessProbe'].filter((p) => c[p] == null);
      if (probes.length)
        report(
          'lint-probes',
          `${cp}.${probes[0]}`,
          `container "${c.name}" has no ${probes.join(' or ')}; add probes so rollouts wait for readiness and hung processes restart`,
        );
    }
    if (typeof c.image === 'string' && !c.image.includes('@')) {
      const last = c.image.slice(c.image.lastIndexOf('/') + 1);
      const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
      if (!tag || tag === 'latest')
        report(
          'lint-latest-tag',
          `${cp}.image`,
          `image "${c.image}" ${tag ? 'uses the :latest tag' : 'has no tag (so :latest)'}; pin a version tag or a digest`,
        );
    }
  }
}

/** PDBs for replicated workloads and NetworkPolicies per namespace. */
export function lintSet(docs: K8sDoc[], networkPolicyEnabled: boolean, report: (d: K8sDoc, rule: string, path: string, msg: string) => void): void {
  const pdbs = docs.filter((d) => d.kind === 'PodDisruptionBudget');
  const hpaTargets = new Set(
    docs
      .filter((d) => d.kind === 'HorizontalPodAutoscaler')
      .map((d) => `${d.namespace}/${d.obj.spec?.scaleTargetRef?.kind}/${d.obj.spec?.scaleTargetRef?.name}`),
  );
  for (const d of docs) {
    if (d.kind !== 'Deployment' && d.kind !== 'StatefulSet') continue;
    const replicas = d.obj.spec?.replicas ?? 1;
    const scaled = hpaTargets.has(`${d.namespace}/${d.kind}/${d.name}`);
    if (!(typeof replicas === 'number' && replicas > 1) && !scaled) continue;
    const labels = d.obj.spec?.template?.metadata?.labels;
    if (!pdbs.some((p) => p.namespace === d.namespace && selectorMatches(p.obj.spec?.selector, labels)))
      report(
        d,
        'lint-pdb',
        'spec.replicas',
        `${d.kind} "${d.name}" runs ${scaled ? 'several (autoscaled)' : replicas} replicas but no PodDisruptionBudget selects its pods; add one (e.g. maxUnavailable: 1) so node drains keep it available`,
      );
  }
  if (!networkPolicyEnabled) return;
  const withPolicy = new Set(docs.filter((d) => d.kind === 'NetworkPolicy').map((d) => d.namespace));
  const seen = new Set<string>();
  for (const d of docs) {
    if (!podSpecOf(d.kind, d.obj) || d.namespace === 'kube-system' || withPolicy.has(d.namespace) || seen.has(d.namespace)) continue;
    seen.add(d.namespace);
    report(
      d,
      'lint-network-policy',
      'metadata.namespace',
      `namespace "${d.namespace}" runs workloads but has no NetworkPolicy; add a default-deny policy and allow the traffic it needs`,
    );
  }
}
