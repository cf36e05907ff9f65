// The built-in Kubernetes schema map (k8s.json). The bundle replaces this module with one that
// reads dist/k8s-schema.json and parses a definition only when a check first asks for it
// (scripts/build.mjs): a run needs a few dozen of the ~900.
import bundle from './k8s.json' with { type: 'json' };
import type { Def } from '../schema.ts';

export const SCHEMA_SOURCE: string = bundle.source;
export const BUILTIN_KINDS = bundle.kinds as unknown as Record<string, [string, number, string]>;
const defs = bundle.defs as unknown as Record<string, Def>;

export function builtinDef(name: string): Def | undefined {
  return Object.hasOwn(defs, name) ? defs[name] : undefined;
}
