// Small builders every add-on module shares, so modules only state what is particular to them.
import type { Question } from '../../src/answers/registry.ts';
import type { PartialAnswers } from '../../src/answers/types.ts';
import { EKS_ADDON_NAMESPACES, HELM_CHARTS, type EksAddonName, type HelmChartId } from '../../src/data/versions.ts';
import type { PolicyDocument, Statement } from '../../src/plan/iam.ts';
import type { PlannedFile } from '../../src/plan/resolve.ts';
import { addonIdsOf } from '../../src/plan/implied.ts';
import { computeOf } from '../../src/plan/compute-types.ts';
import type { AddonContext, AddonModule, EksAddonInstall, HelmInstall } from './types.ts';

/** `external-dns` → `externalDns`, the segment of its answer keys. */
export function camelId(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Answer key of an add-on option: `addon.<camelId>.<field>`. */
export function optionKey(id: string, field: string): string {
  return `addon.${camelId(id)}.${field}`;
}

/** Chosen in `addons`, or implied by another answer (ingress, storage, volumeSnapshots, app.replicas). */
export function isSelected(a: PartialAnswers, id: string): boolean {
  return addonIdsOf(a).includes(id);
}

/** Reads an add-on option from answers (defaults are applied by then). */
export function option<T>(a: PartialAnswers, id: string, field: string): T {
  return a.addon?.[camelId(id)]?.[field] as T;
}

/** A question asked only when its add-on is selected. */
export function addonQuestion(id: string, field: string, q: Omit<Question, 'key' | 'group' | 'when'>): Question {
  return { ...q, key: optionKey(id, field), group: 'addons', when: (a) => isSelected(a, id) };
}

type Rule = NonNullable<AddonModule['rules']>[string];

/** A rule that only applies when its add-on is selected, so unused options never block a project. */
export function whenSelected(id: string, rule: Rule): Rule {
  return (value, a, today) => (isSelected(a, id) ? rule(value, a, today) : undefined);
}

/** `when` for add-ons a compute type makes redundant or impossible; the reason names the compute type. */
export function notOn(reasons: Record<string, string>): AddonModule['when'] {
  return (a) => {
    const compute = computeOf(a).id;
    return reasons[compute] ? `${reasons[compute]} (compute ${compute})` : true;
  };
}

// ---------------------------------------------------------------- IAM

export function policy(...statements: Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(sid: string, action: string[], resource: string | string[], condition?: Statement['Condition']): Statement {
  return condition
    ? { Sid: sid, Effect: 'Allow', Action: action, Resource: resource, Condition: condition }
    : { Sid: sid, Effect: 'Allow', Action: action, Resource: resource };
}

/** ARN in the project's partition; region and account default to the project's. */
export function arn(ctx: Pick<AddonContext, 'aws'>, service: string, resource: string, where: { region?: string; account?: string } = {}): string {
  return `arn:${ctx.aws.partition}:${service}:${where.region ?? ctx.aws.region}:${where.account ?? ctx.aws.account}:${resource}`;
}

export function roleName(ctx: AddonContext, suffix: string): string {
  return `${ctx.answers.name}-${suffix}`;
}

export function roleArn(ctx: AddonContext, suffix: string): string {
  return `arn:${ctx.aws.partition}:iam::${ctx.aws.account}:role/${roleName(ctx, suffix)}`;
}

/**
 * Annotations for a chart-created ServiceAccount: the role ARN with IRSA, nothing with Pod Identity.
 * `unquotedValues`: the chart prints annotation values without quotes, so "true" would become a
 * boolean the API server refuses; such charts get the role ARN alone.
 */
export function serviceAccountAnnotations(ctx: AddonContext, suffix: string, opts: { unquotedValues?: boolean } = {}): Record<string, string> {
  if (ctx.podIdentity) return {};
  const arn = { 'eks.amazonaws.com/role-arn': roleArn(ctx, suffix) };
  return opts.unquotedValues ? arn : { ...arn, 'eks.amazonaws.com/sts-regional-endpoints': 'true' };
}

// ---------------------------------------------------------------- install methods

/** An EKS add-on at the build EKS lists by default for the cluster's Kubernetes version. */
export function eksAddon(name: EksAddonName, _ctx: AddonContext, extra: Omit<EksAddonInstall, 'method' | 'name'> = {}): EksAddonInstall {
  return { method: 'eks-addon', name, ...extra };
}

/**
 * With Karpenter the only nodes at cluster creation are the system group's, tainted CriticalAddonsOnly.
 * Add-ons whose pods do not tolerate that taint (metrics-server, cert-manager, snapshot-controller) are
 * created after Karpenter's NodePool exists, so eksctl does not wait on pods that cannot schedule.
 */
export function afterKarpenter(name: EksAddonName, ctx: AddonContext): Pick<EksAddonInstall, 'deferred'> {
  if (!computeOf(ctx.answers).nodePool) return {};
  return {
    deferred: {
      why: 'Its pods do not tolerate the CriticalAddonsOnly taint of the system node group, so it is created once Karpenter can launch nodes for them.',
      waitFor: [],
      waitAfter: [`aws eks wait addon-active --region ${ctx.answers.region} --cluster-name ${ctx.answers.name} --addon-name ${name}`],
    },
  };
}

export function eksAddonNamespace(name: EksAddonName): string {
  return EKS_ADDON_NAMESPACES[name] ?? 'kube-system';
}

/** A Helm release named after its chart, in the chart's pinned namespace, with values from templates/addons/<chart>/values.yaml.hbs. */
export function helmChart(
  chart: HelmChartId,
  values: Record<string, unknown>,
  extra: Partial<Omit<HelmInstall, 'method' | 'chart' | 'values'>> = {},
): HelmInstall {
  return {
    method: 'helm',
    chart,
    release: chart,
    namespace: HELM_CHARTS[chart].namespace,
    valuesTemplate: `addons/${chart}/values.yaml.hbs`,
    values,
    ...extra,
  };
}

/** A manifest file of an add-on; `data` is what its template reads. */
export function manifest(path: string, template: string, purpose: string, data: Record<string, unknown> = {}): PlannedFile {
  return { path, template: `addons/${template}`, purpose, format: 'yaml', data };
}

/** Manifests of the application folder (k8s/<app>/), applied with the application in README order. */
export function appManifest(ctx: AddonContext, file: string, template: string, purpose: string, data: Record<string, unknown> = {}): PlannedFile {
  return manifest(`k8s/${ctx.answers.app.name}/${file}`, template, purpose, data);
}

/** Labels and names every app-scoped manifest repeats. */
export function appRef(ctx: AddonContext) {
  const { app, name } = ctx.answers;
  return {
    name: app.name,
    namespace: app.namespace,
    labels: { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/part-of': name },
    selector: { 'app.kubernetes.io/name': app.name },
  };
}
