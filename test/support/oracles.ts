// Test-only oracles: check generated output against the real upstream definitions in ../shared/upstream.
// Nothing here may be imported by src/ — the upstream files must never ship with the product.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { skip } from './skip.ts';

// ajv-formats is CJS with `export default`; under NodeNext the default import is the module object.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** test/support/ -> project root -> ../shared/upstream */
export const SHARED_UPSTREAM: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'upstream');

export function sharedAvailable(): boolean {
  return existsSync(SHARED_UPSTREAM) && statSync(SHARED_UPSTREAM).isDirectory();
}

export function skipNote(what: string): void {
  skip(what, '../shared/upstream not present');
}

type Json = Record<string, any>;
const up = (...p: string[]) => join(SHARED_UPSTREAM, ...p);
const readJson = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function newAjv(): Ajv {
  // strict:false -> tolerate vendor keywords (x-kubernetes-*, x-intellij-*, preferredOrder, components...).
  // unicodeRegExp:false -> upstream patterns are Go RE2, some escapes are invalid under JS's /u.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('int-or-string', true); // type is enforced by the schema's oneOf, not the format
  return ajv;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  const out = new Set<string>();
  for (const e of errors ?? []) {
    const at = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') out.add(`${at}: unknown field "${e.params.additionalProperty}"`);
    else out.add(`${at}: ${e.message}${e.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
  }
  return [...out];
}

// ---------------------------------------------------------------- eksctl

const eksctlCache = new Map<string, ValidateFunction>();

/** Validate an eksctl ClusterConfig. The eksctl schema sets additionalProperties:false on all definitions but
 *  IdentityProvider, so unknown fields are rejected natively. One upstream bug is corrected unless `raw`:
 *  IdentityProvider requires `type` while OIDCIdentityProvider, its only variant, forbids it (shared/README),
 *  so no OIDC provider could pass. eksctl itself reads `type` first (IdentityProvider.UnmarshalJSON); the
 *  correction lists `type: oidc` on the variant and changes nothing else. */
export function validateClusterConfig(doc: unknown, opts: { schema?: 'release' | 'main'; raw?: boolean } = {}): string[] {
  const which = opts.schema ?? 'release';
  const key = `${which}${opts.raw ? ':raw' : ''}`;
  let validate = eksctlCache.get(key);
  if (!validate) {
    const schema = readJson(up('eksctl', which === 'main' ? 'schema.main.json' : 'schema.json'));
    const oidc = schema.definitions?.OIDCIdentityProvider;
    if (!opts.raw && isObj(oidc?.properties)) oidc.properties.type = { type: 'string', enum: ['oidc'] };
    validate = newAjv().compile(schema);
    eksctlCache.set(key, validate);
  }
  return validate(doc) ? [] : formatErrors(validate.errors);
}

// ---------------------------------------------------------------- Kubernetes (built-in kinds + CRDs)

// Same shape as the pattern controller-gen emits for resource.Quantity.
const QUANTITY = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const QUANTITY_NAME = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const SCHEMA_KEYS = ['properties', 'patternProperties', 'definitions'];
const SUB_SCHEMA = ['additionalProperties', 'items', 'not', 'additionalItems'];
const COMBINATORS = ['allOf', 'anyOf', 'oneOf'];

/** Deep-copy a schema, making it strict like `kubectl --validate=strict`:
 *  - objects with `properties` and no `additionalProperties` get `additionalProperties: false`;
 *  - for CRDs, `type: object` with neither properties nor additionalProperties is closed too (the apiserver prunes it);
 *  - `x-kubernetes-preserve-unknown-fields: true` stays open;
 *  - nothing inside allOf/anyOf/oneOf/not is closed (structural-schema branches only repeat parts of the outer schema);
 *  - `x-kubernetes-int-or-string` without types gets integer|string; `nullable` becomes a null type.
 *  `x-kubernetes-validations` (CEL) and list-type/map-key semantics are ignored. */
function strictify(node: any, crd: boolean, inComb = false): any {
  if (Array.isArray(node)) return node.map((n) => strictify(n, crd, inComb));
  if (!isObj(node)) return node;
  const out: Json = { ...node };
  for (const k of SCHEMA_KEYS) {
    if (isObj(node[k])) out[k] = Object.fromEntries(Object.entries(node[k]).map(([n, s]) => [n, strictify(s, crd, inComb)]));
  }
  for (const k of SUB_SCHEMA) if (isObj(node[k]) || Array.isArray(node[k])) out[k] = strictify(node[k], crd, k === 'not' || inComb);
  for (const k of COMBINATORS) if (Array.isArray(node[k])) out[k] = strictify(node[k], crd, true);
  if (out['x-kubernetes-int-or-string'] === true && !out.type && !out.anyOf && !out.oneOf) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  const open = out['x-kubernetes-preserve-unknown-fields'] === true;
  if (!open && !inComb && out.additionalProperties === undefined && out.patternProperties === undefined) {
    if (isObj(out.properties) || (crd && out.type === 'object')) out.additionalProperties = false;
  }
  return out;
}

interface VersionCtx {
  dir: string; // k8s-openapi/v1.xx
  ajv: Ajv;
  docs: Map<string, { id: string; gvk: Map<string, string> } | null>; // rel path -> loaded doc
  validators: Map<string, ValidateFunction | null>;
}

const versionCtx = new Map<string, VersionCtx>();

function availableVersions(): string[] {
  const base = up('k8s-openapi');
  if (!existsSync(base)) return [];
  return readdirSync(base).filter((d) => /^v\d+\.\d+$/.test(d));
}

/** Exact minor if present; otherwise the nearest available (ties -> older); unparseable -> newest. */
function pickVersionDir(k8sVersion: string): string {
  const minor = (v: string) => Number(/^v?1\.(\d+)/.exec(v)?.[1] ?? NaN);
  const avail = availableVersions().sort((a, b) => minor(a) - minor(b));
  if (avail.length === 0) throw new Error(`no Kubernetes OpenAPI documents under ${up('k8s-openapi')}`);
  const want = minor(k8sVersion);
  if (Number.isNaN(want)) return avail[avail.length - 1]!;
  return avail.reduce((best, v) => (Math.abs(minor(v) - want) < Math.abs(minor(best) - want) ? v : best));
}

function ctxFor(k8sVersion: string): VersionCtx {
  const dir = pickVersionDir(k8sVersion);
  let ctx = versionCtx.get(dir);
  if (!ctx) versionCtx.set(dir, (ctx = { dir, ajv: newAjv(), docs: new Map(), validators: new Map() }));
  return ctx;
}

/** Load one group-version document into the version's ajv (once), indexed by GVK. */
function loadDoc(ctx: VersionCtx, rel: string) {
  if (ctx.docs.has(rel)) return ctx.docs.get(rel)!;
  const file = up('k8s-openapi', ctx.dir, rel);
  if (!existsSync(file)) return ctx.docs.set(rel, null).get(rel)!;
  const schemas: Json = readJson(file).components?.schemas ?? {};
  const gvk = new Map<string, string>();
  for (const [name, s] of Object.entries<any>(schemas)) {
    for (const g of s['x-kubernetes-group-version-kind'] ?? []) gvk.set(`${g.group}/${g.version}/${g.kind}`, name);
  }
  const components: Json = Object.fromEntries(Object.entries(schemas).map(([n, sc]) => [n, strictify(sc, false)]));
  if (components[QUANTITY_NAME]) {
    components[QUANTITY_NAME] = { oneOf: [{ type: 'string', pattern: QUANTITY }, { type: 'number' }] };
  }
  const id = `https://k8s.oracle/${ctx.dir}/${rel}`;
  // `$ref: #/components/schemas/X` resolves against this $id, so the OpenAPI doc works unchanged.
  ctx.ajv.addSchema({ $id: id, components: { schemas: components } });
  const entry = { id, gvk };
  ctx.docs.set(rel, entry);
  return entry;
}

interface CrdVersion {
  group: string;
  version: string;
  kind: string;
  schema: Json;
  file: string;
}
let crdIndex: Map<string, CrdVersion> | undefined;

function listFiles(dir: string, re: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), re) : re.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** group/version/kind -> served CRD version schema, from crds/**.yaml. */
function crds(): Map<string, CrdVersion> {
  if (crdIndex) return crdIndex;
  crdIndex = new Map();
  for (const file of listFiles(up('crds'), /\.ya?ml$/)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec?.versions ?? []) {
        const schema = v.schema?.openAPIV3Schema;
        if (!v.served || !schema) continue;
        const key = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
        crdIndex.set(key, { group: crd.spec.group, version: v.name, kind: crd.spec.names.kind, schema, file: relative(SHARED_UPSTREAM, file) });
      }
    }
  }
  return crdIndex;
}

function validatorFor(ctx: VersionCtx, apiVersion: string, kind: string): ValidateFunction | null {
  const key = `${apiVersion}/${kind}`;
  if (ctx.validators.has(key)) return ctx.validators.get(key)!;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  let schema: AnySchemaObject | null = null;
  const doc = loadDoc(ctx, group ? `apis/${group}/${version}.json` : `api/${version}.json`);
  const name = doc?.gvk.get(`${group}/${version}/${kind}`);
  if (doc && name) {
    schema = { $ref: `${doc.id}#/components/schemas/${name}` };
  } else {
    const crd = crds().get(`${group}/${version}/${kind}`);
    if (crd) {
      // CRDs type metadata only as `object`; validate it as the core ObjectMeta instead.
      const core = loadDoc(ctx, 'api/v1.json');
      const root = strictify(crd.schema, true);
      if (core) root.properties = { ...root.properties, metadata: { $ref: `${core.id}#/components/schemas/${OBJECT_META}` } };
      schema = root;
    }
  }
  const validate = schema ? ctx.ajv.compile(schema) : null;
  ctx.validators.set(key, validate);
  return validate;
}

/** Validate one Kubernetes object against the OpenAPI of `k8sVersion` (nearest available) or its CRD.
 *  Unknown fields are errors. Kinds found nowhere (e.g. snapshot.storage.k8s.io) give `unknown kind ...`. */
export function validateK8sObject(obj: any, k8sVersion: string): string[] {
  if (!isObj(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    return ['/: apiVersion and kind must be strings'];
  }
  const ctx = ctxFor(k8sVersion);
  const validate = validatorFor(ctx, obj.apiVersion, obj.kind);
  if (!validate) return [`unknown kind ${obj.apiVersion}/${obj.kind}`];
  return validate(obj) ? [] : formatErrors(validate.errors);
}

/** Multi-document YAML; each error is prefixed with `<kind>/<name>: `. */
export function validateK8sYaml(text: string, k8sVersion: string): string[] {
  const out: string[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length) return out.push(...doc.errors.map((e) => `document ${i}: YAML: ${e.message}`));
    const obj = doc.toJS();
    if (obj == null) return; // empty document, e.g. trailing ---
    const label = `${obj?.kind ?? '?'}/${obj?.metadata?.name ?? `#${i}`}`;
    for (const e of validateK8sObject(obj, k8sVersion)) out.push(`${label}: ${e}`);
  });
  return out;
}

// ---------------------------------------------------------------- Helm values

interface KeyNode {
  open: boolean;
  children: Map<string, KeyNode>;
  items?: KeyNode;
}
const openNode = (): KeyNode => ({ open: true, children: new Map() });

function merge(a: KeyNode, b: KeyNode): KeyNode {
  const children = new Map(a.children);
  for (const [k, v] of b.children) children.set(k, children.has(k) ? merge(children.get(k)!, v) : v);
  const items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
  return { open: a.open || b.open, children, items };
}

// Kubernetes structs that charts render verbatim with toYaml: their upstream defaults are examples, not a key list
// (e.g. vpc-cni's default tolerations list only `operator`, karpenter's affinity is one concrete rule). The EBS
// chart's values.schema.json types these same keys as free-form objects/arrays.
const K8S_PASSTHROUGH = new Set([
  'affinity',
  'tolerations',
  'topologySpreadConstraints',
  'nodeSelector',
  'resources',
  'securityContext',
  'podSecurityContext',
  'containerSecurityContext',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'volumes',
  'volumeMounts',
  'env',
  'envFrom',
  'dnsConfig',
  'updateStrategy',
  'strategy',
]);

/** Tree of keys from values.yaml: {} / [] / null / scalars are open; arrays of objects describe their items. */
function fromValues(v: unknown, key = ''): KeyNode {
  if (K8S_PASSTHROUGH.has(key)) return openNode();
  if (Array.isArray(v)) {
    const objs = v.filter(isObj);
    if (!objs.length) return openNode();
    return { open: false, children: new Map(), items: objs.map((o) => fromValues(o)).reduce(merge) };
  }
  if (!isObj(v) || Object.keys(v).length === 0) return openNode();
  return { open: false, children: new Map(Object.entries(v).map(([k, c]) => [k, fromValues(c, k)])) };
}

/** Tree of keys a values.schema.json declares (local $refs only). */
function fromSchema(s: any, root: any, depth = 0): KeyNode {
  if (!isObj(s) || depth > 32) return openNode();
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
    const target = s.$ref
      .slice(2)
      .split('/')
      .reduce((o: any, p: string) => o?.[p.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    return fromSchema(target, root, depth + 1); // siblings of $ref (type/description) declare no keys
  }
  const types = [s.type ?? []].flat();
  if (types.includes('array') && isObj(s.items) && (s.items.properties || s.items.$ref)) {
    return { open: false, children: new Map(), items: fromSchema(s.items, root, depth + 1) };
  }
  if (isObj(s.properties)) {
    // `additionalProperties: true` next to declared keys is permissiveness, not a declaration (external-dns sets it
    // at the root); a schema-typed map (additionalProperties/patternProperties object) does declare an open map.
    const open = isObj(s.additionalProperties) || isObj(s.patternProperties);
    return { open, children: new Map(Object.entries(s.properties).map(([k, c]) => [k, fromSchema(c, root, depth + 1)])) };
  }
  if (s.additionalProperties === false && !s.patternProperties) return { open: false, children: new Map() };
  return openNode();
}

const helmCache = new Map<string, KeyNode | null>();

function helmTree(chart: string): KeyNode | null {
  if (helmCache.has(chart)) return helmCache.get(chart)!;
  const valuesFile = up('helm', chart, 'values.yaml');
  const schemaFile = up('helm', chart, 'values.schema.json');
  let tree: KeyNode | null = null;
  if (existsSync(valuesFile)) {
    tree = fromValues(parseYaml(readFileSync(valuesFile, 'utf8')) ?? {});
    if (tree.open) tree = { open: false, children: new Map() }; // an empty values.yaml declares no keys
    if (existsSync(schemaFile)) {
      const schema = readJson(schemaFile);
      tree = merge(tree, fromSchema(schema, schema));
    }
  }
  helmCache.set(chart, tree);
  return tree;
}

/** Every key path the chart declares (`a.b`, array items as `a[].b`); null when there is no upstream values.yaml. */
export function helmValuesKeys(chart: string): Set<string> | null {
  const tree = helmTree(chart);
  if (!tree) return null;
  const keys = new Set<string>();
  const walk = (n: KeyNode, prefix: string) => {
    for (const [k, c] of n.children) {
      keys.add(prefix + k);
      walk(c, `${prefix}${k}.`);
    }
    if (n.items) walk(n.items, `${prefix.replace(/\.$/, '')}[].`);
  };
  walk(tree, '');
  return keys;
}

/** Dot paths in `values` that the chart does not declare ([] when the chart has no upstream values.yaml —
 *  check helmValuesKeys(chart) !== null if that matters). Keys under open upstream nodes are all accepted. */
export function unknownHelmKeys(chart: string, values: unknown): string[] {
  const tree = helmTree(chart);
  if (!tree) return [];
  const out: string[] = [];
  const walk = (v: unknown, n: KeyNode, path: string) => {
    if (n.open) return;
    if (Array.isArray(v) && n.items) v.forEach((el, i) => walk(el, n.items!, `${path}[${i}]`));
    if (!isObj(v)) return;
    for (const [k, c] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      const child = n.children.get(k);
      if (child) walk(c, child, p);
      else out.push(p);
    }
  };
  walk(values, tree, '');
  return out;
}

// ---------------------------------------------------------------- IAM

/** Actions of every Allow statement (policy document, `{PolicyDocument}` wrapper or statement list). */
export function actionsGranted(policy: any): Set<string> {
  const doc = isObj(policy) && isObj(policy.PolicyDocument) ? policy.PolicyDocument : policy;
  const statements = Array.isArray(doc) ? doc : [doc?.Statement ?? []].flat();
  const out = new Set<string>();
  for (const s of statements) if (isObj(s) && s.Effect === 'Allow') for (const a of [s.Action ?? []].flat()) out.add(String(a));
  return out;
}

/** All actions granted by an upstream policy file under iam/; files keyed by policy name (Karpenter) are flattened. */
export function upstreamIamActions(file: string): Set<string> {
  const json = readJson(up('iam', file));
  if (isObj(json) && 'Statement' in json) return actionsGranted(json);
  const out = new Set<string>();
  for (const p of Object.values(isObj(json) ? json : {})) for (const a of actionsGranted(p)) out.add(a);
  return out;
}
