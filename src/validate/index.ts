// Offline validation of a create-eks-app project.
//
// Schema source: Kubernetes built-in kinds come from schemas/k8s.json, a 135 KB field/type/required
// map that scripts/gen-schemas.ts generates from the models @kubernetes/client-node ships (generated
// by the Kubernetes project from its OpenAPI; release 1.36, a superset of the EKS versions we target).
// We chose it over `kubernetes-models` (ships compiled ajv validators only, 18 MB, Node >= 22, no
// strict unknown-field mode) and over a generic JSON-Schema engine: our own walker (schema.ts) does
// strict unknown-field detection. The bundle ships the generated JSON beside the code
// (dist/k8s-schema.json); client-node is a dev dependency of the generator only. CRDs, eksctl and Helm
// key lists are written by us (schemas/*.ts). YAML is read by ./yaml.ts. Load this module lazily
// (`await import(...)`): only commands that validate pay for it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { lintPolicy } from './iam.ts';
import { checkObject, kindInfo } from './k8s.ts';
import { lintSet, lintWorkload } from './lint.ts';
import { Validator, seg, suggest } from './schema.ts';
import { eksctlDefs } from './schemas/eksctl.ts';
import { CHART_KEYS } from './schemas/helm.ts';
import type { FileInput, Finding, K8sDoc, Report, Severity, ValidateOptions, ValidateResult } from './types.ts';
import { type Cluster, type Trust, crossCheck } from './xref.ts';
import { lintEcrLifecycle, lintWorkflow } from './delivery.ts';
import { parseYaml } from './yaml.ts';
import { checkEksctlRules, EKSCTL_RULES } from './eksctl-rules.ts';
import { COREDNS_CONFIG_KEYS, VPC_CNI_CONFIG_KEYS } from '../data/network.ts';
import { checkPodSecurity } from './pss.ts';
import { migrateAnswers } from '../answers/renamed.ts';

export type { FileInput, Finding, Severity, ValidateOptions, ValidateResult } from './types.ts';
export { SCHEMA_SOURCE } from './k8s.ts';

/** Every rule id this validator can report. */
export const RULES = [
  'parse-error',
  'k8s-schema',
  'k8s-unknown-field',
  'k8s-enum',
  'k8s-name',
  'k8s-label',
  'k8s-port-range',
  'k8s-selector-mismatch',
  'k8s-duplicate-container',
  'k8s-request-exceeds-limit',
  'k8s-volume-mount',
  'k8s-field-combination',
  'k8s-removed-api',
  'k8s-alpha-api',
  'xref-service-selects-nothing',
  'xref-unschedulable',
  'xref-ingress-backend',
  'xref-missing-serviceaccount',
  'xref-missing-configmap',
  'xref-missing-secret',
  'xref-missing-pvc',
  'xref-missing-storageclass',
  'xref-missing-namespace',
  'xref-pod-identity-trust',
  'xref-irsa-trust',
  'fargate-unselected',
  'fargate-daemonset',
  'fargate-privileged',
  'fargate-ebs',
  'eksctl-schema',
  'eksctl-unknown-field',
  'eksctl-enum',
  'eksctl-version',
  'eksctl-addon-config',
  'iam-json',
  'iam-version',
  'iam-action-format',
  'iam-unknown-service',
  'iam-wildcard-action',
  'iam-wildcard-resource',
  'iam-trust-principal',
  'iam-trust-scope',
  'cfn-template',
  'helm-unknown-key',
  'helm-unknown-chart',
  'lint-run-as-non-root',
  'lint-read-only-rootfs',
  'lint-privilege-escalation',
  'lint-capabilities',
  'lint-resources',
  'lint-probes',
  'lint-latest-tag',
  'lint-pdb',
  'lint-network-policy',
  'pss-admission',
  'ecr-lifecycle',
  'gh-workflow',
  'unchecked-kind',
  ...EKSCTL_RULES.map((r) => r.id),
];

const eksctlValidator = new Validator((name) => eksctlDefs()[name], { schema: 'eksctl-schema', unknown: 'eksctl-unknown-field', enum: 'eksctl-enum' });
const HELM_FILE = /(^|\/)helm\/([^/]+)\.values\.ya?ml$/;
const WORKFLOW_FILE = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const ECR_LIFECYCLE_FILE = /(^|\/)ecr\/[^/]+\.json$|lifecycle-policy\.json$/;
const TRUST_FILE = /(^|\/)([^/]+)-trust\.json$/;

// Generated projects without an account id carry ${AWS_ACCOUNT_ID}, filled in by envsubst when
// applied; validate them as they will be applied, with a documentation account id in its place.
const ACCOUNT_PLACEHOLDER = /\$\{AWS_ACCOUNT_ID\}/g;
// Likewise the creator's address that may reach the API endpoint while eksctl creates the cluster.
const CREATOR_PLACEHOLDER = /\$\{CREATOR_CIDR\}/g;

/** Documentation values for what the README exports before envsubst fills an apply-time file (*.tmpl). */
export const APPLY_TIME_SAMPLES: Readonly<Record<string, string>> = {
  AWS_ACCOUNT_ID: '111122223333',
  CREATOR_CIDR: '203.0.113.10/32',
  KMS_KEY_ARN: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  CLUSTER_SECURITY_GROUP_ID: 'sg-0123456789abcdef0',
  POD_SECURITY_GROUP_ID: 'sg-0fedcba9876543210',
  EFS_FILE_SYSTEM_ID: 'fs-0123456789abcdef0',
  FSX_SUBNET_ID: 'subnet-0123456789abcdef0',
  FSX_SECURITY_GROUP_ID: 'sg-0a1b2c3d4e5f60718',
  CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666',
  VPC_IPV6_CIDR: '2001:db8:1234:1a00::/56',
  VPC_CIDR: '10.0.0.0/16',
  VPC_ID: 'vpc-0123456789abcdef0',
  CLUSTER_ARN: 'arn:aws:eks:us-east-1:111122223333:cluster/my-cluster',
};
const TEMPLATE_FILE = /\.ya?ml\.tmpl$/i;

export function validateFiles(input: FileInput[], opts: ValidateOptions = {}): ValidateResult {
  const files = input.map((f) => ({
    path: f.path,
    content: (TEMPLATE_FILE.test(f.path) ? f.content.replace(/\$\{(\w+)\}/g, (m, v: string) => APPLY_TIME_SAMPLES[v] ?? m) : f.content)
      .replace(ACCOUNT_PLACEHOLDER, APPLY_TIME_SAMPLES.AWS_ACCOUNT_ID)
      .replace(CREATOR_PLACEHOLDER, APPLY_TIME_SAMPLES.CREATOR_CIDR)
      .replace(/\$\{KMS_KEY_ARN\}/g, APPLY_TIME_SAMPLES.KMS_KEY_ARN),
  }));
  const findings: Finding[] = [];
  const docs: K8sDoc[] = [];
  const clusters: Cluster[] = [];
  const trusts: Trust[] = [];
  let resources = 0;
  const count = (file: string, n: number) => {
    if (checked(file)) resources += n;
  };
  const checked = (file: string) => opts.focus === undefined || file === opts.focus;
  const reporter =
    (file: string, doc?: number): Report =>
    (rule, path, message, severity = 'error') => {
      findings.push(doc === undefined ? { rule, severity, file, path, message } : { rule, severity, file, path, message, doc });
    };

  for (const f of files) {
    const file = f.path.split(sep).join('/');
    if (/\.json$/i.test(file)) {
      if (/(^|\/)\.eks-app\.json$/.test(file) || /(^|\/)(package(-lock)?|tsconfig)\.json$/.test(file)) continue;
      let data: unknown;
      try {
        data = JSON.parse(f.content);
      } catch (e) {
        reporter(file)('iam-json', '', `not valid JSON: ${(e as Error).message}`);
        continue;
      }
      if (data && typeof data === 'object' && !Array.isArray(data) && 'Statement' in data) {
        count(file, 1);
        const tm = TRUST_FILE.exec(file);
        const info = lintPolicy(data, '', reporter(file), tm ? true : undefined);
        if (info || tm) trusts.push({ file, role: tm?.[2] ?? '', info });
      } else if (
        data &&
        typeof data === 'object' &&
        !Array.isArray(data) &&
        Object.values(data).length &&
        Object.values(data).every((v) => v && typeof v === 'object' && 'Statement' in v)
      ) {
        for (const [k, v] of Object.entries(data)) {
          count(file, 1);
          lintPolicy(v, seg('', k), reporter(file));
        }
      } else if (data && typeof data === 'object' && !Array.isArray(data) && (data as any).Resources && typeof (data as any).Resources === 'object') {
        count(file, lintCloudFormation(data as Record<string, any>, reporter(file)));
      } else if (data && typeof data === 'object' && 'apiVersion' in data && 'kind' in data) {
        count(file, addObject(data as Record<string, any>, file, 0, docs, clusters, reporter));
      } else if (data && typeof data === 'object' && !Array.isArray(data) && 'rules' in data && ECR_LIFECYCLE_FILE.test(file)) {
        count(file, 1);
        lintEcrLifecycle(data, reporter(file));
      } else if (/(^|\/)iam\//.test(file)) {
        count(file, 1);
        lintPolicy(data, '', reporter(file));
      } else reporter(file)('unchecked-kind', '', 'JSON file is neither an IAM policy nor a Kubernetes object; not checked', 'unchecked');
      continue;
    }
    if (!/\.ya?ml$/i.test(file) && !TEMPLATE_FILE.test(file)) continue;
    const helm = HELM_FILE.exec(file);
    const parsed = parseYaml(f.content);
    if (parsed.problem) {
      reporter(file)('parse-error', '', `YAML: ${parsed.problem.message}${parsed.problem.line ? ` (line ${parsed.problem.line})` : ''}`);
      continue;
    }
    const list = parsed.docs;
    list.forEach((obj: any, i) => {
      const rep = reporter(file, list.length > 1 ? i : undefined);
      if (obj === null || obj === undefined) return; // empty document (e.g. a trailing ---)
      if (helm) {
        count(file, 1);
        if (checked(file)) checkHelm(obj, helm[2], opts, rep);
        return;
      }
      if (WORKFLOW_FILE.test(file)) {
        count(file, 1);
        if (checked(file)) lintWorkflow(obj, rep);
        return;
      }
      if (typeof obj !== 'object' || Array.isArray(obj) || !obj.apiVersion || !obj.kind) {
        rep('unchecked-kind', '', 'document has no apiVersion/kind, so it is not a Kubernetes object or eksctl ClusterConfig; not checked', 'unchecked');
        return;
      }
      count(file, addObject(obj, file, list.length > 1 ? i : undefined, docs, clusters, reporter));
    });
  }

  for (const d of docs) {
    if (!checked(d.file)) continue;
    const rep = reporter(d.file, d.doc);
    if (!checkObject(d, rep, opts.kubernetesVersion)) {
      rep(
        'unchecked-kind',
        'kind',
        `no schema for ${d.apiVersion} ${d.kind}: not validated (only built-in kinds and the CRDs create-eks-app generates are known)`,
        'unchecked',
      );
      continue;
    }
    const lintSev: Severity = opts.strict ? 'error' : 'warning';
    lintWorkload(d, (rule, path, msg) => rep(rule, path, msg, lintSev));
  }
  for (const c of clusters) {
    if (!checked(c.file)) continue;
    const rep = reporter(c.file, c.doc);
    eksctlValidator.check(c.cfg, 'Eks.ClusterConfig', '', rep);
    eksctlRules(c.cfg, rep, opts);
  }
  lintSet(docs, !!opts.networkPolicyEnabled, (d, rule, path, msg) => reporter(d.file, d.doc)(rule, path, msg, opts.strict ? 'error' : 'warning'));
  crossCheck(docs, clusters, trusts, (file, doc, rule, path, msg, sev) => reporter(file, doc)(rule, path, msg, sev));
  checkPodSecurity(docs, (d, path, msg) => reporter(d.file, d.doc)('pss-admission', path, msg));

  findings.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : (a.doc ?? 0) - (b.doc ?? 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  return { findings, resources };
}

function addObject(
  obj: Record<string, any>,
  file: string,
  doc: number | undefined,
  docs: K8sDoc[],
  clusters: Cluster[],
  reporter: (f: string, d?: number) => Report,
): number {
  if (typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('eksctl.io/')) {
    clusters.push({ file, doc: doc as number, cfg: obj });
    return 1;
  }
  if (obj.kind === 'List' && Array.isArray(obj.items)) {
    let n = 0;
    for (const item of obj.items) if (item && typeof item === 'object') n += addObject(item, file, doc, docs, clusters, reporter);
    return n;
  }
  const apiVersion = String(obj.apiVersion),
    kind = String(obj.kind);
  // A number or a missing value is no kind at all: every object needs both as strings.
  for (const f of ['apiVersion', 'kind'] as const) {
    if (typeof obj[f] !== 'string' || obj[f] === '')
      reporter(file, doc)(
        'k8s-schema',
        f,
        `${obj[f] === undefined || obj[f] === '' ? 'Required value' : `Invalid value: ${JSON.stringify(obj[f])}: must be a string`}: every object needs apiVersion and kind, e.g. apiVersion: v1 and kind: ConfigMap`,
      );
  }
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || !obj.apiVersion || !obj.kind) return 1;
  const info = kindInfo(apiVersion, kind);
  const meta = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
  const namespaced = info ? info[1] === 1 : true;
  docs.push({
    file,
    doc: doc as number,
    obj,
    apiVersion,
    kind,
    name: String(meta.name ?? ''),
    namespace: namespaced ? String(meta.namespace ?? 'default') : '',
  });
  return 1;
}

function eksctlRules(cfg: any, rep: Report, opts: ValidateOptions): void {
  const v = cfg?.metadata?.version;
  if (opts.kubernetesVersion && typeof v === 'string' && /^1\.\d+$/.test(v) && v !== opts.kubernetesVersion)
    rep(
      'eksctl-version',
      'metadata.version',
      `cluster version "${v}" differs from kubernetesVersion "${opts.kubernetesVersion}" in .eks-app.json; make them the same`,
    );
  if (cfg && typeof cfg === 'object') checkEksctlRules(cfg, rep);
  if (cfg && typeof cfg === 'object') addonConfigurationKeys(cfg, rep);
}

/**
 * The vpc-cni and coredns configurationValues keys this tool knows to be documented; vpc-cni takes
 * its values as strings. EKS itself checks the rest when it applies the add-on.
 */
function addonConfigurationKeys(cfg: any, rep: Report): void {
  (Array.isArray(cfg.addons) ? cfg.addons : []).forEach((a: any, i: number) => {
    const known = a?.name === 'vpc-cni' ? VPC_CNI_CONFIG_KEYS : a?.name === 'coredns' ? COREDNS_CONFIG_KEYS : undefined;
    if (!known || typeof a.configurationValues !== 'string') return;
    let values: any;
    try {
      values = JSON.parse(a.configurationValues);
    } catch {
      return; /* the eksctl rule reports it */
    }
    if (!values || typeof values !== 'object') return;
    const at = `addons[${i}].configurationValues`;
    for (const [k, v] of Object.entries(values)) {
      const entries: [string, unknown][] =
        a.name === 'vpc-cni' && k === 'env' && v && typeof v === 'object' ? Object.entries(v).map(([ek, ev]) => [`env.${ek}`, ev]) : [[k, v]];
      for (const [key, value] of entries) {
        if (!known[key])
          rep(
            'eksctl-addon-config',
            `${at}.${key}`,
            `${key} is not a documented ${a.name} configuration key; check it with aws eks describe-addon-configuration --addon-name ${a.name}`,
            'warning',
          );
        else if (a.name === 'vpc-cni' && typeof value !== 'string')
          rep('eksctl-addon-config', `${at}.${key}`, `vpc-cni takes its configuration values as strings; write ${JSON.stringify(String(value))}`);
      }
    }
  });
}

// --- Helm values --------------------------------------------------------------------------------
type KeyTree = Map<string, KeyTree | null>;
const treeCache = new Map<string, KeyTree>();
function keyTree(spec: string): KeyTree {
  let t = treeCache.get(spec);
  if (t) return t;
  t = new Map();
  for (const m of spec.matchAll(/([^\s{}]+)(?:\{([^}]*)\})?/g))
    t.set(
      m[1],
      m[2] === undefined
        ? null
        : new Map(
            m[2]
              .split(/\s+/)
              .filter(Boolean)
              .map((k) => [k, null]),
          ),
    );
  treeCache.set(spec, t);
  return t;
}

function checkHelm(values: unknown, release: string, opts: ValidateOptions, rep: Report): void {
  const pinned = opts.helmCharts?.[release];
  const chart = pinned?.chart ?? release;
  const known = CHART_KEYS[chart];
  if (!known) return rep('helm-unknown-chart', '', `no key list for chart "${chart}" (release "${release}"); values not checked`, 'unchecked');
  if (!values || typeof values !== 'object' || Array.isArray(values)) return rep('helm-unknown-key', '', 'values must be a YAML mapping');
  const [version, spec] = known;
  const note = pinned?.version && pinned.version !== version ? ` (checked against chart ${version}; the project pins ${pinned.version})` : '';
  const walk = (obj: Record<string, unknown>, tree: KeyTree, path: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (!tree.has(k)) {
        if (path === '' && k === 'global') continue;
        const s = suggest(k, tree.keys());
        rep(
          'helm-unknown-key',
          seg(path, k),
          `chart ${chart} ${version} has no value "${seg(path, k)}"${s ? `; did you mean "${s}"?` : ''}. Helm ignores unknown keys silently${note}`,
        );
        continue;
      }
      const sub = tree.get(k);
      if (sub && v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, sub, seg(path, k));
    }
  };
  walk(values as Record<string, unknown>, keyTree(spec), '');
}

/** CloudFormation intrinsics ({"Ref": ...}, {"Fn::Sub": ...}) stand for strings only known at deploy time. */
function stripIntrinsics(v: any): any {
  if (Array.isArray(v)) return v.map(stripIntrinsics);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return '${cfn}';
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stripIntrinsics(x)]));
  }
  return v;
}

/** CloudFormation templates: every resource needs a Type, and every IAM document inside is linted like a policy file. */
function lintCloudFormation(t: Record<string, any>, report: Report): number {
  let n = 0;
  for (const [name, r] of Object.entries<any>(t.Resources)) {
    n++;
    const base = seg('Resources', name);
    if (!r || typeof r.Type !== 'string' || !/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(r.Type)) {
      report('cfn-template', seg(base, 'Type'), 'Required value: each CloudFormation resource needs a Type such as AWS::IAM::Role');
      continue;
    }
    const props = stripIntrinsics(r.Properties ?? {});
    const at = (k: string) => seg(seg(base, 'Properties'), k);
    if (props.AssumeRolePolicyDocument) lintPolicy(props.AssumeRolePolicyDocument, at('AssumeRolePolicyDocument'), report, true);
    // Only identity policies: queue, topic and bucket policies are resource policies with their own grammar.
    if (props.PolicyDocument && /^AWS::IAM::(Managed)?Policy$/.test(r.Type)) lintPolicy(props.PolicyDocument, at('PolicyDocument'), report, false);
    (Array.isArray(props.Policies) ? props.Policies : []).forEach((p: any, i: number) =>
      lintPolicy(p?.PolicyDocument, `${at('Policies')}[${i}].PolicyDocument`, report, false),
    );
  }
  return n;
}

// --- files on disk --------------------------------------------------------------------------------
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.terraform']);
// Synchronous: a project is a few dozen small files, and each asynchronous read costs a round trip.
function collect(root: string, dir: string, out: FileInput[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) collect(root, full, out);
    } else if (/\.(ya?ml|json)$/i.test(e.name) || TEMPLATE_FILE.test(e.name))
      out.push({ path: relative(root, full).split(sep).join('/'), content: readFileSync(full, 'utf8') });
  }
}

/** Options recorded in .eks-app.json. Accepts `helm`, `helmCharts` or `charts` maps of release -> {chart, version}. */
export function optionsFromAnswers(answers: any): ValidateOptions {
  const o: ValidateOptions = {};
  if (!answers || typeof answers !== 'object') return o;
  if (typeof answers.kubernetesVersion === 'string') o.kubernetesVersion = answers.kubernetesVersion;
  const np = answers.cni?.networkPolicy ?? answers.networkPolicy ?? answers.networkPolicyEnabled ?? answers.networkPolicies;
  if (np === true || np?.enabled === true) o.networkPolicyEnabled = true;
  for (const key of ['helmCharts', 'helm', 'charts']) {
    const h = answers[key];
    const entries: [string, any][] = Array.isArray(h)
      ? h.map((x: any) => [x?.release ?? x?.name ?? x?.chart, x])
      : h && typeof h === 'object'
        ? Object.entries(h)
        : [];
    for (const [rel, v] of entries)
      if (typeof rel === 'string' && v && typeof v === 'object' && typeof v.chart === 'string')
        (o.helmCharts ??= {})[rel] = { chart: v.chart.replace(/^.*\//, ''), version: typeof v.version === 'string' ? v.version : undefined };
  }
  return o;
}

export async function validatePath(p: string, opts: ValidateOptions = {}): Promise<ValidateResult & { files: number }> {
  const files: FileInput[] = [];
  let root = p;
  let project = false;
  const isDir = statSync(p).isDirectory();
  // a single file: look up to three folders up for the project root (.eks-app.json)
  if (!isDir) {
    root = dirname(p);
    for (let d = root, i = 0; i < 4; i++, d = dirname(d))
      if (existsSync(join(d, '.eks-app.json'))) {
        root = d;
        project = true;
        break;
      }
  }
  // One file of a project is checked in its project, so references to the project's other files resolve.
  if (isDir || project) collect(root, root, files);
  else files.push({ path: relative(root, p).split(sep).join('/'), content: readFileSync(p, 'utf8') });
  let recorded: ValidateOptions = {};
  try {
    const state = JSON.parse(readFileSync(join(root, '.eks-app.json'), 'utf8'));
    // A project's state file holds {tool, answers}; older hand-written ones hold the options themselves.
    recorded = optionsFromAnswers(state?.tool && state?.answers ? migrateAnswers(state.answers) : state);
  } catch {
    /* no saved answers: defaults */
  }
  const only = relative(root, p).split(sep).join('/');
  const res = validateFiles(files, {
    ...recorded,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
    ...(isDir ? {} : { focus: only }),
  });
  if (isDir) return { ...res, files: files.length };
  const findings = res.findings
    .filter((f) => f.file === only)
    .map((f) =>
      // A lone file cannot show what it refers to; that is unknown here, not wrong.
      !project && (f.rule.startsWith('xref-missing-') || f.rule === 'xref-ingress-backend')
        ? { ...f, severity: 'unchecked' as const, message: `${f.message} (not checked: validate the folder that holds it)` }
        : f,
    );
  return { findings, resources: res.resources, files: 1 };
}

// --- output -------------------------------------------------------------------------------------
export function summarize(r: ValidateResult) {
  const count = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  return {
    errors: count('error'),
    warnings: count('warning'),
    unchecked: count('unchecked'),
    resources: r.resources,
    ...(r.files !== undefined ? { files: r.files } : {}),
  };
}

export function formatHuman(r: ValidateResult, { color }: { color: boolean }): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const mark: Record<Severity, string> = { error: c('31', 'error'), warning: c('33', 'warn '), unchecked: c('36', 'skip ') };
  const lines: string[] = [];
  let last = '';
  for (const f of r.findings) {
    if (f.file !== last) {
      lines.push(lines.length ? '' : '', c('1', f.file));
      last = f.file;
    }
    const where = `${f.doc !== undefined ? `doc ${f.doc} ` : ''}${f.path || '(document)'}`;
    lines.push(`  ${mark[f.severity]} ${where}: ${f.message} ${c('2', `[${f.rule}]`)}`);
  }
  const s = summarize(r);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.unchecked} unchecked in ${plural(s.resources, 'resource')}${s.files !== undefined ? ` (${plural(s.files, 'file')})` : ''}`;
  lines.push('', s.errors ? c('31', `✖ ${summary}`) : c('32', `✔ ${summary}`));
  return `${lines.join('\n').replace(/^\n+/, '')}\n`;
}

/** Stable machine format: `{ version: 1, summary, findings }` with findings in file/doc/path order. */
export function formatJson(r: ValidateResult): string {
  return `${JSON.stringify(
    {
      version: 1,
      summary: summarize(r),
      findings: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        file: f.file,
        ...(f.doc !== undefined ? { doc: f.doc } : {}),
        path: f.path,
        message: f.message,
      })),
    },
    null,
    2,
  )}\n`;
}
