// The wizard asks, in registry order, only the questions that are still unanswered and apply.
import { podIdentityBlocker, QUESTION_BY_KEY, QUESTIONS, type Question } from '../answers/registry.ts';
import { getPath, setPath } from '../answers/paths.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { defaultFor } from '../plan/defaults.ts';
import { fieldProblem } from '../plan/answer-rules.ts';
import type { Prompter } from './prompter.ts';

export function applies(q: Question, a: PartialAnswers): boolean {
  return q.when ? q.when(a) : true;
}

/** Questions the wizard would ask: prompted, applicable, and not already answered. */
export function missingQuestions(a: PartialAnswers): Question[] {
  return QUESTIONS.filter((q) => q.prompted && getPath(a, q.key) === undefined && applies(q, a));
}

function display(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value);
}

async function ask(q: Question, a: PartialAnswers, p: Prompter, today: Date, extra?: (v: unknown) => string | undefined): Promise<unknown> {
  const def = defaultFor(q.key, a, today);
  const check = (v: unknown) => fieldProblem(q.key, v, a, today) ?? extra?.(v);
  const choices = q.choices?.(a, today);
  if (q.kind === 'boolean') return p.confirm({ message: q.message, hint: q.hint, default: def as boolean });
  if (q.kind === 'groups') return askGroups(q, a, p, today);
  if (choices && q.kind === 'choice') {
    return p.select({
      message: q.message,
      hint: q.hint,
      default: def as string,
      choices: choices.map((c) => ({ value: c.value, name: c.value, description: c.hint })),
    });
  }
  if (choices && q.kind === 'list') {
    // A checkbox cannot refuse a selection itself: ask again, with the reason, until the rule passes.
    let hint = q.hint;
    for (;;) {
      const picked = await p.checkbox({
        message: q.message,
        hint,
        default: def as string[],
        choices: choices.map((c) => ({ value: c.value, name: c.value, description: c.hint })),
      });
      const problem = check(picked);
      if (!problem) return picked;
      hint = `${problem}; ${q.hint}`;
    }
  }
  const parse = (s: string): unknown => {
    if (q.kind === 'integer') return /^-?\d+$/.test(s.trim()) ? Number(s.trim()) : s;
    if (q.kind === 'list')
      return s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    return s.trim();
  };
  const text = await p.input({
    message: q.message,
    hint: q.hint,
    default: display(def),
    validate: (s) => {
      const v = parse(s);
      if (q.kind === 'integer' && typeof v !== 'number') return 'enter a whole number';
      return check(v) ?? true;
    },
  });
  return parse(text);
}

/** A list of groups: "Add …?", then each one as the flag spells it, checked as it is typed. */
async function askGroups(q: Question, a: PartialAnswers, p: Prompter, today: Date): Promise<unknown[]> {
  const items: unknown[] = [];
  const noun = q.itemName ?? 'item';
  for (;;) {
    const more = await p.confirm({
      message: items.length ? `Add another ${noun}?` : `Add a ${noun} beside the system group?`,
      hint: 'for Spot, GPU or tainted workloads; the system group runs CoreDNS and the add-ons',
      default: false,
    });
    if (!more) return items;
    const text = await p.input({
      message: `The ${noun}, as field=value pairs`,
      hint: q.hint,
      default: '',
      validate: (s) => {
        const item = q.item!(s.trim());
        if (typeof item === 'string') return item;
        return fieldProblem(q.key, [...items, item], a, today) ?? true;
      },
    });
    items.push(q.item!(text.trim()));
  }
}

/**
 * EKS Pod Identity does not run on Fargate pods or Windows nodes. The identity question only offers
 * IRSA there; when pod-identity came in as a flag or from a file, explain and offer to switch.
 */
async function steerIdentity(a: PartialAnswers, p: Prompter, today: Date): Promise<void> {
  const blocker = a.identity === 'pod-identity' ? podIdentityBlocker(a) : undefined;
  if (!blocker) return;
  const use = await p.confirm({
    message: `${blocker}. Use IRSA (IAM roles for service accounts) instead?`,
    hint: 'IRSA works on Fargate and Windows; it needs the AWS account id for the role ARN',
    default: true,
  });
  if (!use) return;
  a.identity = 'irsa';
  if (!a.accountId)
    setPath(a, 'accountId', await ask(QUESTION_BY_KEY.get('accountId')!, a, p, today, (v) => (v === '' ? 'IRSA needs the 12-digit account id' : undefined)));
}

/** A confirmation, and the CIDR list whose 0.0.0.0/0 it confirms. */
const CONFIRMED_CIDRS: Readonly<Record<string, string>> = { allowPublicInternet: 'publicAccessCidrs', allowPublicIngress: 'ingressSourceCidrs' };

export async function runWizard(given: PartialAnswers, p: Prompter, today: Date): Promise<PartialAnswers> {
  const a: PartialAnswers = structuredClone(given);
  for (;;) {
    const q = missingQuestions(a)[0];
    if (!q) {
      await steerIdentity(a, p, today);
      return a;
    }
    const value = await ask(q, a, p, today);
    // Declining an internet-wide endpoint or load balancer sends the user back to the CIDR question.
    const cidrs = CONFIRMED_CIDRS[q.key];
    if (cidrs && value === false && getPath(given, cidrs) === undefined) {
      delete (a as Record<string, unknown>)[cidrs];
      continue;
    }
    setPath(a, q.key, value);
  }
}
