// Pod Security admission: a namespace labelled pod-security.kubernetes.io/enforce=baseline or
// restricted makes the API server refuse pods that break that level. The rules are the Pod Security
// Standards (kubernetes.io, "Pod Security Standards"); a workload whose Namespace is in the same
// project is checked against the level its namespace enforces. These are errors, as admission's are.
import { containersOf, podSpecOf } from './k8s.ts';
import type { K8sDoc } from './types.ts';

type Level = 'baseline' | 'restricted';
const ENFORCE = 'pod-security.kubernetes.io/enforce';

// Baseline: what every level forbids.
const BASELINE_CAPS = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
// Restricted: the volume types allowed.
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

export type PssReport = (d: K8sDoc, path: string, message: string) => void;

/** The level each namespace of the project enforces. */
function enforcedLevels(docs: K8sDoc[]): Map<string, Level> {
  const out = new Map<string, Level>();
  for (const d of docs) {
    if (d.kind !== 'Namespace' || d.apiVersion !== 'v1') continue;
    const level = d.obj.metadata?.labels?.[ENFORCE];
    if (level === 'baseline' || level === 'restricted') out.set(d.name, level);
  }
  return out;
}

export function checkPodSecurity(docs: K8sDoc[], report: PssReport): void {
  const levels = enforcedLevels(docs);
  for (const d of docs) {
    const level = levels.get(d.namespace);
    const ps = level ? podSpecOf(d.kind, d.obj) : undefined;
    if (!level || !ps || typeof ps.spec !== 'object' || ps.spec === null) continue;
    const say = (path: string, what: string) =>
      report(d, path, `namespace ${d.namespace} enforces Pod Security "${level}", and admission refuses this pod: ${what}`);
    const pod = ps.spec;
    const podSc = pod.securityContext ?? {};
    for (const host of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (pod[host] === true) say(`${ps.path}.${host}`, `${host} must not be true`);
    (Array.isArray(pod.volumes) ? pod.volumes : []).forEach((v: Record<string, unknown>, i: number) => {
      if (v && typeof v === 'object' && 'hostPath' in v) say(`${ps.path}.volumes[${i}].hostPath`, 'hostPath volumes are not allowed');
      else if (level === 'restricted' && v && typeof v === 'object') {
        const type = Object.keys(v).find((k) => k !== 'name');
        if (type && !RESTRICTED_VOLUMES.has(type))
          say(`${ps.path}.volumes[${i}].${type}`, `volume type ${type} is not allowed (only ${[...RESTRICTED_VOLUMES].join(', ')})`);
      }
    });
    if (level === 'restricted') {
      if (podSc.runAsNonRoot === false) say(`${ps.path}.securityContext.runAsNonRoot`, 'runAsNonRoot must not be false');
      if (podSc.runAsUser === 0) say(`${ps.path}.securityContext.runAsUser`, 'runAsUser must not be 0');
    }
    const podSeccomp = podSc.seccompProfile?.type;
    if (podSeccomp === 'Unconfined') say(`${ps.path}.securityContext.seccompProfile.type`, 'seccompProfile must not be Unconfined');
    for (const [c, cp] of containersOf(pod, ps.path)) {
      const sc = c.securityContext ?? {};
      const scp = `${cp}.securityContext`;
      const name = `container "${c.name}"`;
      if (sc.privileged === true) say(`${scp}.privileged`, `${name} must not be privileged`);
      const ports = Array.isArray(c.ports) ? c.ports : [];
      ports.forEach((p: Record<string, unknown>, i: number) => {
        if (p && p.hostPort !== undefined && p.hostPort !== 0) say(`${cp}.ports[${i}].hostPort`, `${name} must not use hostPort`);
      });
      const added: unknown[] = Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : [];
      const seccomp = sc.seccompProfile?.type ?? podSeccomp;
      if (sc.seccompProfile?.type === 'Unconfined') say(`${scp}.seccompProfile.type`, `${name}: seccompProfile must not be Unconfined`);
      if (level === 'baseline') {
        for (const cap of added) if (!BASELINE_CAPS.has(String(cap))) say(`${scp}.capabilities.add`, `${name} adds capability ${cap}, beyond the baseline set`);
        continue;
      }
      if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true)
        say(`${scp}.runAsNonRoot`, `${name} must set runAsNonRoot: true (here or in the pod's securityContext)`);
      if (sc.runAsUser === 0) say(`${scp}.runAsUser`, `${name}: runAsUser must not be 0`);
      if (sc.allowPrivilegeEscalation !== false) say(`${scp}.allowPrivilegeEscalation`, `${name} must set allowPrivilegeEscalation: false`);
      const drop: unknown[] = Array.isArray(sc.capabilities?.drop) ? sc.capabilities.drop : [];
      if (!drop.includes('ALL')) say(`${scp}.capabilities.drop`, `${name} must drop ALL capabilities`);
      for (const cap of added) if (cap !== 'NET_BIND_SERVICE') say(`${scp}.capabilities.add`, `${name} may add only NET_BIND_SERVICE, not ${cap}`);
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
        say(`${scp}.seccompProfile`, `${name} needs seccompProfile RuntimeDefault or Localhost (here or in the pod's securityContext)`);
    }
  }
}
