// Pack add-ons join the same registry the built-in ones live in, for one run: the catalog arrays, the
// question registry (flags, --help), defaults and rules. Registration is undone when the run ends, so
// in-process runs (the tests) never see another run's pack.
import { ADDON_BY_ID, ALL_ADDONS, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import type { AddonModule } from '../../generators/addons/types.ts';
import { flagName } from '../answers/paths.ts';
import { QUESTION_BY_FLAG, QUESTION_BY_KEY, QUESTIONS } from '../answers/registry.ts';
import { DEFAULTS } from '../plan/defaults.ts';
import { FIELD_RULES } from '../plan/answer-rules.ts';

const remove = <T>(list: T[], item: T) => {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
};

export function registerAddons(modules: AddonModule[]): () => void {
  for (const m of modules) {
    OPTIONAL_ADDONS.push(m);
    ALL_ADDONS.push(m);
    ADDON_BY_ID.set(m.id, m);
    for (const q of m.questions) {
      QUESTIONS.push(q);
      QUESTION_BY_KEY.set(q.key, q);
      QUESTION_BY_FLAG.set(flagName(q.key), q);
    }
    Object.assign(DEFAULTS, m.defaults ?? {});
    Object.assign(FIELD_RULES, m.rules ?? {});
  }
  return () => {
    for (const m of modules) {
      remove(OPTIONAL_ADDONS, m);
      remove(ALL_ADDONS, m);
      ADDON_BY_ID.delete(m.id);
      for (const q of m.questions) {
        remove(QUESTIONS, q);
        QUESTION_BY_KEY.delete(q.key);
        QUESTION_BY_FLAG.delete(flagName(q.key));
      }
      for (const k of Object.keys(m.defaults ?? {})) delete DEFAULTS[k];
      for (const k of Object.keys(m.rules ?? {})) delete FIELD_RULES[k];
    }
  };
}
