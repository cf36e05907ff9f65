// Dot-path access into the answers object ("app.name"), shared by flags, the wizard and resolve().
import { formerKey } from './renamed.ts';
import { DELIVERY_FIELDS } from './types.ts';

// New answers whose flag joins a family the former keys named (--node-min, --node-taints, ...).
const FLAG_KEYS: Readonly<Record<string, string>> = {
  nodeGroups: 'nodeGroup',
  nodePools: 'nodePool',
  // A workload's delivery: the same flags (--ecr, --ci, ...) for the first application and for add service.
  ...Object.fromEntries(Object.keys(DELIVERY_FIELDS).map((k) => [`app.${k}`, k])),
};

export function getPath(obj: unknown, key: string): unknown {
  let cur: any = obj;
  for (const part of key.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = Object.hasOwn(cur, part) ? cur[part] : undefined;
  }
  return cur;
}

export function setPath<T extends object>(obj: T, key: string, value: unknown): T {
  const parts = key.split('.');
  let cur: any = obj;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] == null || typeof cur[part] !== 'object') cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
}

export function hasPath(obj: unknown, key: string): boolean {
  return getPath(obj, key) !== undefined;
}

/** `kubernetesVersion` → `kubernetes-version`, `app.name` → `app-name`; a moved answer keeps its flag (`nodeGroup.minSize` → `node-min`). */
export function flagName(key: string): string {
  // A system-group setting added since joins them too: nodeGroup.ami → --node-ami.
  const joined = key.startsWith('nodeGroup.') ? `node.${key.slice('nodeGroup.'.length)}` : key;
  return (FLAG_KEYS[key] ?? formerKey(key) ?? joined).replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
