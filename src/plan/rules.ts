// Field rules shared by the domains. A rule takes one answer and returns a problem or undefined.
import type { PartialAnswers } from '../answers/types.ts';
import { flagName } from '../answers/paths.ts';
import { suggest } from '../suggest.ts';
import { labelValueProblem, qualifiedNameProblem, reservedLabelProblem } from './kube.ts';

/** A broken answer: the field path, and what to do about it. */
export interface Problem {
  field: string;
  message: string;
}

/** "; did you mean x?" when a given text is close to one allowed value. */
export function didYouMean(v: unknown, allowed: Iterable<string>): string {
  const near = typeof v === 'string' ? suggest(v, allowed) : undefined;
  return near ? `; did you mean ${near}?` : '';
}

/** The flag that sets an answer, for messages: `--node-min`. */
export const flag = (key: string): string => `--${flagName(key)}`;

export type Rule = (value: any, a: PartialAnswers, today: Date) => string | undefined;

export const oneOf =
  (allowed: readonly string[]): Rule =>
  (v) =>
    allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)}${didYouMean(v, allowed)})`;

export const intIn =
  (min: number, max: number): Rule =>
  (v) =>
    Number.isInteger(v) && v >= min && v <= max ? undefined : `must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`;

/** The type an answer of each kind takes, checked before any rule of its own. */
export function kindProblem(kind: string, v: unknown): string | undefined {
  const isText = (x: unknown) => typeof x === 'string';
  switch (kind) {
    case 'integer':
      return Number.isInteger(v) ? undefined : 'expected a whole number';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'expected true or false';
    case 'list':
      return Array.isArray(v) && v.every(isText) ? undefined : 'expected a list of strings';
    case 'map':
      return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isText) ? undefined : 'expected a map of string values';
    case 'groups':
      return Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) ? undefined : 'expected a list of maps, one per item';
    default:
      return isText(v) ? undefined : 'expected a string';
  }
}

/** A non-empty list drawn from `allowed`, without repeats (or possibly empty, when `mayBeEmpty`). */
export const subsetOf =
  (allowed: readonly string[], mayBeEmpty = false): Rule =>
  (v) => {
    if (!Array.isArray(v)) return `must be a list drawn from ${allowed.join(', ')}`;
    if (v.length === 0 && !mayBeEmpty) return `give at least one of ${allowed.join(', ')}`;
    const bad = v.find((x) => !allowed.includes(x));
    if (bad !== undefined) return `${JSON.stringify(bad)} is not one of ${allowed.join(', ')}${didYouMean(bad, allowed)}`;
    if (new Set(v).size !== v.length) return 'lists a value twice; give each once';
    return undefined;
  };

const stringMap = (v: unknown): v is Record<string, string> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** A map of Kubernetes labels, at most `max`, with `reserved` refusing the prefixes Kubernetes keeps. */
export function labelMapProblem(v: unknown, max: number, reserved: boolean): string | undefined {
  if (!stringMap(v)) return 'must be a map of key=value labels';
  const entries = Object.entries(v);
  if (entries.length > max) return `takes at most ${max} labels (got ${entries.length}); drop some`;
  for (const [k, val] of entries) {
    const problem = qualifiedNameProblem(k) ?? (reserved ? reservedLabelProblem(k) : undefined) ?? labelValueProblem(k, val);
    if (problem) return `label ${problem}`;
  }
  return undefined;
}
