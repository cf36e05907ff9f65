// Add-ons in the plan: which are selected, whether the selection is coherent, and what each
// contributes (an EKS add-on, a Helm release or plain manifests, IAM roles, files, README steps, and
// what the application's pod needs from it).
import { gitopsHelmStep } from './gitops.ts';
import { didYouMean } from './rules.ts';
import { ALL_ADDONS, ADDON_BY_ID, CORE_ADDONS, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import type { AddonContext, AddonModule, AddonRole, AppAdditions, EksAddonInstall, HelmInstall } from '../../generators/addons/types.ts';
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { HELM_CHARTS } from '../data/versions.ts';
import type { AwsContext, Statement } from './iam.ts';
import { trustFor } from './iam.ts';
import type { IamRole, PlannedFile } from './resolve.ts';
import type { Step } from './steps.ts';
import { impliedAddons } from './implied.ts';

export interface EksAddonEntry {
  name: string;
  /** eksctl creates its role as EKS recommends (vpc-cni in IPv6 clusters). */
  useDefaultPodIdentityAssociations?: boolean;
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
  /** What its pods pull, for mirroring (README). */
  images: readonly string[];
  /** Values known only once the cluster exists: `key` to shell text such as "$VPC_ID". */
  set?: Record<string, string>;
  /** Its volume claims outlive `helm uninstall`; the teardown deletes its namespace. */
  keepsClaims?: true;
}

export interface AddonPlan {
  modules: AddonModule[];
  /** EKS add-ons created with the cluster (eksctl/cluster.yaml). */
  eksAddons: EksAddonEntry[];
  helmReleases: HelmRelease[];
  roles: IamRole[];
  files: PlannedFile[];
  steps: Step[];
  /** What the application's pod needs: statements for its role, volumes and mounts. */
  app: AppAdditions;
  /** Statements that keep "Resource": "*" on purpose, for the README and the write-time lint. */
  wildcardNotes: WildcardNote[];
}

export interface WildcardNote {
  file: string;
  role: string;
  sid: string;
  reason: string;
}

/** Core add-ons that apply, then the user's add-ons and those other answers imply, in dependency order. */
export function selectedAddons(a: PartialAnswers): AddonModule[] {
  const core = CORE_ADDONS.filter((m) => m.when(a) === true);
  const ids = [...(a.addons ?? []), ...impliedAddons(a).map((x) => x.id), ...addedDependencies(a).map((x) => x.id)];
  const chosen = ids.map((id) => ADDON_BY_ID.get(id)).filter((m): m is AddonModule => m !== undefined);
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

/**
 * What the chosen add-ons need and nobody chose: it comes with them, as add addon brings it, and the
 * run says so. On a cluster that exists the cluster's own add-ons are its owner's (the README checks them).
 */
export function addedDependencies(a: PartialAnswers): { id: string; for: string }[] {
  if (a.service === true) return [];
  const out: { id: string; for: string }[] = [];
  const have = new Set([...(a.addons ?? []), ...impliedAddons(a).map((x) => x.id)]);
  const queue = [...have];
  while (queue.length) {
    const id = queue.shift()!;
    for (const dep of ADDON_BY_ID.get(id)?.dependsOn ?? []) {
      if (have.has(dep)) continue;
      have.add(dep);
      queue.push(dep);
      out.push({ id: dep, for: id });
    }
  }
  return out;
}

export function addonIdProblem(ids: unknown): string | undefined {
  if (!Array.isArray(ids)) return 'must be a list of add-on ids';
  const known = OPTIONAL_ADDONS.map((m) => m.id);
  const bad = ids.find((id) => !known.includes(id));
  if (bad !== undefined)
    return `${JSON.stringify(bad)} is not an add-on${didYouMean(bad, known).replace(/^; (.*)$/, ' ($1)')}; choose from ${known.join(', ') || '(none available)'}`;
  if (new Set(ids).size !== ids.length) return 'lists an add-on twice';
  return undefined;
}

/** Cross-checks of the selection: availability, identity, dependencies and conflicts, each naming both sides. */
export function addonProblems(a: Answers): { field: string; message: string }[] {
  const ids = new Set(selectedAddons(a).map((m) => m.id));
  const out: { field: string; message: string }[] = [];
  for (const id of a.addons) {
    const m = ADDON_BY_ID.get(id)!;
    const offered = m.when(a);
    if (offered !== true) out.push({ field: 'addons', message: `${id} is not available here: ${offered}` });
    if (m.identities && !m.identities.includes(a.identity)) {
      out.push({ field: 'addons', message: `${id} does not work with identity ${a.identity}; use --identity ${m.identities.join(' or ')}` });
    }
    // What an add-on needs comes with it (addedDependencies); only a dependency that cannot is refused.
    for (const dep of a.service === true ? [] : m.dependsOn) {
      if (!ids.has(dep)) out.push({ field: 'addons', message: `${id} needs ${dep}; add it: --addons ${[...a.addons, dep].join(',')}` });
    }
    for (const other of m.conflictsWith) {
      if (ids.has(other)) out.push({ field: 'addons', message: `${id} conflicts with ${other}; keep only one of them` });
    }
  }
  // Implied add-ons are checked the same way, under the answer that implies them (the network and
  // storage rules usually say it first, with the fix).
  for (const x of impliedAddons(a)) {
    const m = ADDON_BY_ID.get(x.id)!;
    const offered = m.when(a);
    if (offered !== true) out.push({ field: x.field, message: `${x.why}, which is not available here: ${offered}` });
    else if (m.identities && !m.identities.includes(a.identity))
      out.push({ field: x.field, message: `${x.why}, which does not work with identity ${a.identity}; use --identity ${m.identities.join(' or ')}` });
  }
  return out;
}

export function planAddons(a: Answers, aws: AwsContext): AddonPlan {
  const modules = selectedAddons(a);
  const ctx: AddonContext = { answers: a, aws, podIdentity: a.identity === 'pod-identity', selected: new Set(modules.map((m) => m.id)) };
  const plan: AddonPlan = {
    modules,
    eksAddons: [],
    helmReleases: [],
    roles: [],
    files: [],
    steps: [],
    app: { statements: [], volumes: [], volumeMounts: [] },
    wildcardNotes: [],
  };
  const awaited: EksAddonEntry[] = [];
  for (const m of modules) {
    const install = m.install(ctx);
    const roles = (m.roles?.(ctx) ?? []).map((r) => iamRole(r, install.method === 'eks-addon' ? install.name : undefined, aws, a));
    plan.roles.push(...roles);
    for (const r of roles) {
      for (const [sid, reason] of Object.entries(m.wildcardResources ?? {})) {
        if (r.policy.Statement.some((s) => s.Sid === sid)) plan.wildcardNotes.push({ file: `iam/${r.name}-policy.json`, role: r.name, sid, reason });
      }
    }
    if (install.method === 'eks-addon') {
      const entry = eksEntry(
        install,
        roles.filter((r) => r.viaEksAddon),
        ctx.podIdentity,
      );
      if (install.deferred) {
        const file = `eksctl/addons/${m.id}.yaml`;
        plan.files.push({
          path: file,
          template: 'addons/eksctl-addon.yaml.hbs',
          format: 'yaml',
          purpose: `eksctl ClusterConfig with only the ${install.name} EKS add-on, created after the cluster`,
          data: { deferredAddons: [entry] },
        });
        plan.steps.push(deferredStep(m, install, file, a));
      } else {
        plan.eksAddons.push(entry);
        if (!CORE_ADDONS.includes(m)) awaited.push(entry);
      }
    } else if (install.method === 'helm') {
      const release = helmRelease(m.id, install);
      plan.helmReleases.push(release);
      plan.files.push({
        path: release.valuesFile,
        template: install.valuesTemplate,
        format: 'yaml',
        purpose: `Helm values for ${m.title} (chart ${release.chart} ${release.version})`,
        // File data loses to plan keys of the same name (node-plop merges the plan over it), hence the prefix.
        data: { values: install.values ?? {}, addonRoles: roles },
      });
      plan.steps.push(a.gitops === 'argocd' ? gitopsHelmStep(m.title, release, install.before ?? [], install.note ?? '') : helmStep(m.title, release, install));
    }
    plan.files.push(...(m.actions?.(ctx) ?? []));
    plan.steps.push(...(m.steps?.(ctx) ?? []));
    const app = m.app?.(ctx) ?? {};
    plan.app.statements.push(...(app.statements ?? []));
    plan.app.volumes.push(...(app.volumes ?? []));
    plan.app.volumeMounts.push(...(app.volumeMounts ?? []));
  }
  if (awaited.length > 0) plan.steps.unshift(awaitStep(awaited, a));
  return plan;
}

/** Statements the application's role needs from the selected add-ons (for resolve's appPolicy). */
export function appPolicyStatements(a: Answers, aws: AwsContext): Statement[] {
  return planAddons(a, aws).app.statements;
}

function iamRole(r: AddonRole, eksAddonName: string | undefined, aws: AwsContext, a: Answers): IamRole {
  const name = `${a.name}-${r.suffix}`;
  const role: IamRole = {
    name,
    purpose: r.purpose,
    serviceAccount: r.serviceAccount,
    trust: trustFor(aws, r.serviceAccount),
    policy: r.policy,
    arn: `arn:${aws.partition}:iam::${aws.account}:role/${name}`,
  };
  if (eksAddonName && (r.boundBy ?? 'eks-addon') === 'eks-addon') role.viaEksAddon = eksAddonName;
  return role;
}

function eksEntry(install: EksAddonInstall, roles: IamRole[], podIdentity: boolean): EksAddonEntry {
  const entry: EksAddonEntry = { name: install.name };
  if (install.useDefaultPodIdentityAssociations) entry.useDefaultPodIdentityAssociations = true;
  if (install.configurationValues) entry.configurationValues = JSON.stringify(install.configurationValues);
  if (roles.length > 0 && podIdentity) {
    entry.podIdentityAssociations = roles.map((r) => ({
      serviceAccountName: r.serviceAccount.name,
      namespace: r.serviceAccount.namespace,
      roleName: r.name,
      permissionPolicy: r.policy,
    }));
  } else if (roles.length > 0) entry.attachPolicy = roles[0].policy;
  return entry;
}

/** EKS add-ons other steps rely on: eksctl creates them with the cluster, this waits until they are active. */
function awaitStep(entries: EksAddonEntry[], a: Answers): Step {
  return {
    title: 'Wait for the EKS add-ons',
    why: `eksctl created them with the cluster (${entries.map((e) => e.name).join(', ')}), each at the build EKS lists by default for Kubernetes ${a.kubernetesVersion}. The steps below rely on them.`,
    commands: entries.map((e) => `aws eks wait addon-active --region ${a.region} --cluster-name ${a.name} --addon-name ${e.name}`),
  };
}

function deferredStep(m: AddonModule, install: EksAddonInstall, file: string, a: Answers): Step {
  const make = a.accountId === '' ? `envsubst '\${AWS_ACCOUNT_ID}' < ${file} | eksctl create addon -f -` : `eksctl create addon -f ${file}`;
  // A second run finds the add-on and creates nothing.
  const create = `aws eks describe-addon --region ${a.region} --cluster-name ${a.name} --addon-name ${install.name} >/dev/null 2>&1 || ${make}`;
  return {
    title: `Install ${m.title}`,
    why: `EKS add-on ${install.name}, from ${file}, at the build EKS lists by default for the cluster's Kubernetes version. ${install.deferred!.why}`,
    commands: [...install.deferred!.waitFor, create, ...(install.deferred!.waitAfter ?? [])],
  };
}

function helmStep(title: string, r: HelmRelease, install: HelmInstall): Step {
  const chartRef = r.repo.startsWith('oci://') ? `${r.repo}/${r.chart}` : `${r.chart} --repo ${r.repo}`;
  const sets = Object.entries(install.set ?? {})
    .map(([k, v]) => ` --set ${k}=${v}`)
    .join('');
  return {
    title: `Install ${title}`,
    why: `Helm chart ${r.chart} ${r.version}, pinned; values in ${r.valuesFile}.${install.note ? ` ${install.note}` : ''}`,
    commands: [
      ...(install.before ?? []),
      `helm upgrade --install ${r.release} ${chartRef} --version ${r.version} --namespace ${r.namespace} --create-namespace --values ${r.valuesFile}${sets} --wait`,
    ],
  };
}

function helmRelease(id: string, install: HelmInstall): HelmRelease {
  const chart = HELM_CHARTS[install.chart];
  if (!chart) throw new Error(`add-on ${id}: chart ${install.chart} is not pinned in src/data/versions.ts`);
  return {
    id,
    release: install.release,
    namespace: install.namespace,
    repo: chart.repo,
    chart: chart.chart,
    version: chart.version,
    valuesFile: `helm/${install.release}.values.yaml`,
    images: chart.images,
    ...(install.set ? { set: install.set } : {}),
    ...(install.keepsClaims ? { keepsClaims: true as const } : {}),
  };
}

export const ADDON_QUESTIONS = ALL_ADDONS.flatMap((m) => m.questions);
export const ADDON_DEFAULTS = Object.assign({}, ...ALL_ADDONS.map((m) => m.defaults ?? {}));
export const ADDON_RULES = Object.assign({}, ...ALL_ADDONS.map((m) => m.rules ?? {}));
