// A small structural validator for our compact schema notation. It is much faster than a generic
// JSON-Schema engine on Kubernetes objects, and it rejects unknown fields (kubectl --validate=strict).
//
// Type codes: s string, b boolean, i32/i64/int integer, f number, ios int-or-string, q quantity,
// dt RFC 3339 date-time, by base64 bytes, cidr, any; [T] array of T, {T} map of T; anything else is
// the name of a Def.
import type { Report } from './types.ts';

export interface Constraint {
  e?: readonly (string | number | boolean)[];
  p?: RegExp;
  min?: number;
  max?: number;
  minItems?: number;
  maxItems?: number;
  maxLen?: number;
  /** Extra explanation appended to the message. */
  hint?: string;
}
export interface Def {
  f: Record<string, string>;
  r?: readonly string[];
  c?: Record<string, Constraint>;
  /** Accept fields not listed (x-kubernetes-preserve-unknown-fields). */
  open?: boolean;
}
export type Defs = Record<string, Def>;
/** Definitions by name: a record, or a function that finds one (and may build it on first use). */
export type DefLookup = Defs | ((name: string) => Def | undefined);
export interface RuleIds {
  schema: string;
  unknown: string;
  enum: string;
}

type Node = { k: 'p'; t: string } | { k: 'a'; of: Node } | { k: 'm'; of: Node } | { k: 'r'; d: string };

const nodeCache = new Map<string, Node>();
export function node(code: string): Node {
  let n = nodeCache.get(code);
  if (n) return n;
  if (code.startsWith('[')) n = { k: 'a', of: node(code.slice(1, -1)) };
  else if (code.startsWith('{')) n = { k: 'm', of: node(code.slice(1, -1)) };
  else if (/^[A-Z]/.test(code)) n = { k: 'r', d: code };
  else n = { k: 'p', t: code };
  nodeCache.set(code, n);
  return n;
}

const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CIDR = /^(?:(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

export function seg(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;
}
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)));

/** Closest name by edit distance, for "did you mean" hints. */
import { suggest } from '../suggest.ts';

export { suggest };

export class Validator {
  private def: (name: string) => Def | undefined;
  constructor(
    defs: DefLookup,
    private ids: RuleIds,
  ) {
    this.def = typeof defs === 'function' ? defs : (name) => defs[name];
  }

  /** How a null list item is judged: as its type's zero value (built-in types, decoded by Go), or refused (CRDs). */
  private nullItems: 'zero' | 'reject' = 'zero';

  check(v: unknown, code: string, path: string, report: Report, opts: { nullItems?: 'zero' | 'reject' } = {}): void {
    this.nullItems = opts.nullItems ?? 'zero';
    this.walk(v, node(code), path, undefined, report);
  }

  private zero(n: Node): unknown {
    if (n.k === 'r' || n.k === 'm') return {};
    if (n.k === 'a') return [];
    return n.t === 'b' ? false : n.t === 's' || n.t === 'dt' || n.t === 'by' || n.t === 'cidr' || n.t === 'q' ? '' : n.t === 'any' ? undefined : 0;
  }

  private walk(v: unknown, n: Node, path: string, c: Constraint | undefined, report: Report): void {
    if (v === null || v === undefined) return; // null means "unset" to the API server
    switch (n.k) {
      case 'p':
        this.prim(v, n.t, path, c, report);
        return;
      case 'a':
        if (!Array.isArray(v)) return report(this.ids.schema, path, `Invalid value: ${show(v)}: must be of type array, got ${typeName(v)}`);
        if (c?.minItems !== undefined && v.length < c.minItems) report(this.ids.schema, path, `Invalid value: must have at least ${c.minItems} item(s)`);
        if (c?.maxItems !== undefined && v.length > c.maxItems) report(this.ids.schema, path, `Too many: ${v.length}: must have at most ${c.maxItems} items`);
        for (let i = 0; i < v.length; i++) {
          // A null list item is not "unset": Go decodes it as an empty item; a CRD's schema refuses it.
          if (v[i] === null && this.nullItems === 'reject') report(this.ids.schema, `${path}[${i}]`, 'Invalid value: null: a list item may not be null');
          else this.walk(v[i] === null ? this.zero(n.of) : v[i], n.of, `${path}[${i}]`, c, report);
        }
        return;
      case 'm':
        if (typeof v !== 'object' || Array.isArray(v))
          return report(this.ids.schema, path, `Invalid value: ${show(v)}: must be of type object, got ${typeName(v)}`);
        for (const k in v as object) this.walk((v as any)[k], n.of, seg(path, k), c, report);
        return;
      case 'r': {
        const def = this.def(n.d);
        if (!def) return; // unknown def: treated as free-form
        if (typeof v !== 'object' || Array.isArray(v))
          return report(this.ids.schema, path, `Invalid value: ${show(v)}: must be of type object, got ${typeName(v)}`);
        const o = v as Record<string, unknown>;
        for (const k in o) {
          const t = def.f[k];
          if (t === undefined) {
            if (def.open) continue;
            const s = suggest(k, Object.keys(def.f));
            report(this.ids.unknown, seg(path, k), `unknown field "${seg(path, k)}"${s ? `; did you mean "${s}"?` : ''}`);
            continue;
          }
          this.walk(o[k], node(t), seg(path, k), def.c?.[k], report);
        }
        if (def.r) for (const k of def.r) if (o[k] === undefined || o[k] === null) report(this.ids.schema, seg(path, k), `Required value: set "${k}"`);
      }
    }
  }

  private prim(v: unknown, t: string, path: string, c: Constraint | undefined, report: Report): void {
    const bad = (want: string) => report(this.ids.schema, path, `Invalid value: ${show(v)}: must be of type ${want}, got ${typeName(v)}`);
    switch (t) {
      case 'any':
        return;
      case 's':
      case 'dt':
      case 'by':
      case 'cidr':
        // Bytes also decode from a JSON array of byte values.
        if (t === 'by' && Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)) return;
        if (typeof v !== 'string') return bad('string');
        if (t === 'dt' && !DATE_TIME.test(v)) return report(this.ids.schema, path, `Invalid value: ${show(v)}: must be an RFC 3339 date-time`);
        if (t === 'by' && (!BASE64.test(v.replace(/\s/g, '')) || v.replace(/\s/g, '').length % 4))
          return report(this.ids.schema, path, `Invalid value: must be base64-encoded; put plain text under stringData instead`);
        if (t === 'cidr' && !CIDR.test(v)) return report(this.ids.schema, path, `Invalid value: ${show(v)}: must be a CIDR such as 10.0.0.0/16`);
        break;
      case 'b':
        if (typeof v !== 'boolean') return bad('boolean');
        break;
      case 'i32':
      case 'i64':
      case 'int':
        if (typeof v !== 'number' || !Number.isInteger(v)) return bad('integer');
        if (t === 'i32' && (v > 2147483647 || v < -2147483648)) return report(this.ids.schema, path, `Invalid value: ${v}: must fit in a 32-bit integer`);
        break;
      case 'f':
        if (typeof v !== 'number') return bad('number');
        break;
      case 'ios':
        if (typeof v === 'number' ? !Number.isInteger(v) : typeof v !== 'string') return bad('integer or string');
        if (typeof v === 'number' && (v > 2147483647 || v < -2147483648))
          return report(this.ids.schema, path, `Invalid value: ${v}: must fit in a 32-bit integer`);
        break;
      case 'q':
        if (typeof v === 'number') break;
        if (typeof v !== 'string') return bad('quantity (string or number)');
        if (!QUANTITY.test(v))
          return report(
            this.ids.schema,
            path,
            `Invalid value: ${show(v)}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 500m, 256Mi, 2Gi)`,
          );
        break;
    }
    if (!c) return;
    if (c.e && !c.e.includes(v as any)) {
      report(this.ids.enum, path, `Unsupported value: ${show(v)}: supported values: ${c.e.map((x) => show(x)).join(', ')}${c.hint ? ` (${c.hint})` : ''}`);
      return;
    }
    if (c.p && typeof v === 'string' && !c.p.test(v))
      report(this.ids.schema, path, `Invalid value: ${show(v)}: must match ${c.p.source}${c.hint ? ` (${c.hint})` : ''}`);
    if (c.maxLen !== undefined && typeof v === 'string' && v.length > c.maxLen)
      report(this.ids.schema, path, `Too long: may not be more than ${c.maxLen} characters`);
    if (typeof v === 'number') {
      if (c.min !== undefined && v < c.min) report(this.ids.schema, path, `Invalid value: ${v}: must be greater than or equal to ${c.min}`);
      if (c.max !== undefined && v > c.max) report(this.ids.schema, path, `Invalid value: ${v}: must be less than or equal to ${c.max}`);
    }
  }
}
