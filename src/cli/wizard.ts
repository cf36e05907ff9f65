// The wizard asks, in registry order, only the questions that are still unanswered and apply. A rule
// that needs several answers runs at the question that completes the conflict, which is asked again
// with the message; what is left is shown at the end, all at once, and the answers involved can be
// changed. A recap comes before anything is written.
import { podIdentityBlocker, QUESTION_BY_KEY, QUESTIONS, type Question } from '../answers/registry.ts';
import { flagName, getPath, setPath } from '../answers/paths.ts';
import type { PartialAnswers } from '../answers/types.ts';
import { applyDefaults, defaultFor } from '../plan/defaults.ts';
import { answerProblems, fieldProblem, type Problem } from '../plan/answer-rules.ts';
import { PromptCancelled, type Prompter } from './prompter.ts';

/** The question an answer key belongs to (a nested answer's own, or its group's). */
const questionOf = (field: string): Question | undefined => QUESTION_BY_KEY.get(field) ?? QUESTION_BY_KEY.get(field.split('.')[0]);

export function applies(q: Question, a: PartialAnswers): boolean {
  return q.when ? q.when(a) : true;
}

/** Questions the wizard would ask: prompted, applicable, and not already answered. */
export function missingQuestions(a: PartialAnswers): Question[] {
  return QUESTIONS.filter((q) => q.prompted && getPath(a, q.key) === undefined && applies(q, a));
}

/** The recommended setup asks only these; every other answer takes its default. */
export const RECOMMENDED_QUESTIONS: readonly string[] = ['name', 'region', 'compute', 'identity', 'app.image', 'app.port'];

export interface WizardOptions {
  /** Only these questions are asked (the recommended setup). */
  only?: readonly string[];
  /** A recap with Create, Change an answer and Cancel before the answers are returned. */
  recap?: boolean;
  /** One line for the user: why a question was skipped, what was added. */
  note?: (line: string) => void;
}

function display(value: unknown): string {
  if (Array.isArray(value)) return value.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',');
  if (value !== null && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  return value === undefined ? '' : String(value);
}

/** A confirmation, and the CIDR list whose 0.0.0.0/0 it confirms. */
const CONFIRMED_CIDRS: Readonly<Record<string, string>> = { allowPublicInternet: 'publicAccessCidrs', allowPublicIngress: 'ingressSourceCidrs' };

/**
 * Problems of these answers (the rest at their defaults) that name an answer already given, and whose
 * fix is not a question still to come (a confirmation, the private subnets after the public ones).
 */
function givenProblems(a: PartialAnswers, today: Date): Problem[] {
  let all: Problem[];
  try {
    all = answerProblems(applyDefaults(a, today), today);
  } catch {
    return [];
  }
  const pending = missingQuestions(a).map((q) => `--${flagName(q.key)}`);
  return all.filter(
    (p) => getPath(a, p.field.replace(/\[.*$/, '')) !== undefined && !pending.some((f) => new RegExp(`${f.replace(/-/g, '\\-')}(?![\\w-])`).test(p.message)),
  );
}

/** The rule that a value for `key` breaks together with answers already given, if any. */
function crossProblem(key: string, value: unknown, a: PartialAnswers, today: Date): string | undefined {
  // Declining an internet-wide range is not a conflict: the range is asked again.
  if (key in CONFIRMED_CIDRS && value === false) return undefined;
  const before = new Set(givenProblems(a, today).map((p) => `${p.field}: ${p.message}`));
  const next = structuredClone(a);
  setPath(next, key, value);
  const found = givenProblems(next, today).find((p) => !before.has(`${p.field}: ${p.message}`));
  // Another answer is named by its question, as the user met it, not by its key.
  return found && (found.field === key ? found.message : `${questionOf(found.field)?.message ?? found.field}: ${found.message}`);
}

async function ask(
  q: Question,
  a: PartialAnswers,
  p: Prompter,
  today: Date,
  opts: WizardOptions,
  extra?: (v: unknown) => string | undefined,
): Promise<unknown> {
  const current = getPath(a, q.key);
  const def = current !== undefined ? current : defaultFor(q.key, a, today);
  const check = (v: unknown) => fieldProblem(q.key, v, a, today) ?? extra?.(v) ?? crossProblem(q.key, v, a, today);
  const choices = q.choices?.(a, today);
  if (q.kind === 'groups') return askGroups(q, a, p, today);
  for (const h of q.hidden?.(a) ?? []) opts.note?.(`${q.message}: ${h.value} is not offered: ${h.why}`);
  // Prompts that cannot refuse an answer themselves are asked again, with the reason in place.
  let refused: string | undefined;
  const hint = () => (refused ? `${refused}; ${q.hint}` : q.hint);
  for (;;) {
    let v: unknown;
    if (q.kind === 'boolean') v = await p.confirm({ message: q.message, hint: hint(), default: def as boolean });
    else if (choices && (q.kind === 'choice' || q.kind === 'string')) {
      if (choices.length === 1) {
        // Nothing to choose: say why, and take the one option.
        opts.note?.(`${q.message}: ${choices[0].value}, the only option here${choices[0].hint ? ` (${choices[0].hint})` : ''}`);
        return choices[0].value;
      }
      const items = choices.map((c) => ({ value: c.value, name: c.value, description: c.hint }));
      v =
        q.key === 'region' && p.search
          ? await p.search({ message: q.message, hint: hint(), default: def as string, choices: items })
          : await p.select({ message: q.message, hint: hint(), default: def as string, choices: items });
    } else if (choices && q.kind === 'list') {
      return p.checkbox({
        message: q.message,
        hint: q.hint,
        default: def as string[],
        choices: choices.map((c) => ({ value: c.value, name: c.value, description: c.hint })),
        validate: (picked) => check(picked) ?? true,
      });
    } else return askText(q, p, def, check);
    const problem = check(v);
    if (!problem) return v;
    refused = problem;
  }
}

async function askText(q: Question, p: Prompter, def: unknown, check: (v: unknown) => string | undefined): Promise<unknown> {
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
async function steerIdentity(a: PartialAnswers, p: Prompter, today: Date, opts: WizardOptions): Promise<void> {
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
    setPath(
      a,
      'accountId',
      await ask(QUESTION_BY_KEY.get('accountId')!, a, p, today, opts, (v) => (v === '' ? 'IRSA needs the 12-digit account id' : undefined)),
    );
}

/** Asks every missing question (or only those of `opts.only`). */
async function askMissing(a: PartialAnswers, given: PartialAnswers, p: Prompter, today: Date, opts: WizardOptions): Promise<void> {
  for (;;) {
    const q = missingQuestions(a).find((x) => !opts.only || opts.only.includes(x.key));
    if (!q) return;
    const value = await ask(q, a, p, today, opts);
    // Declining an internet-wide endpoint or load balancer sends the user back to the CIDR question.
    const cidrs = CONFIRMED_CIDRS[q.key];
    if (cidrs && value === false && getPath(given, cidrs) === undefined) {
      delete (a as Record<string, unknown>)[cidrs];
      continue;
    }
    setPath(a, q.key, value);
  }
}

/** Problems the questions could not catch one by one: shown all at once; the user changes the answers involved. */
async function settle(a: PartialAnswers, p: Prompter, today: Date, opts: WizardOptions): Promise<void> {
  for (;;) {
    const problems = answerProblems(applyDefaults(a, today), today);
    if (problems.length === 0) return;
    for (const x of problems) opts.note?.(`${x.field}: ${x.message}`);
    const involved = [...new Set(problems.map((x) => questionOf(x.field)).filter((q): q is Question => q !== undefined && q.kind !== 'groups'))];
    const pick = await p.select({
      message: 'Change which answer?',
      hint: 'each problem above names the answer it is about; the others are kept',
      choices: [
        ...involved.map((q) => ({ value: q.key, name: q.message, description: `now ${display(getPath(applyDefaults(a, today), q.key)) || '(empty)'}` })),
        { value: '', name: 'Cancel', description: 'write nothing' },
      ],
    });
    if (pick === '') throw new PromptCancelled('cancelled');
    const q = QUESTION_BY_KEY.get(pick)!;
    setPath(a, q.key, await ask(q, a, p, today, opts));
  }
}

const GROUP_TITLES: Record<string, string> = {
  cluster: 'Cluster',
  network: 'Network',
  compute: 'Compute',
  identity: 'Identity',
  app: 'Application',
  storage: 'Storage',
  addons: 'Add-ons',
};

/** The choices, grouped, one line each: what the recap shows. */
export function recapLines(a: PartialAnswers, today: Date): string[] {
  const all = applyDefaults(a, today);
  const lines: string[] = [];
  for (const [group, title] of Object.entries(GROUP_TITLES)) {
    const qs = QUESTIONS.filter((q) => q.group === group && q.prompted && applies(q, all));
    if (qs.length === 0) continue;
    lines.push(`${title}: ${qs.map((q) => `${q.message.replace(/\?$/, '').replace(/ \(.*\)$/, '')} ${display(getPath(all, q.key)) || '(none)'}`).join('; ')}`);
  }
  return lines;
}

/** Create, change an answer (then back here), or cancel. */
async function recap(a: PartialAnswers, given: PartialAnswers, p: Prompter, today: Date, opts: WizardOptions): Promise<void> {
  for (;;) {
    for (const line of recapLines(a, today)) opts.note?.(line);
    const next = await p.select({
      message: 'Create the project with these answers?',
      hint: 'nothing is written before you choose Create',
      choices: [
        { value: 'create', name: 'Create' },
        { value: 'change', name: 'Change an answer' },
        { value: 'cancel', name: 'Cancel', description: 'write nothing' },
      ],
      default: 'create',
    });
    if (next === 'create') return;
    if (next === 'cancel') throw new PromptCancelled('cancelled');
    const all = applyDefaults(a, today);
    const pick = await p.select({
      message: 'Which answer?',
      hint: 'its question is asked again; every other answer is kept',
      choices: QUESTIONS.filter((q) => q.prompted && q.kind !== 'groups' && applies(q, all)).map((q) => ({
        value: q.key,
        name: q.message,
        description: `now ${display(getPath(all, q.key)) || '(empty)'}`,
      })),
    });
    const q = QUESTION_BY_KEY.get(pick)!;
    setPath(a, q.key, await ask(q, a, p, today, opts));
    // A changed answer can bring questions of its own (Fargate namespaces after compute fargate).
    await askMissing(a, given, p, today, { ...opts, only: undefined });
    await settle(a, p, today, opts);
  }
}

export async function runWizard(given: PartialAnswers, p: Prompter, today: Date, opts: WizardOptions = {}): Promise<PartialAnswers> {
  const a: PartialAnswers = structuredClone(given);
  await askMissing(a, given, p, today, opts);
  await steerIdentity(a, p, today, opts);
  if (opts.recap) {
    await settle(a, p, today, opts);
    await recap(a, given, p, today, opts);
  }
  return a;
}
