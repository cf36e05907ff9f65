// Structural three-way merge of YAML and JSON, for what a line merge cannot settle (both sides adding
// keys or list items at the same spot). Values merge key by key and list items by identity; the result
// is written into the user's own YAML Document, so their comments and layout stay where yaml keeps them.
import { type Document, isMap, isNode, isScalar, isSeq, parseAllDocuments, type Node, type Pair } from 'yaml';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a),
      kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export class StructuralConflict extends Error {
  constructor(
    readonly at: string,
    reason: string,
  ) {
    super(`${at || '(document)'}: ${reason}`);
  }
}

const seg = (at: string, k: string) => (at ? `${at}.${k}` : k);
const show = (v: unknown) => (v === undefined ? 'removed' : JSON.stringify(v).slice(0, 60));

/** How list items are told apart: Kubernetes and eksctl name their entries. */
export function itemId(x: unknown): string {
  if (isObj(x)) {
    const meta = isObj(x.metadata) ? x.metadata : undefined;
    if (meta?.name !== undefined) return `metadata:${String(meta.namespace ?? '')}/${String(meta.name)}`;
    if (x.serviceAccountName !== undefined) return `sa:${String(x.namespace ?? '')}/${String(x.serviceAccountName)}`;
    for (const k of ['name', 'roleName', 'key', 'mountPath', 'containerPort'])
      if (x[k] !== undefined && typeof x[k] !== 'object') return `${k}:${String(x[k])}`;
  }
  return `=${JSON.stringify(x)}`;
}

export function mergeValue(b: unknown, o: unknown, t: unknown, at = ''): unknown {
  if (deepEqual(o, t)) return o;
  if (deepEqual(b, o)) return t;
  if (deepEqual(b, t)) return o;
  if (isObj(o) && isObj(t) && (b === undefined || isObj(b))) {
    const base: Obj = b ?? {};
    const out: Obj = {};
    for (const k of [...Object.keys(o), ...Object.keys(t).filter((k) => !(k in o))]) {
      const v = mergeValue(base[k], o[k], t[k], seg(at, k));
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (Array.isArray(o) && Array.isArray(t) && (b === undefined || Array.isArray(b))) return mergeList(b ?? [], o, t, at);
  throw new StructuralConflict(at, `changed here to ${show(o)} and by the new version to ${show(t)}`);
}

function mergeList(b: unknown[], o: unknown[], t: unknown[], at: string): unknown[] {
  const [ib, io, it] = [b, o, t].map((l) => l.map(itemId));
  if ([ib, io, it].some((ids) => new Set(ids).size !== ids.length))
    throw new StructuralConflict(at, 'both sides changed a list whose items cannot be told apart');
  const bm = new Map(ib.map((id, n) => [id, b[n]]));
  const tm = new Map(it.map((id, n) => [id, t[n]]));
  const out: unknown[] = [];
  const ids: string[] = [];
  o.forEach((item, n) => {
    const id = io[n];
    if (!tm.has(id) && bm.has(id)) {
      if (deepEqual(bm.get(id), item)) return;
      throw new StructuralConflict(`${at}[${id}]`, 'removed by the new version but changed here');
    }
    out.push(tm.has(id) ? mergeValue(bm.get(id), item, tm.get(id), `${at}[${id}]`) : item);
    ids.push(id);
  });
  t.forEach((item, n) => {
    const id = it[n];
    if (io.includes(id)) return;
    if (bm.has(id)) {
      if (deepEqual(bm.get(id), item)) return;
      throw new StructuralConflict(`${at}[${id}]`, 'removed here but changed by the new version');
    }
    // Place it after the item that precedes it in the new version, and after what the user added there.
    let pos = 0;
    for (let p = n - 1; p >= 0; p--) {
      const q = ids.indexOf(it[p]);
      if (q >= 0) {
        pos = q + 1;
        break;
      }
    }
    while (pos < ids.length && !bm.has(ids[pos]) && !tm.has(ids[pos])) pos++;
    out.splice(pos, 0, item);
    ids.splice(pos, 0, id);
  });
  return out;
}

const keyOf = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : String(p.key));

/** Rewrites `node` (holding `from`) to hold `to`, touching only what differs. */
function patch(doc: Document, node: unknown, from: unknown, to: unknown): unknown {
  if (deepEqual(from, to)) return node;
  if (isMap(node) && isObj(to)) {
    node.items = node.items.filter((p) => keyOf(p as Pair) in to);
    let prev = -1;
    for (const [k, v] of Object.entries(to)) {
      const idx = node.items.findIndex((p) => keyOf(p as Pair) === k);
      if (idx >= 0) {
        const p = node.items[idx] as Pair;
        p.value = patch(doc, p.value, isObj(from) ? from[k] : undefined, v) as Node;
        prev = idx;
      } else node.items.splice(++prev, 0, doc.createPair(k, v) as any);
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(to)) {
    const old = node.items;
    const was = Array.isArray(from) ? from : [];
    const wasIds = was.map(itemId);
    node.items = to.map((v) => {
      const n = wasIds.indexOf(itemId(v));
      return (n >= 0 && n < old.length ? patch(doc, old[n], was[n], v) : doc.createNode(v)) as any;
    });
    return node;
  }
  if (isScalar(node) && !isObj(to) && !Array.isArray(to) && typeof node.value === typeof to) {
    node.value = to;
    return node;
  }
  const created = doc.createNode(to);
  if (isNode(node)) Object.assign(created, { commentBefore: node.commentBefore, comment: node.comment });
  return created;
}

export const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } as const;

/**
 * Merges YAML or JSON structurally. Returns the merged text, throws StructuralConflict when both
 * sides changed the same value, and returns undefined when a version does not parse (a line merge is all there is).
 */
export function mergeStructured(file: string, base: string, ours: string, theirs: string): string | undefined {
  if (/\.json$/i.test(file)) {
    let b: unknown, o: unknown, t: unknown;
    try {
      [b, o, t] = [base, ours, theirs].map((s) => JSON.parse(s));
    } catch {
      return undefined;
    }
    return JSON.stringify(mergeValue(b, o, t), null, 2) + (ours.endsWith('\n') ? '\n' : '');
  }
  if (!/\.ya?ml$/i.test(file)) return undefined;
  const [bd, od, td] = [base, ours, theirs].map((s) => parseAllDocuments(s, { uniqueKeys: true }));
  if (![bd, od, td].every((d) => Array.isArray(d) && d.every((x) => x.errors.length === 0))) return undefined;
  const [bs, os, ts] = [bd, od, td] as Document[][];
  if (os.length !== ts.length || bs.length !== os.length)
    throw new StructuralConflict('', `the number of YAML documents differs (base ${bs.length}, yours ${os.length}, new ${ts.length})`);
  return os
    .map((doc, i) => {
      const merged = mergeValue(bs[i].toJS(), doc.toJS(), ts[i].toJS(), os.length > 1 ? `[doc ${i}]` : '');
      doc.contents = patch(doc, doc.contents, doc.toJS(), merged) as any;
      return doc.toString(YAML_OUT);
    })
    .join('');
}
