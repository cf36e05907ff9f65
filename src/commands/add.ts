// `create-eks-app add service <name>` and `add addon <id>`: one more workload or add-on, merged into
// the project. add writes nothing when a merge would need the user.
import { computeOf } from '../plan/compute-types.ts';
import path from 'node:path';
import { ADDON_BY_ID, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import { getPath } from '../answers/paths.ts';
import { DELIVERY_FIELDS, type AppAnswers, type DeliveryField, type PartialAnswers } from '../answers/types.ts';
import type { ServiceAnswers } from '../project/state.ts';
import { EXIT, prompterOf } from '../cli/io.ts';
import { UsageError, UserError } from '../errors.ts';
import { defaultFor } from '../plan/defaults.ts';
import { clusterConfigCommands, clusterConfigEnv, podIdentityCommand } from '../plan/steps.ts';
import { fieldProblem } from '../plan/answer-rules.ts';
import { flag } from '../plan/rules.ts';
import { commitChanges } from '../project/commit.ts';
import { checkProject, planProject, renderToMemory } from '../project/render.ts';
import {
  applyPack,
  refuseNewerProject,
  inputOf,
  label,
  mergeAll,
  printDiff,
  renderChecked,
  versionGaps,
  withPackApplied,
  type ProjectRun,
} from '../project/run.ts';
import { snapshotOf } from '../project/state.ts';
import { TOOL_NAME } from '../version.ts';

async function askService(run: ProjectRun): Promise<ServiceAnswers> {
  const { opts, io, state, today } = run;
  const taken = [String(getPath(state.answers, 'app.name')), ...state.services.map((s) => s.name)];
  const flags = (opts.flags.app ?? {}) as Partial<AppAnswers>;
  const ask = !opts.yes && io.interactive ? await prompterOf(io) : undefined;
  const nameProblem = (v: unknown) =>
    fieldProblem('app.name', v, {}, today)?.replace('application name', 'service name') ??
    (taken.includes(v as string) ? `${v} is already a workload of this project (${taken.join(', ')}); choose another name` : undefined);
  if (opts.positionals.length > 1) throw new UsageError(`add service takes one name, got ${opts.positionals.join(' ')}`);
  let name = opts.positionals[0] ?? flags.name;
  if (name === undefined && ask)
    name = await ask.input({
      message: 'Service name',
      hint: 'a DNS label: lowercase letters, digits and hyphens',
      validate: (s) => nameProblem(s.trim()) ?? true,
    });
  if (name === undefined)
    throw new UsageError(`add service needs a name: ${TOOL_NAME} add service <name> [--namespace <ns>] [--image <ref>] [--port <n>] [--replicas <n>]`);
  name = name.trim();
  const problem = nameProblem(name);
  if (problem) throw new UsageError(`service name: ${problem}`);
  const existing = [String(getPath(state.answers, 'app.namespace')), ...state.services.map((s) => s.namespace)];
  const field = async (key: 'namespace' | 'image' | 'port', def: unknown, message: string, hint: string): Promise<unknown> => {
    if (flags[key] !== undefined) return flags[key];
    if (!ask) return def;
    const text = await ask.input({
      message,
      hint,
      default: String(def),
      validate: (s) =>
        key === 'port' && !/^\d+$/.test(s.trim())
          ? 'enter a whole number'
          : (fieldProblem(`app.${key}`, key === 'port' ? Number(s) : s.trim(), {}, today) ?? true),
    });
    return key === 'port' ? Number(text) : text.trim();
  };
  const namespace = await field(
    'namespace',
    name,
    'Namespace for the service',
    `a new namespace, or one the project has: ${[...new Set(existing)].join(', ')}`,
  );
  const image = await field('image', defaultFor('app.image', {}, today), 'Container image', 'a pinned tag or digest; :latest is refused');
  const port = await field('port', defaultFor('app.port', { app: { image: image as string } }, today), 'Container port', '1024-65535');
  const replicas = flags.replicas ?? defaultFor('app.replicas', {}, today);
  const svc = { name, namespace, image, port, replicas } as ServiceAnswers;
  for (const k of ['namespace', 'image', 'port', 'replicas'] as const) {
    const p = fieldProblem(`app.${k}`, svc[k], {}, today);
    if (p) throw new UsageError(`service ${k} (--${k}): ${p}`);
  }
  // Its delivery follows the first application's (same repository and branch) unless flags say otherwise.
  const first = (state.answers.app ?? {}) as Partial<AppAnswers>;
  for (const k of DELIVERY) {
    const inherited =
      (k === 'ecr' && first.ecr === true) || ((k === 'ci' || k === 'githubRepository' || k === 'githubBranch') && first.ci === 'github-actions');
    const v = flags[k] ?? (inherited ? first[k] : undefined);
    if (v !== undefined) (svc as Record<string, unknown>)[k] = v;
  }
  for (const k of DELIVERY) {
    const p = svc[k] === undefined ? undefined : fieldProblem(`app.${k}`, svc[k], { ...state.answers, app: svc }, today);
    if (p) throw new UsageError(`service ${k} (${flag(`app.${k}`)}): ${p}`);
  }
  return svc;
}

/** What a workload has beside its manifests: its ECR repository, CI and the AWS resources its role reaches. */
const DELIVERY = Object.keys(DELIVERY_FIELDS) as DeliveryField[];

/** The add-on, the add-ons it depends on that are not there yet (transitively), in install order. */
function withDependencies(id: string, have: string[]): string[] {
  const out: string[] = [];
  const visit = (x: string) => {
    if (have.includes(x) || out.includes(x)) return;
    for (const d of ADDON_BY_ID.get(x)?.dependsOn ?? []) visit(d);
    out.push(x);
  };
  visit(id);
  return out;
}

export async function runAdd(run: ProjectRun): Promise<number> {
  const { io, color, dir, opts, state } = run;
  refuseNewerProject(run);
  const gaps = versionGaps(run);
  if (gaps.length > 0) throw new UserError(`${gaps[0].replace(/; run .*$/, '')}; run ${TOOL_NAME} update first, so that add only adds`);
  const own = opts.addKind === 'service' ? 'app' : 'addon';
  const other = Object.keys(opts.flags).find((k) => k !== own);
  if (other !== undefined || opts.answerSets.length > 0) {
    throw new UsageError(
      `add ${opts.addKind} takes ${own === 'app' ? `--namespace, --image, --port, --replicas, ${DELIVERY.map((k) => flag(`app.${k}`)).join(', ')}` : "the add-on's own --addon-<id>-<option> flags"}; change other answers with ${TOOL_NAME} update --answer key=value`,
    );
  }
  const input = inputOf(run, state);
  applyPack(run, input);
  let what: string;
  const next: string[] = [];
  let serviceSteps: ((cfg: string) => string[]) | undefined;
  if (opts.addKind === 'service') {
    const svc = await askService(run);
    input.services.push(svc);
    what = `service ${svc.name}`;
    // A Fargate-only cluster runs pods only in the namespaces its profiles select.
    const fargate = input.answers.fargate?.namespaces as string[] | undefined;
    if (computeOf(input.answers).fargate && Array.isArray(fargate) && !fargate.includes(svc.namespace)) {
      input.answers.fargate = { ...input.answers.fargate, namespaces: [...fargate, svc.namespace] };
      next.push(
        `  ${color.dim(`# namespace ${svc.namespace} was added to fargate.namespaces. Fargate profiles cannot change in place: recreate the profile`)}`,
        `  ${color.dim('# that now lists it (eksctl delete fargateprofile, then eksctl create fargateprofile -f eksctl/cluster.yaml) in a quiet window')}`,
      );
    }
    serviceSteps = (cfg: string) => [
      // The role first: pods started without it would run without AWS credentials.
      ...(input.answers.identity === 'irsa'
        ? [`  eksctl create iamserviceaccount --config-file ${cfg} --include ${svc.namespace}/${svc.name} --approve   ${color.dim('# its IAM role (IRSA)')}`]
        : pp.plan.workloadRoles
            .filter((r) => r.serviceAccount.namespace === svc.namespace && r.serviceAccount.name === svc.name)
            .map((r) => `  ${podIdentityCommand(pp.plan, r)}   ${color.dim('# its IAM role and Pod Identity association')}`)),
      input.answers.gitops === 'argocd'
        ? `  kubectl apply -f argocd/${svc.name}.yaml   ${color.dim(`# Argo CD syncs k8s/${svc.name}/ once it is pushed`)}`
        : `  kubectl apply -f k8s/${svc.name}/`,
    ];
  } else {
    const id = opts.positionals[0];
    const offered = OPTIONAL_ADDONS.map((m) => m.id);
    if (!id || !ADDON_BY_ID.has(id) || !offered.includes(id))
      throw new UsageError(`add addon needs an add-on id${id ? `; ${JSON.stringify(id)} is not one` : ''}: choose from ${offered.join(', ')}`);
    if (opts.positionals.length > 1) throw new UsageError(`add addon takes one id, got ${opts.positionals.join(' ')}`);
    const have = (input.answers.addons ?? []) as string[];
    if (have.includes(id)) {
      io.stdout.write(`${color.green('✔')} ${id} is already in the project; nothing to do\n`);
      return EXIT.ok;
    }
    const added = withDependencies(id, have);
    input.answers.addons = [...have, ...added];
    // Its options (--addon-<id>-<field>) go in as given; the rest take their defaults.
    const given = opts.flags as PartialAnswers;
    if (given.addon) input.answers.addon = { ...input.answers.addon, ...given.addon };
    what = `add-on ${added.join(', ')}${added.length > 1 ? ` (${id} depends on ${added.slice(0, -1).join(', ')})` : ''}`;
  }

  const oldPlan = planProject(withPackApplied(run, inputOf(run, state)), run.today);
  const base = await renderToMemory(oldPlan);
  const { pp, files: theirs } = await renderChecked(run, input);
  // cluster.yaml may hold apply-time variables (account id, creator address): fill them as the README does.
  // In a new shell cluster.yaml's apply-time variables are unset: export them as the README does.
  const kmsLine = clusterConfigEnv(pp.plan).map((c) => `  ${c}`);
  const stepLines = (steps: { title: string; commands: string[] }[]) =>
    steps.flatMap((x) => [`  ${color.dim(`# ${x.title}`)}`, ...x.commands.map((c) => `  ${c}`)]);
  const ownSteps = pp.plan.steps.filter((x) => x.workload !== undefined && x.workload === input.services.at(-1)?.name);
  if (serviceSteps && pp.plan.service) next.push(...stepLines(ownSteps));
  else if (serviceSteps) {
    // Its ECR repository and CI role come before it deploys; eksctl makes its IAM role.
    next.push(...stepLines(ownSteps.filter((x) => !x.title.startsWith('Deploy '))), ...kmsLine, ...serviceSteps(clusterConfigCommands(pp.plan).cfg));
  }

  if (opts.addKind === 'addon') {
    // On a running cluster nothing creates what cluster.yaml gained: EKS add-ons and the roles of Helm add-ons.
    const cfg = clusterConfigCommands(pp.plan).cfg;
    const before = next.length;
    const had = new Set(oldPlan.plan.addons.map((x) => x.name));
    if (pp.plan.addons.some((x) => !had.has(x.name)))
      next.push(`  eksctl create addon --config-file ${cfg}   ${color.dim('# add-ons already on the cluster are left as they are')}`);
    const hadRoles = new Set(oldPlan.plan.workloadRoles.map((r) => r.name));
    const newRoles = pp.plan.workloadRoles.filter((r) => !hadRoles.has(r.name));
    if (newRoles.length > 0) {
      next.push(
        ...(pp.plan.irsa
          ? [`  eksctl create iamserviceaccount --config-file ${cfg} --approve   ${color.dim("# the add-on's IAM role (IRSA)")}`]
          : newRoles.map((r) => `  ${podIdentityCommand(pp.plan, r)}   ${color.dim("# the add-on's IAM role and Pod Identity association")}`)),
      );
    }
    if (next.length > before) next.splice(before, 0, ...kmsLine);
    const titles = new Set(oldPlan.plan.steps.map((s) => s.title));
    for (const s of pp.plan.steps.filter((x) => !titles.has(x.title))) next.push(`  ${color.dim(`# ${s.title}`)}`, ...s.commands.map((c) => `  ${c}`));
  }
  const m = mergeAll(run, base, theirs, label(pp));
  if (m.conflicts.length > 0) {
    for (const c of m.conflicts) io.stderr.write(`${color.red('error')} ${c.path}: ${c.reason}\n`);
    io.stderr.write(
      `${color.red('error')} cannot add ${what} without overwriting your edits in ${m.conflicts.map((c) => c.path).join(', ')}; nothing was written. Undo or move those edits, or add it by hand.\n`,
    );
    return EXIT.error;
  }
  const { errors } = await checkProject(pp.plan, m.result);
  const ours = errors.filter((e) => m.written.has(e.file));
  if (ours.length > 0) {
    for (const e of ours) io.stderr.write(`${color.red('error')} ${e.file}: ${e.path}: ${e.message} [${e.rule}]\n`);
    io.stderr.write(`${color.red('error')} after merging with your edits, ${ours[0].file} does not validate; nothing was written\n`);
    return EXIT.error;
  }
  if (opts.dryRun) {
    printDiff(run, m.changes);
    io.stdout.write(`${color.bold('Dry run')}: adding ${what} changes ${m.changes.length} file(s); nothing was written\n`);
    return EXIT.ok;
  }
  await commitChanges(dir, m.changes, snapshotOf(theirs), io.hooks);
  io.stdout.write(`${color.green('✔')} added ${what} to ${path.relative(io.cwd, dir) || '.'}\n${m.lines.join('\n')}\n`);
  if (next.length > 0) io.stdout.write(`\n${color.bold('Next steps')} (on the running cluster):\n${next.join('\n')}\n`);
  return EXIT.ok;
}
