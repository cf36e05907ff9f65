// Defaults, kept apart from validation (as eksctl keeps defaults.go apart from validation.go): each
// domain module and add-on attaches a default to its questions; this table collects them. A default
// may depend on answers already given, so it is a function of the partial answers.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { getPath, setPath } from '../answers/paths.ts';
import { QUESTIONS } from '../answers/registry.ts';
import { ADDON_DEFAULTS } from './addons.ts';
import { DOMAIN_QUESTIONS } from '../domains/index.ts';

import type { DefaultFn } from '../domains/contract.ts';

export const DEFAULTS: Record<string, DefaultFn> = {
  // A service scales itself: its HorizontalPodAutoscaler is part of the workload.
  addons: (a) => (a.service === true ? ['hpa'] : []),
  ...Object.fromEntries([...DOMAIN_QUESTIONS].map(([key, q]) => [key, q.default])),
  ...ADDON_DEFAULTS,
};

export function defaultFor(key: string, a: PartialAnswers, today: Date): unknown {
  const fn = DEFAULTS[key];
  if (!fn) throw new Error(`no default for ${key}`);
  return fn(a, today);
}

/** Fills every answer the user did not give, in registry order so later defaults see earlier ones. */
export function applyDefaults(given: PartialAnswers, today: Date): Answers {
  const out: PartialAnswers = structuredClone(given);
  for (const q of QUESTIONS) {
    // Options of add-ons that are not selected stay out of the answers (and .eks-app.json).
    if (q.key.startsWith('addon.') && q.when && !q.when(out)) continue;
    if (getPath(out, q.key) === undefined) setPath(out, q.key, defaultFor(q.key, out, today));
    const complete = DOMAIN_QUESTIONS.get(q.key)?.complete;
    if (complete) setPath(out, q.key, complete(getPath(out, q.key), out));
  }
  out.addon ??= {};
  return out as Answers;
}
