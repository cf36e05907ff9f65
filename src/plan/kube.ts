// Kubernetes name, label and taint grammar, and EC2 instance-type facts, shared by validation and
// planning. Each check returns a message (what is wrong; how to fix) or undefined.
import { TAINT_EFFECTS, type TaintEffect } from '../answers/types.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label or taint key: `[prefix/]name`, as Kubernetes validates qualified names. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `${JSON.stringify(key)} has more than one "/"; write prefix/name, e.g. example.com/team`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `${JSON.stringify(key)}: the prefix must be a DNS subdomain (lowercase letters, digits, "-" and ".")`;
  }
  if (name.length > 63 || !NAME_PART.test(name)) {
    return `${JSON.stringify(key)}: the name must be 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  return undefined;
}

export function labelValueProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
    return `the value of ${JSON.stringify(key)} must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
  }
  return undefined;
}

/** Label domains that kubelet, EKS or Karpenter set themselves; node labels may not use them. */
export function reservedLabelProblem(key: string): string | undefined {
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  const under = (domain: string) => prefix === domain || prefix.endsWith(`.${domain}`);
  if ((under('kubernetes.io') || under('k8s.io')) && !['node.kubernetes.io', 'kubelet.kubernetes.io'].includes(prefix)) {
    return `${key}: the kubernetes.io and k8s.io label domains are reserved for Kubernetes (kubelet refuses them); use your own prefix, e.g. example.com/${key.slice(key.indexOf('/') + 1)}`;
  }
  if (under('eks.amazonaws.com')) return `${key}: the eks.amazonaws.com label domain is set by EKS itself; use your own prefix`;
  if (under('karpenter.sh') || under('karpenter.k8s.aws'))
    return `${key}: the karpenter.sh and karpenter.k8s.aws label domains are set by Karpenter; use your own prefix`;
  return undefined;
}

/** Parses `key=value:Effect` or `key:Effect` (the kubectl taint spelling). */
export function parseTaint(spec: unknown): Taint | string {
  if (typeof spec !== 'string') return `${JSON.stringify(spec)} is not a taint; write key=value:Effect, e.g. dedicated=batch:NoSchedule`;
  const colon = spec.lastIndexOf(':');
  if (colon <= 0) return `${JSON.stringify(spec)} has no effect; write key=value:Effect with Effect one of ${TAINT_EFFECTS.join(', ')}`;
  const effect = spec.slice(colon + 1);
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect))
    return `${JSON.stringify(spec)}: the effect must be one of ${TAINT_EFFECTS.join(', ')} (got ${JSON.stringify(effect)})`;
  const kv = spec.slice(0, colon);
  const eq = kv.indexOf('=');
  const key = eq < 0 ? kv : kv.slice(0, eq);
  const value = eq < 0 ? undefined : kv.slice(eq + 1);
  const keyProblem = qualifiedNameProblem(key);
  if (keyProblem) return `taint ${keyProblem}`;
  // Karpenter's NodePool CRD requires a non-empty value when one is given; EKS accepts the same.
  if (value !== undefined && (value === '' || labelValueProblem(key, value))) {
    return `taint ${JSON.stringify(spec)}: the value must be 1 to 63 letters, digits, "-", "_" or "."; or leave out "=value"`;
  }
  return value === undefined ? { key, effect: effect as TaintEffect } : { key, value, effect: effect as TaintEffect };
}

/** Graviton (Arm) instance families: a1, and any family with a "g" right after its generation (m7g, c7gn, r8gd, t4g, is4gen). */
const ARM_FAMILY = /^(a1|[a-z]+\d+g[a-z]*)\./;

export function instanceArchitecture(type: string): 'arm64' | 'amd64' {
  return ARM_FAMILY.test(type) ? 'arm64' : 'amd64';
}

/** A percentage such as "33%" or a count such as "2", as node group updates and Karpenter budgets take them. */
export function parseCountOrPercent(v: unknown, allowZero: boolean): { percent: number } | { count: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,3})(%?)$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '%') return n <= 100 && (allowZero || n >= 1) ? { percent: n } : undefined;
  return allowZero || n >= 1 ? { count: n } : undefined;
}

// Instance families with accelerators, as eksctl v0.230.0 lists them (pkg/utils/instance/instance_types.go):
// for these eksctl picks the NVIDIA AMI (AL2023 or Bottlerocket) and, on AL2023, installs the NVIDIA
// device plugin, whose DaemonSet tolerates the nvidia.com/gpu taint only.
const NVIDIA_FAMILIES = ['g4dn', 'g5', 'g5g', 'g6', 'g6e', 'g6f', 'g7', 'g7e', 'gr6', 'gr6f', 'p3dn', 'p4d', 'p4de', 'p5', 'p5e', 'p5en', 'p6-b200', 'p6-b300'];
const NEURON_FAMILIES = ['inf1', 'inf2', 'trn1', 'trn1n', 'trn2'];
const familyOf = (type: string) => type.slice(0, type.indexOf('.'));

/** An instance type with NVIDIA GPUs. */
export const isNvidiaType = (type: string): boolean => NVIDIA_FAMILIES.includes(familyOf(type));
/** An instance type with AWS Inferentia or Trainium (Neuron) accelerators. */
export const isNeuronType = (type: string): boolean => NEURON_FAMILIES.includes(familyOf(type));
/** The taint key GPU nodes carry, the one the NVIDIA device plugin tolerates. */
export const GPU_TAINT_KEY = 'nvidia.com/gpu';
