// The validator's engine: it reads every file of a project, checks the ones asked for, and checks
// the set across files. The checks of files that no other file's checks need (eksctl configs, Helm
// values, workflows, ECR lifecycle policies, CloudFormation) come in as `FileChecks`
// (file-checks.ts), so `validate` of one manifest does not load them.
import { lintPolicy } from './iam.ts';
import { checkObject, kindInfo } from './k8s.ts';
import { lintSet, lintWorkload } from './lint.ts';
import type { FileInput, Finding, K8sDoc, Report, Severity, ValidateOptions, ValidateResult } from './types.ts';
import { type Cluster, type Trust, crossCheck } from './xref.ts';
import { parseYaml } from './yaml.ts';
import { checkPodSecurity } from './pss.ts';
import { sep } from 'node:path';
import { seg } from './schema.ts';

export interface FileChecks {
  clusterConfig(cfg: any, rep: Report, opts: ValidateOptions): void;
  helmValues(values: unknown, release: string, opts: ValidateOptions, rep: Report): void;
  workflow(obj: unknown, rep: Report): void;
  ecrLifecycle(obj: unknown, rep: Report): void;
  /** The resources it counted. */
  cloudFormation(template: Record<string, any>, rep: Report): number;
}

/** Thrown when a checked file needs the `FileChecks` that were left out: load them and check again. */
export class FileChecksMissing extends Error {}

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
export const TEMPLATE_FILE = /\.ya?ml\.tmpl$/i;

/**
 * Whether checking this file takes the FileChecks: anything but a Kubernetes manifest (a
 * ClusterConfig is one by its apiVersion, so its text says so).
 */
export function needsFileChecks(f: FileInput): boolean {
  if (/\.json$/i.test(f.path) || HELM_FILE.test(f.path) || WORKFLOW_FILE.test(f.path)) return true;
  return f.content.includes('eksctl.io/');
}

/** Checks `input` as one project; `checks` may be left out when no file they check is checked. */
export function checkFiles(input: FileInput[], opts: ValidateOptions, checks?: FileChecks): ValidateResult {
  const need = (): FileChecks => {
    if (!checks) throw new FileChecksMissing();
    return checks;
  };
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
        if (checked(file)) count(file, need().cloudFormation(data as Record<string, any>, reporter(file)));
      } else if (data && typeof data === 'object' && 'apiVersion' in data && 'kind' in data) {
        count(file, addObject(data as Record<string, any>, file, 0, docs, clusters, reporter));
      } else if (data && typeof data === 'object' && !Array.isArray(data) && 'rules' in data && ECR_LIFECYCLE_FILE.test(file)) {
        count(file, 1);
        if (checked(file)) need().ecrLifecycle(data, reporter(file));
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
        if (checked(file)) need().helmValues(obj, helm[2], opts, rep);
        return;
      }
      if (WORKFLOW_FILE.test(file)) {
        count(file, 1);
        if (checked(file)) need().workflow(obj, rep);
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
    need().clusterConfig(c.cfg, rep, opts);
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
