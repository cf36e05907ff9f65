// A whole project from its saved state: resolve() for the answers, each added service resolved as if
// it were the first application (so it gets exactly the files, IAM role and steps the first one gets),
// the pack's extra files, all rendered in one plop run over layered templates.
import { teardownSteps } from '../plan/teardown.ts';
import { podIdentityCommand, podIdentityFile } from '../plan/cluster-config.ts';
import { deliveryFiles } from '../plan/service.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { UserError } from '../errors.ts';
import { resolve, type Plan, type PlannedFile } from '../plan/resolve.ts';
import { validationOptions } from '../plan/validate-options.ts';
import { parseBack, renderPlan, type RenderedFile } from '../render/render.ts';
import type { Finding } from '../validate/types.ts';
import { builtinLayer, folderLayer, templateSet, type TemplateSet } from '../render/templates.ts';
import type { Pack } from '../packs/manifest.ts';
import { STATE_FILE } from './layout.ts';
import type { PackRecord, ServiceAnswers } from './state.ts';

export interface ProjectInput {
  answers: PartialAnswers;
  services: ServiceAnswers[];
  pack?: Pack;
  /** Recorded with the pack: where it came from and the answers to its questions. */
  packSource?: string;
  packAnswers?: Record<string, unknown>;
}

export interface ProjectPlan {
  plan: Plan;
  templates: () => Promise<TemplateSet>;
  view: Record<string, unknown>;
  saved: Record<string, unknown>;
}

export class ServiceError extends UserError {}

function insertAfterLast(files: PlannedFile[], prefix: string, added: PlannedFile[]): void {
  let at = -1;
  files.forEach((f, i) => {
    if (f.path.startsWith(prefix)) at = i;
  });
  files.splice(
    at >= 0
      ? at + 1
      : Math.max(
          0,
          files.findIndex((f) => f.path === 'README.md'),
        ),
    0,
    ...added,
  );
}

export function planProject(input: ProjectInput, today: Date): ProjectPlan {
  const plan = resolve(input.answers, today);
  const namespaces = new Set([plan.app.namespace]);
  const names = new Set([plan.app.name]);
  // A service's steps follow the application's deploy step: later ones (storage, making the endpoint private) come after every workload.
  let stepsAt = plan.service
    ? plan.steps.length
    : plan.steps.findIndex((s) => s.workload === plan.app.name && s.title.startsWith('Deploy ')) + 1 || plan.steps.length;
  const createAt = plan.steps.findIndex((s) => s.title === 'Create the cluster');
  for (const [i, svc] of input.services.entries()) {
    const where = `services[${i}] (${svc.name})`;
    if (names.has(svc.name)) throw new ServiceError(`${where}: the name ${svc.name} is already used by another workload of the project; choose another name`);
    names.add(svc.name);
    let p: Plan;
    try {
      p = resolve({ ...plan.answers, app: svc }, today);
    } catch (e) {
      throw e instanceof UserError ? new ServiceError(`${where}: ${e.message.split('\n')[0]}`) : e;
    }
    const role = p.app.role;
    if (plan.roles.some((r) => r.name === role.name))
      throw new ServiceError(`${where}: IAM role ${role.name} already exists in the project; choose another service name`);
    // Its files render over the view of its own plan, so every template sees it as `app`.
    const { files: _f, steps: _s, ...view } = p;
    const own = (f: PlannedFile): PlannedFile => ({ ...f, data: { ...view, ...f.data } });
    const k8s = p.files.filter((f) => f.path.startsWith(`k8s/${svc.name}/`) && !(namespaces.has(svc.namespace) && f.template.endsWith('namespace.yaml.hbs')));
    const iam = p.files.filter((f) => f.path === `iam/${role.name}-trust.json` || f.path === `iam/${role.name}-policy.json`);
    const association = p.files.filter((f) => f.path === podIdentityFile(role));
    // With GitOps the service is an Argo CD Application of its own.
    const argo = p.files.filter((f) => f.path === `argocd/${svc.name}.yaml`);
    // Its ECR repository, CI role and workflow.
    const delivery = deliveryFiles(p.delivery, svc.name);
    namespaces.add(svc.namespace);
    insertAfterLast(plan.files, 'eksctl/', association.map(own));
    insertAfterLast(plan.files, 'iam/', iam.map(own));
    insertAfterLast(plan.files, 'k8s/', k8s.map(own));
    insertAfterLast(plan.files, 'argocd/', argo.map(own));
    insertAfterLast(plan.files, plan.service ? '.github/' : 'k8s/', delivery.map(own));
    plan.roles.push(role);
    plan.workloadRoles.push(role);
    plan.wildcardNotes.push(...p.wildcardNotes.filter((n) => delivery.some((f) => f.path === n.file)));
    const ownSteps = p.steps.filter(
      (s) => s.workload === svc.name || s.commands.some((c) => c.includes(`k8s/${svc.name}/`) || c.includes(`argocd/${svc.name}.yaml`)),
    );
    plan.steps.splice(stepsAt, 0, ...ownSteps);
    stepsAt += ownSteps.length;
    // Its association is made with the cluster's, or on its own on a running cluster.
    if (createAt >= 0 && plan.podIdentity) {
      const create = plan.steps[createAt];
      plan.steps[createAt] = { ...create, commands: [...create.commands, podIdentityCommand(plan, role)] };
    }
    if (plan.service) plan.teardown.push(...p.teardown);
  }
  // The teardown deletes every workload's namespace and pod security group, the services' too.
  if (input.services.length && !plan.service) plan.teardown = teardownSteps(plan, [plan.app, ...input.services]);
  const pack = input.pack;
  if (pack) {
    pack.files.forEach((f, i) => {
      if (plan.files.some((x) => x.path === f.path))
        throw new UserError(
          `${pack.manifestPath}: files[${i}].path: ${f.path} is already generated by create-eks-app; override its template instead, or choose another path`,
        );
    });
    insertAfterLast(
      plan.files,
      'k8s/',
      pack.files.filter((f) => f.path.startsWith('k8s/')),
    );
    const others = pack.files.filter((f) => !f.path.startsWith('k8s/'));
    plan.files.splice(
      plan.files.findIndex((f) => f.path === 'README.md'),
      0,
      ...others,
    );
    plan.steps.push(...pack.steps);
  }
  const record: PackRecord | undefined = pack
    ? { name: pack.name, version: pack.version, source: input.packSource ?? pack.dir, answers: input.packAnswers ?? {} }
    : undefined;
  return {
    plan,
    templates: pack?.templatesDir ? () => templateSet([folderLayer(pack.templatesDir!), builtinLayer()]) : builtinSet,
    view: { pack: record ? { name: record.name, version: record.version, answers: record.answers } : undefined },
    saved: { ...(record ? { pack: record } : {}), ...(input.services.length > 0 ? { services: input.services } : {}) },
  };
}

let builtin: Promise<TemplateSet> | undefined;
const builtinSet = () => (builtin ??= templateSet([builtinLayer()]));

/** Every file of the project, rendered in memory and parsed back, in plan order. */
export async function renderProject(pp: ProjectPlan): Promise<RenderedFile[]> {
  return renderPlan(pp.plan, await pp.templates(), { view: pp.view, saved: pp.saved });
}

/**
 * Steps 3 and 4 for every command: render in memory, then the same checks. Warnings go to `warn`;
 * the first error stops the command before anything is written.
 */
export async function renderChecked(pp: ProjectPlan, warn: (f: Finding) => void): Promise<Map<string, string>> {
  const files = await renderToMemory(pp);
  const { errors, warnings } = await checkProject(pp.plan, files);
  for (const f of warnings) warn(f);
  const e = errors[0];
  if (e) {
    const pack = pp.saved.pack as { name: string; version: string } | undefined;
    throw new UserError(
      `generated ${e.file} fails validation at ${e.path}: ${e.message} [${e.rule}]; nothing was written. ${pack ? `Check template pack ${pack.name} ${pack.version}, or report this.` : 'Please report this.'}`,
    );
  }
  return files;
}

/** The rendered files by path. */
export async function renderToMemory(pp: ProjectPlan): Promise<Map<string, string>> {
  return new Map((await renderProject(pp)).map((f) => [f.path, f.content]));
}

/** What the checks found, errors first: the same checks for every command that renders. */
export interface Checked {
  errors: Finding[];
  warnings: Finding[];
}

/** A "Resource": "*" the add-on documents (README, IAM section) is a known trade-off, not news for every run. */
function documentedWildcard(plan: Plan, files: Map<string, string>, f: Finding): boolean {
  if (f.rule !== 'iam-wildcard-resource') return false;
  const index = /^Statement\[(\d+)\]/.exec(f.path)?.[1];
  const content = files.get(f.file);
  if (index === undefined || content === undefined) return false;
  const sid = JSON.parse(content).Statement?.[Number(index)]?.Sid;
  return plan.wildcardNotes.some((n) => n.file === f.file && n.sid === sid);
}

const PARSED_BY_VALIDATOR: Record<string, RegExp> = { yaml: /\.ya?ml$/i, json: /\.json$/i };

/**
 * Step 4 for every command: each file parses back (the validator parses YAML and JSON by their
 * extension; a pack file of another name is parsed here), then the project's own validator.
 */
export async function checkProject(plan: Plan, files: Map<string, string>): Promise<Checked> {
  const input: { path: string; content: string }[] = [];
  for (const f of plan.files) {
    const content = files.get(f.path);
    if (content === undefined) continue;
    const byExtension = PARSED_BY_VALIDATOR[f.format];
    if (byExtension && !byExtension.test(f.path)) parseBack(f, content);
  }
  for (const [p, content] of files) if (p !== STATE_FILE) input.push({ path: p, content });
  const { validateFiles } = await import('../validate/index.ts');
  const { findings } = validateFiles(input, validationOptions(plan));
  return {
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning' && !documentedWildcard(plan, files, f)),
  };
}
