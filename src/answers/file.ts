// Answers files (JSON or YAML, or a project's .eks-app.json). Every problem is reported once, with
// the file, line and column, and the key path.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { QUESTIONS, type Question } from './registry.ts';
import { setPath } from './paths.ts';
import type { PartialAnswers } from './types.ts';
import { UserError } from '../errors.ts';

export class AnswersFileError extends UserError {}

const KEYS = new Map(QUESTIONS.map((q) => [q.key, q]));
// Every proper prefix of a dotted key is a map in the file: app, addon, addon.externalDns, ...
const PARENTS = new Set(QUESTIONS.flatMap((q) => q.key.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));

function typeProblem(q: Question, v: unknown): string | undefined {
  const isStr = (x: unknown) => typeof x === 'string';
  switch (q.kind) {
    case 'integer': return Number.isInteger(v) ? undefined : 'expected a whole number';
    case 'boolean': return typeof v === 'boolean' ? undefined : 'expected true or false';
    case 'list': return Array.isArray(v) && v.every(isStr) ? undefined : 'expected a list of strings';
    case 'map':
      return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isStr) ? undefined : 'expected a map of string values';
    default: return isStr(v) ? undefined : 'expected a string';
  }
}

export function parseAnswersFile(text: string, file: string): PartialAnswers {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const where = (offset: number | undefined) => {
    const { line, col } = lc.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new AnswersFileError(`${where(e.pos[0])}: not valid JSON or YAML: ${e.message.split('\n')[0]}; fix the syntax or regenerate the file`);
  }
  let root: Node | null = doc.contents as Node | null;
  if (!isMap(root)) throw new AnswersFileError(`${file}: expected a map of answers (key: value), not ${root === null ? 'an empty file' : 'a list or scalar'}`);
  // A project's own .eks-app.json holds {tool, answers}: accept it to re-render a project.
  const answersNode = root.get('answers', true);
  if (root.has('tool') && isMap(answersNode)) root = answersNode as Node;

  const out: PartialAnswers = {};
  const walk = (node: Node, prefix: string) => {
    for (const pair of (node as any).items as { key: Node; value: Node | null }[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '?';
      const key = prefix ? `${prefix}.${name}` : name;
      const pos = where(pair.key.range?.[0]);
      if (PARENTS.has(key)) {
        if (!isMap(pair.value)) throw new AnswersFileError(`${pos}: ${key}: expected a map with ${QUESTIONS.filter((q) => q.key.startsWith(key + '.')).map((q) => q.key.slice(key.length + 1)).join(', ')}`);
        walk(pair.value, key);
        continue;
      }
      const q = KEYS.get(key);
      if (!q) throw new AnswersFileError(`${pos}: ${key}: unknown answer key; known keys are ${QUESTIONS.map((x) => x.key).join(', ')}`);
      const value = pair.value === null ? null : (pair.value as any).toJSON();
      const problem = typeProblem(q, value);
      if (problem) throw new AnswersFileError(`${where(pair.value?.range?.[0] ?? pair.key.range?.[0])}: ${key}: ${problem}, got ${JSON.stringify(value)}`);
      setPath(out, key, value);
    }
  };
  walk(root, '');
  return out;
}
