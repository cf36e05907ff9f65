// A workload's delivery files: an ECR lifecycle policy, checked by the rules ECR applies when the
// policy is put, and a GitHub Actions workflow, checked for the shape GitHub runs and for what the
// AWS sign-in needs. The full workflow schema is GitHub's own; the tests check against it.
import type { Report } from './types.ts';

const TAG_STATUS = ['tagged', 'untagged', 'any'];
const COUNT_TYPES = ['imageCountMoreThan', 'sinceImagePushed'];
const isMap = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/** ECR's lifecycle policy rules: each rule's selection and action, priorities unique, "any" evaluated last. */
export function lintEcrLifecycle(data: unknown, report: Report): void {
  const rule = 'ecr-lifecycle';
  if (!isMap(data) || !Array.isArray(data.rules) || data.rules.length === 0)
    return report(rule, 'rules', 'Required value: a lifecycle policy is {"rules": [...]} with at least one rule');
  const priorities: number[] = [];
  data.rules.forEach((r: unknown, i: number) => {
    const p = `rules[${i}]`;
    if (!isMap(r)) return report(rule, p, 'each rule must be an object');
    if (!positiveInt(r.rulePriority)) report(rule, `${p}.rulePriority`, 'Required value: a whole number of 1 or more, unique in the policy');
    else if (priorities.includes(r.rulePriority)) report(rule, `${p}.rulePriority`, `Duplicate value: ${r.rulePriority}; every rule needs its own priority`);
    else priorities.push(r.rulePriority);
    const s = r.selection;
    if (!isMap(s)) return report(rule, `${p}.selection`, 'Required value: the images the rule selects');
    if (!TAG_STATUS.includes(s.tagStatus))
      report(rule, `${p}.selection.tagStatus`, `Unsupported value: ${JSON.stringify(s.tagStatus)}: one of ${TAG_STATUS.join(', ')}`);
    if (s.tagStatus === 'tagged' && !Array.isArray(s.tagPrefixList) && !Array.isArray(s.tagPatternList))
      report(rule, `${p}.selection`, 'Required value: a tagged selection needs tagPrefixList or tagPatternList');
    if (!COUNT_TYPES.includes(s.countType))
      report(rule, `${p}.selection.countType`, `Unsupported value: ${JSON.stringify(s.countType)}: one of ${COUNT_TYPES.join(', ')}`);
    if (s.countType === 'sinceImagePushed' && s.countUnit !== 'days')
      report(rule, `${p}.selection.countUnit`, 'Required value: "days" with countType sinceImagePushed');
    if (s.countType === 'imageCountMoreThan' && s.countUnit !== undefined)
      report(rule, `${p}.selection.countUnit`, 'Forbidden: countUnit goes with sinceImagePushed only');
    if (!positiveInt(s.countNumber)) report(rule, `${p}.selection.countNumber`, 'Required value: a whole number of 1 or more');
    if (!isMap(r.action) || r.action.type !== 'expire') report(rule, `${p}.action.type`, 'Unsupported value: the only action is "expire"');
  });
  // ECR refuses a policy whose "any" rule is not the one with the highest priority number.
  const any = data.rules.filter((r: any) => isMap(r) && r.selection?.tagStatus === 'any' && positiveInt(r.rulePriority));
  const highest = Math.max(...priorities);
  for (const r of any)
    if (r.rulePriority !== highest)
      report(
        rule,
        `rules[${data.rules.indexOf(r)}].rulePriority`,
        `Invalid value: ${r.rulePriority}: a rule with tagStatus any must have the highest rulePriority (${highest})`,
      );
}

const CREDENTIALS_ACTION = 'aws-actions/configure-aws-credentials@';

/** A workflow GitHub can run, whose AWS sign-in can get its OIDC token. */
export function lintWorkflow(doc: unknown, report: Report): void {
  const rule = 'gh-workflow';
  if (!isMap(doc)) return report(rule, '', 'a workflow is a map with on and jobs');
  // GitHub reads `on` as a key; a YAML 1.1 reader (as kubectl's) reads it as true.
  if (doc.on === undefined && doc.true === undefined) report(rule, 'on', 'Required value: the events that start the workflow');
  if (!isMap(doc.jobs) || Object.keys(doc.jobs).length === 0) return report(rule, 'jobs', 'Required value: at least one job');
  for (const [id, job] of Object.entries(doc.jobs)) {
    const p = `jobs.${id}`;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) report(rule, p, 'Invalid value: a job id starts with a letter or _ and holds letters, digits, - and _');
    if (!isMap(job)) {
      report(rule, p, 'each job must be a map');
      continue;
    }
    if (job.uses !== undefined) continue;
    if (job['runs-on'] === undefined) report(rule, `${p}.runs-on`, 'Required value: the runner the job runs on');
    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      report(rule, `${p}.steps`, 'Required value: at least one step');
      continue;
    }
    job.steps.forEach((s: unknown, i: number) => {
      const sp = `${p}.steps[${i}]`;
      if (!isMap(s)) return report(rule, sp, 'each step must be a map');
      if ((s.uses === undefined) === (s.run === undefined)) report(rule, sp, 'Invalid value: a step has either uses or run');
      if (typeof s.uses === 'string' && s.uses.startsWith(CREDENTIALS_ACTION) && isMap(s.with) && s.with['role-to-assume']) {
        // The OIDC token needs id-token: write, at the job or the workflow level.
        const perms = job.permissions ?? doc.permissions;
        if (!isMap(perms) || perms['id-token'] !== 'write')
          report(rule, `${sp}.uses`, 'Required value: signing in with role-to-assume needs permissions id-token: write');
        if (!s.with['aws-region']) report(rule, `${sp}.with`, 'Required value: aws-region');
      }
    });
  }
}
