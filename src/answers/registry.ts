// The single registry of questions. The wizard, the flags, --help and the answers-file checks all
// derive from this array. The domain modules (src/domains) and the add-ons own their questions, each
// with its default and rule; this file fixes the order and adds the add-on choice.
import type { AnswerKind, PartialAnswers } from './types.ts';
import { flagName } from './paths.ts';
import { ALL_ADDONS, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import { impliedAddons } from '../plan/implied.ts';
import { DOMAIN_QUESTION_LIST, LATE_DOMAIN_QUESTION_LIST } from '../domains/index.ts';
import { isServiceAnswer, WORKLOAD_ADDONS } from '../domains/service.ts';

export type Group = 'cluster' | 'network' | 'compute' | 'identity' | 'app' | 'storage' | 'addons';

export interface Choice {
  value: string;
  hint?: string;
}

export interface Question {
  key: string;
  kind: AnswerKind;
  group: Group;
  message: string;
  hint: string;
  /** Asked by the wizard; other questions take their default unless given as a flag or in a file. */
  prompted: boolean;
  choices?: (a: PartialAnswers, today: Date) => Choice[];
  when?: (a: PartialAnswers) => boolean;
  /** For `groups`: one flag's text (`name=gpu,min=0`) as an item, or a problem. */
  item?: (raw: string) => Record<string, unknown> | string;
  /** For `groups`: what one item is called at the prompts ("node group"). */
  itemName?: string;
  /** Choices another answer rules out, each with the reason the wizard gives. */
  hidden?: (a: PartialAnswers) => { value: string; why: string }[];
}

export const QUESTIONS: Question[] = [
  ...DOMAIN_QUESTION_LIST,
  {
    key: 'addons',
    kind: 'list',
    group: 'addons',
    prompted: true,
    message: 'Add-ons to install',
    hint: 'space selects, enter confirms; what an add-on needs comes with it',
    when: () => OPTIONAL_ADDONS.length > 0,
    // Add-ons other answers already bring (ingress, storage, snapshots, the budget) are not offered again.
    choices: (a) =>
      OPTIONAL_ADDONS.filter(
        (m) => m.when(a) === true && !impliedAddons(a).some((x) => x.id === m.id) && (a.service !== true || WORKLOAD_ADDONS.includes(m.id)),
      ).map((m) => ({
        value: m.id,
        hint: `${m.title}: ${m.description}`,
      })),
    // What is not offered, and why: another answer brings it, or it cannot run here.
    hidden: (a) =>
      OPTIONAL_ADDONS.flatMap((m) => {
        // A service project's cluster add-ons are its owner's: not even named.
        if (a.service === true && !WORKLOAD_ADDONS.includes(m.id)) return [];
        const implied = impliedAddons(a).find((x) => x.id === m.id);
        if (implied) return [{ value: m.id, why: `it comes with the answers (${implied.why})` }];
        const offered = m.when(a);
        return offered === true ? [] : [{ value: m.id, why: String(offered) }];
      }),
  },
  ...ALL_ADDONS.flatMap((m) => m.questions),
  ...LATE_DOMAIN_QUESTION_LIST,
];

// A service project is asked only what a workload has: the cluster's own questions keep their defaults.
for (const q of QUESTIONS) {
  if (isServiceAnswer(q.key)) continue;
  const own = q.when;
  q.when = own ? (a) => a.service !== true && own(a) : (a) => a.service !== true;
}

export { podIdentityBlocker } from '../domains/index.ts';

export const QUESTION_BY_KEY = new Map(QUESTIONS.map((q) => [q.key, q]));
export const QUESTION_BY_FLAG = new Map(QUESTIONS.map((q) => [flagName(q.key), q]));
/** Flags that name an answer another way: a service project's --cluster is the cluster's name. */
export const FLAG_ALIASES: Readonly<Record<string, string>> = { cluster: 'name' };
for (const [alias, key] of Object.entries(FLAG_ALIASES)) QUESTION_BY_FLAG.set(alias, QUESTION_BY_KEY.get(key)!);
