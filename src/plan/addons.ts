// Add-ons in the plan: which are selected, whether the selection is coherent, and what each
// contributes (an EKS add-on or a Helm release, IAM roles, files and README steps).
import { ALL_ADDONS, ADDON_BY_ID, CORE_ADDONS, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import type { AddonContext, AddonModule, EksAddonInstall, HelmInstall } from '../../generators/addons/types.ts';
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { HELM_CHARTS } from '../data/versions.ts';
import type { AwsContext } from './iam.ts';
import { trustFor } from './iam.ts';
import type { IamRole, PlannedFile } from './resolve.ts';
import type { Step } from './steps.ts';

export interface EksAddonEntry {
  name: string;
  version: string;
  /** JSON text for eksctl's configurationValues, when the add-on is configured. */
  configurationValues?: string;
  /** Set when the add-on's own service account gets an IAM role through Pod Identity. */
  podIdentityAssociations?: { serviceAccountName: string; namespace: string; roleName: string; permissionPolicy: unknown }[];
  /** Set when the role is bound through IRSA instead: eksctl creates an IRSA role with this policy. */
  attachPolicy?: unknown;
}

export interface HelmRelease {
  id: string;
  release: string;
  namespace: string;
  repo: string;
  chart: string;
  version: string;
  valuesFile: string;
}

export interface AddonPlan {
  modules: AddonModule[];
  eksAddons: EksAddonEntry[];
  helmReleases: HelmRelease[];
  roles: IamRole[];
  files: PlannedFile[];
  steps: Step[];
}

/** Core add-ons that apply, then the user's add-ons in dependency order. */
export function selectedAddons(a: PartialAnswers): AddonModule[] {
  const core = CORE_ADDONS.filter((m) => m.when(a) === true);
  const chosen = (a.addons ?? []).map((id) => ADDON_BY_ID.get(id)).filter((m): m is AddonModule => m !== undefined);
  const ordered: AddonModule[] = [];
  const visit = (m: AddonModule) => {
    if (ordered.includes(m)) return;
    for (const dep of m.dependsOn) {
      const d = ADDON_BY_ID.get(dep);
      if (d && chosen.includes(d)) visit(d);
    }
    ordered.push(m);
  };
  chosen.forEach(visit);
  return [...core, ...ordered];
}

export function addonIdProblem(ids: unknown): string | undefined {
  if (!Array.isArray(ids)) return 'must be a list of add-on ids';
  const known = OPTIONAL_ADDONS.map((m) => m.id);
  const bad = ids.find((id) => !known.includes(id));
  if (bad !== undefined) return `${JSON.stringify(bad)} is not an add-on; choose from ${known.join(', ') || '(none available)'}`;
  if (new Set(ids).size !== ids.length) return 'lists an add-on twice';
  return undefined;
}

/** Cross-checks of the selection: availability, dependencies and conflicts, each naming both add-ons. */
export function addonProblems(a: Answers): { field: string; message: string }[] {
  const ids = new Set(selectedAddons(a).map((m) => m.id));
  const out: { field: string; message: string }[] = [];
  for (const id of a.addons) {
    const m = ADDON_BY_ID.get(id)!;
    const offered = m.when(a);
    if (offered !== true) out.push({ field: 'addons', message: `${id} is not available here: ${offered}` });
    for (const dep of m.dependsOn) {
      if (!ids.has(dep)) out.push({ field: 'addons', message: `${id} needs ${dep}; add it: --addons ${[...a.addons, dep].join(',')}` });
    }
    for (const other of m.conflictsWith) {
      if (ids.has(other)) out.push({ field: 'addons', message: `${id} conflicts with ${other}; keep only one of them` });
    }
  }
  return out;
}

export function planAddons(a: Answers, aws: AwsContext): AddonPlan {
  const modules = selectedAddons(a);
  const ctx: AddonContext = { answers: a, aws, podIdentity: a.identity === 'pod-identity', selected: new Set(modules.map((m) => m.id)) };
  const plan: AddonPlan = { modules, eksAddons: [], helmReleases: [], roles: [], files: [], steps: [] };
  for (const m of modules) {
    const roles: IamRole[] = (m.roles?.(ctx) ?? []).map((r) => {
      const name = `${a.name}-${r.suffix}`;
      return { name, purpose: r.purpose, serviceAccount: r.serviceAccount, trust: trustFor(aws, r.serviceAccount), policy: r.policy, arn: `arn:${aws.partition}:iam::${aws.account}:role/${name}` };
    });
    const install = m.install(ctx);
    if (install.method === 'eks-addon') roles.forEach((r) => { r.viaEksAddon = install.name; });
    plan.roles.push(...roles);
    if (install.method === 'eks-addon') plan.eksAddons.push(eksEntry(install, roles, ctx.podIdentity));
    else plan.helmReleases.push(helmRelease(m.id, install));
    if (install.method === 'helm') {
      plan.files.push({
        path: `helm/${install.release}.values.yaml`, template: install.valuesTemplate, format: 'yaml',
        purpose: `Helm values for ${m.title} (chart ${HELM_CHARTS[install.chart as keyof typeof HELM_CHARTS]?.version ?? '?'})`,
        data: { values: install.values ?? {}, roles },
      });
    }
    plan.files.push(...(m.actions?.(ctx) ?? []));
    if (install.method === 'helm') plan.steps.push(helmStep(m.title, plan.helmReleases[plan.helmReleases.length - 1]));
    plan.steps.push(...(m.steps?.(ctx) ?? []));
  }
  return plan;
}

function eksEntry(install: EksAddonInstall, roles: IamRole[], podIdentity: boolean): EksAddonEntry {
  const entry: EksAddonEntry = { name: install.name, version: install.version };
  if (install.configurationValues) entry.configurationValues = JSON.stringify(install.configurationValues);
  if (roles.length > 0 && podIdentity) {
    entry.podIdentityAssociations = roles.map((r) => ({ serviceAccountName: r.serviceAccount.name, namespace: r.serviceAccount.namespace, roleName: r.name, permissionPolicy: r.policy }));
  } else if (roles.length > 0) entry.attachPolicy = roles[0].policy;
  return entry;
}

function helmStep(title: string, r: HelmRelease): Step {
  const chartRef = r.repo.startsWith('oci://') ? `${r.repo}/${r.chart}` : `${r.chart} --repo ${r.repo}`;
  return {
    title: `Install ${title}`,
    why: `Helm chart ${r.chart} ${r.version}, pinned; values in ${r.valuesFile}.`,
    commands: [`helm upgrade --install ${r.release} ${chartRef} --version ${r.version} --namespace ${r.namespace} --create-namespace --values ${r.valuesFile} --wait`],
  };
}

function helmRelease(id: string, install: HelmInstall): HelmRelease {
  const chart = HELM_CHARTS[install.chart as keyof typeof HELM_CHARTS];
  if (!chart) throw new Error(`add-on ${id}: chart ${install.chart} is not pinned in src/data/versions.ts`);
  return { id, release: install.release, namespace: install.namespace, repo: chart.repo, chart: chart.chart, version: chart.version, valuesFile: `helm/${install.release}.values.yaml` };
}

export const ADDON_QUESTIONS = ALL_ADDONS.flatMap((m) => m.questions);
export const ADDON_DEFAULTS = Object.assign({}, ...ALL_ADDONS.map((m) => m.defaults ?? {}));
export const ADDON_RULES = Object.assign({}, ...ALL_ADDONS.map((m) => m.rules ?? {}));
