// The rules answers must meet, field by field and across fields. Field rules also run at the wizard's
// prompts, so a bad value is refused where it is typed. Every problem names the field path and the fix.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { QUESTION_BY_KEY } from '../answers/registry.ts';
import { KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { DOMAIN_QUESTIONS, DOMAINS } from '../domains/index.ts';
import { UserError } from '../errors.ts';
import { kindProblem, type Problem, type Rule } from './rules.ts';
import { computeOf } from './compute-types.ts';
import { ADDON_RULES, addonIdProblem, addonProblems } from './addons.ts';
import { networkWarnings } from './network.ts';

export type { Problem } from './rules.ts';

export class AnswersError extends UserError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: Problem): string {
  return `${p.field}: ${p.message}`;
}

/** Every answer's rule: the domain modules' and the add-ons', and the add-on choice's own. */
export const FIELD_RULES: Record<string, Rule> = {
  addons: (v) => addonIdProblem(v),
  ...Object.fromEntries([...DOMAIN_QUESTIONS].flatMap(([key, q]) => (q.rule ? [[key, q.rule]] : []))),
  ...ADDON_RULES,
};
// Every answer is first of its question's kind; a yes/no question needs no rule beyond that.
for (const q of QUESTION_BY_KEY.values()) {
  const own = FIELD_RULES[q.key];
  const kind: Rule = (v) => {
    const problem = kindProblem(q.kind, v);
    return problem && `${problem} (got ${JSON.stringify(v)})`;
  };
  FIELD_RULES[q.key] = own
    ? (v, a, today) => (v === undefined ? undefined : kind(v, a, today)) ?? own(v, a, today)
    : (v, a, today) => (v === undefined ? undefined : kind(v, a, today));
}

/** Checks that span several fields; run only after every field rule passed. */
function crossFieldProblems(a: Answers): Problem[] {
  const p: Problem[] = DOMAINS.flatMap((d) => d.problems?.(a) ?? []);
  // An add-on another answer implies is refused under that answer, once: the network and storage
  // rules above usually said it already, with the fix.
  const reported = new Set(p.map((x) => x.field));
  p.push(...addonProblems(a).filter((x) => x.field === 'addons' || !reported.has(x.field)));
  return p;
}

export function fieldProblem(key: string, value: unknown, a: PartialAnswers, today: Date): string | undefined {
  const rule = FIELD_RULES[key];
  return rule ? rule(value, a, today) : undefined;
}

export function answerProblems(a: Answers, today: Date): Problem[] {
  const problems: Problem[] = [];
  for (const [key, rule] of Object.entries(FIELD_RULES)) {
    const value = key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), a);
    // Options of an add-on that is not selected are neither defaulted nor checked.
    const q = QUESTION_BY_KEY.get(key);
    if (key.startsWith('addon.') && value === undefined && q?.when && !q.when(a)) continue;
    const msg = rule(value, a, today);
    if (msg) problems.push({ field: key, message: msg });
  }
  return problems.length > 0 ? problems : crossFieldProblems(a);
}

/** Non-fatal advice shown to the user and written to the README. */
export function warningsFor(a: Answers, today: Date): string[] {
  const w: string[] = [];
  if (a.addons.includes('vpa'))
    w.push(
      'vpa: this project writes the VerticalPodAutoscaler object only; install the VPA itself (kubernetes/autoscaler, vertical-pod-autoscaler) before the README step that checks for it, or nothing acts on the object.',
    );
  const v = KUBERNETES_VERSIONS.find((k) => k.version === a.kubernetesVersion);
  if (v) {
    const status = supportStatus(v.version, today);
    if (status === 'extended')
      w.push(`Kubernetes ${v.version} is in extended support, which EKS bills at a higher hourly rate; it ends on ${v.endOfExtendedSupport}.`);
    const end = new Date(status === 'extended' ? v.endOfExtendedSupport : v.endOfStandardSupport);
    const days = Math.floor((end.getTime() - today.getTime()) / 86_400_000);
    // The date, not a day count: the README carries this warning, and `check` would see it drift daily.
    if (days >= 0 && days <= 90)
      w.push(`Kubernetes ${v.version} leaves ${status} support on ${end.toISOString().slice(0, 10)}, within 90 days; plan the upgrade.`);
  }
  if (a.publicAccessCidrs.includes('0.0.0.0/0'))
    w.push('The Kubernetes API endpoint is reachable from the whole internet (confirmed with --allow-public-internet).');
  if (a.access === 'aws-auth') {
    w.push(
      'access aws-auth uses the aws-auth ConfigMap (authenticationMode CONFIG_MAP), which EKS has deprecated; the README shows how to move to access entries.',
    );
  }
  if (a.logTypes.length === 0)
    w.push('Control-plane logging is off: nothing records who called the Kubernetes API (give --log-types api,audit,authenticator).');
  const groupSpot = computeOf(a).nodeGroups && a.nodeGroup.capacityType === 'spot';
  if (groupSpot && a.nodeGroup.instanceTypes.length < 3) {
    w.push(
      `Spot with ${a.nodeGroup.instanceTypes.length === 1 ? 'one instance type' : 'two instance types'}: give three or more of similar size (e.g. m7i.large,m6i.large,m6a.large) so the node group can draw on several Spot pools and survives reclaims.`,
    );
  }
  const fargateOthers = !computeOf(a).fargate ? a.fargate.namespaces.filter((n) => n !== a.app.namespace) : [];
  if (a.identity === 'pod-identity' && fargateOthers.length > 0) {
    w.push(`Pods in the Fargate namespaces ${fargateOthers.join(', ')} cannot use EKS Pod Identity; give their ServiceAccounts IRSA roles.`);
  }
  w.push(...networkWarnings(a));
  return w;
}

/** The first field rule broken by answers given so far (flags, files), checked before the wizard asks anything. */
export function firstGivenProblem(given: PartialAnswers, today: Date): Problem | undefined {
  for (const [key, rule] of Object.entries(FIELD_RULES)) {
    const value = key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), given);
    if (value === undefined) continue;
    const message = rule(value, given, today);
    if (message) return { field: key, message };
  }
  return undefined;
}
