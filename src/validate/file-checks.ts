// The checks of files that no other file's checks need: an eksctl ClusterConfig (schema, eksctl's
// rules, add-on configuration keys), Helm values, GitHub workflows, ECR lifecycle policies and
// CloudFormation templates. Loaded only when such a file is checked (core.ts).
import { COREDNS_CONFIG_KEYS, VPC_CNI_CONFIG_KEYS } from '../data/network.ts';
import type { FileChecks } from './core.ts';
import { lintEcrLifecycle, lintWorkflow } from './delivery.ts';
import { checkEksctlRules } from './eksctl-rules.ts';
import { lintPolicy } from './iam.ts';
import { Validator, seg, suggest } from './schema.ts';
import { eksctlDefs } from './schemas/eksctl.ts';
import { CHART_KEYS } from './schemas/helm.ts';
import type { Report, ValidateOptions } from './types.ts';

const eksctlValidator = new Validator((name) => eksctlDefs()[name], { schema: 'eksctl-schema', unknown: 'eksctl-unknown-field', enum: 'eksctl-enum' });
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

export const FILE_CHECKS: FileChecks = {
  clusterConfig(cfg, rep, opts) {
    eksctlValidator.check(cfg, 'Eks.ClusterConfig', '', rep);
    eksctlRules(cfg, rep, opts);
  },
  helmValues: checkHelm,
  workflow: lintWorkflow,
  ecrLifecycle: lintEcrLifecycle,
  cloudFormation: lintCloudFormation,
};
