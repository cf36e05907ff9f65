// Answers files (JSON or YAML, or a project's .eks-app.json). Every problem is reported once, with
// the file, line and column, and the key path.
import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { QUESTIONS } from './registry.ts';
import { getPath, setPath } from './paths.ts';
import { formerKey, RENAMED_KEYS } from './renamed.ts';
import type { PartialAnswers } from './types.ts';
import { UserError } from '../errors.ts';
import { kindProblem } from '../plan/rules.ts';

export class AnswersFileError extends UserError {}

const KEYS = new Map(QUESTIONS.map((q) => [q.key, q]));
// Every proper prefix of a dotted key is a map in the file: app, addon, addon.externalDns, ...
const PARENTS = new Set(
  QUESTIONS.flatMap((q) =>
    q.key
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);

/** Answers files are small (a full one is a few KiB); larger input is refused before it is parsed. */
export const ANSWERS_FILE_LIMIT = 1024 * 1024;

/** A value for a message: non-finite numbers as they were written, not as JSON's null. */
function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)).replace(/"(-?Infinity|NaN)"/g, '$1');
}

export function parseAnswersFile(text: string, file: string): PartialAnswers {
  if (text.length > ANSWERS_FILE_LIMIT)
    throw new AnswersFileError(
      `${file}: ${Math.round(text.length / 1024)} KiB is too large for an answers file (at most ${ANSWERS_FILE_LIMIT / 1024} KiB); it should hold only the answers`,
    );
  const lc = new LineCounter();
  // Duplicate keys are found below with a set: the parser's own check grows with the square of a map's size.
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  const where = (offset: number | undefined) => {
    const { line, col } = lc.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new AnswersFileError(`${where(e.pos[0])}: not valid JSON or YAML: ${e.message.split('\n')[0]}; fix the syntax or regenerate the file`);
  }
  // Expanded once whole, so aliases that multiply (a "billion laughs" file) are refused before any walk.
  try {
    doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const m = (e as Error).message;
    if (/alias count/i.test(m)) throw new AnswersFileError(`${file}: its aliases expand too far (${m.split('\n')[0]}); write the values out`);
  }
  // Aliases (*name) stand for what their anchor (&name) holds; one that names no anchor is an error.
  const deref = (n: Node | null, at: number | undefined): Node | null => {
    if (!isAlias(n)) return n;
    const target = n.resolve(doc) as Node | undefined;
    if (!target) throw new AnswersFileError(`${where(at)}: alias *${n.source} names no anchor (&${n.source}) before it; write the value out`);
    return target;
  };
  const toValue = (n: Node | null, at: number | undefined): unknown => {
    if (n === null) return null;
    try {
      return (n as any).toJS(doc, { maxAliasCount: 100 });
    } catch (e) {
      throw new AnswersFileError(`${where(at)}: ${(e as Error).message.split('\n')[0]}; write the value out instead of using aliases`);
    }
  };
  let root: Node | null = deref(doc.contents as Node | null, 0);
  if (!isMap(root)) throw new AnswersFileError(`${file}: expected a map of answers (key: value), not ${root === null ? 'an empty file' : 'a list or scalar'}`);
  // A project's own .eks-app.json holds {tool, answers}: accept it to re-render a project.
  if (root.has('tool') && root.has('answers')) {
    const answersNode = deref(root.get('answers', true) as Node | null, 0);
    if (!isMap(answersNode))
      throw new AnswersFileError(`${file}: answers: expected a map of answers, got ${show(toValue(answersNode, 0))}; restore it from version control`);
    root = answersNode;
  }

  const out: PartialAnswers = {};
  const walk = (node: Node, prefix: string) => {
    const seen = new Set<string>();
    for (const pair of (node as any).items as { key: Node; value: Node | null }[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '?';
      // A key from before answers were nested by domain reads as its nested key.
      const key = prefix ? `${prefix}.${name}` : (RENAMED_KEYS[name] ?? name);
      const pos = where(pair.key.range?.[0]);
      if (seen.has(name)) throw new AnswersFileError(`${pos}: ${key}: given twice; keep one`);
      seen.add(name);
      const valueAt = pair.value?.range?.[0] ?? pair.key.range?.[0];
      const valueNode = deref(pair.value, valueAt);
      if (PARENTS.has(key)) {
        if (!isMap(valueNode))
          throw new AnswersFileError(
            `${pos}: ${key}: expected a map with ${QUESTIONS.filter((q) => q.key.startsWith(`${key}.`))
              .map((q) => q.key.slice(key.length + 1))
              .join(', ')}`,
          );
        walk(valueNode, key);
        continue;
      }
      const q = KEYS.get(key);
      if (!q) throw new AnswersFileError(`${pos}: ${key}: unknown answer key; known keys are ${QUESTIONS.map((x) => x.key).join(', ')}`);
      const given = toValue(valueNode, valueAt);
      // A map's numbers and booleans (kubelet: {podPidsLimit: 4096}) are read as the text a flag gives.
      const value =
        q.kind === 'map' && given !== null && typeof given === 'object' && !Array.isArray(given)
          ? Object.fromEntries(Object.entries(given).map(([k, x]) => [k, typeof x === 'number' || typeof x === 'boolean' ? String(x) : x]))
          : given;
      const problem = kindProblem(q.kind, value);
      if (problem) throw new AnswersFileError(`${where(valueAt)}: ${key}: ${problem}, got ${show(value)}`);
      if (getPath(out, key) !== undefined) throw new AnswersFileError(`${pos}: ${key}: given twice (as ${formerKey(key)} and as ${key}); keep one`);
      setPath(out, key, value);
    }
  };
  walk(root, '');
  return out;
}
