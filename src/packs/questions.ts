// A pack's own questions (flags --pack-<key>, answers saved under pack.answers in .eks-app.json) and
// its defaults for built-in questions, shown as the wizard's default.
import { isMap, parseDocument } from 'yaml';
import { flagName } from '../answers/paths.ts';
import { QUESTIONS, type Question } from '../answers/registry.ts';
import type { Prompter } from '../cli/prompter.ts';
import { coerceFlag } from '../cli/args.ts';
import { UsageError } from '../errors.ts';
import { packAnswerProblem, type Pack, type PackQuestion } from './manifest.ts';

export const packFlag = (q: PackQuestion) => `pack-${flagName(q.key)}`;

/** Typed like registry flags: lists and maps accumulate over repeated flags. */
export function coercePackValue(q: PackQuestion, raws: string[], where: string): unknown {
  const asQuestion = { ...q, key: `pack.${q.key}` } as unknown as Question;
  const value = raws.reduce<unknown>((prev, raw) => coerceFlag(asQuestion, raw, prev), undefined);
  const problem = packAnswerProblem(q, value);
  if (problem) throw new UsageError(`${where}: ${problem}`);
  return value;
}

/** --pack-* flags as answers; a flag the pack does not ask is refused with the list it does. */
export function packFlagAnswers(pack: Pack | undefined, raw: Record<string, string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(raw)) {
    const q = pack?.questions.find((x) => packFlag(x) === name);
    if (!q) {
      const asked = pack?.questions.map((x) => `--${packFlag(x)}`).join(' ');
      throw new UsageError(
        `unknown option --${name}; ${pack ? `template pack ${pack.name} asks ${asked || 'no questions'}` : 'no template pack is in use (--template)'}`,
      );
    }
    out[q.key] = coercePackValue(q, values, `--${name}`);
  }
  return out;
}

/** Takes a pack add-on's options (addon.<id>) out of an answers file's text; see the hook in the report. */
export function splitPackAddonOptions(text: string, pack: Pack): { text: string; options: Record<string, Record<string, unknown>> } {
  const options: Record<string, Record<string, unknown>> = {};
  const camels = pack.addons.filter((a) => a.questions.length > 0).map((a) => a.id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
  const doc = parseDocument(text);
  if (camels.length === 0 || doc.errors.length > 0 || !isMap(doc.contents)) return { text, options };
  const root = doc.has('tool') && isMap(doc.get('answers')) ? ['answers'] : [];
  for (const c of camels) {
    const at = [...root, 'addon', c];
    const node = doc.getIn(at, true);
    if (!isMap(node)) continue;
    options[c] = node.toJSON();
    doc.deleteIn(at);
  }
  return Object.keys(options).length > 0 ? { text: doc.toString(), options } : { text, options };
}

/** The pack answers a project's .eks-app.json holds (pack.answers), when it is used as an answers file. */
export function packAnswersFromFile(pack: Pack, text: string, file: string): Record<string, unknown> {
  let saved: unknown;
  try {
    saved = (JSON.parse(text) as { pack?: { answers?: unknown } })?.pack?.answers;
  } catch {
    return {};
  }
  const out: Record<string, unknown> = {};
  if (saved === null || typeof saved !== 'object') return out;
  for (const q of pack.questions) {
    const v = (saved as Record<string, unknown>)[q.key];
    if (v === undefined) continue;
    const problem = packAnswerProblem(q, v);
    if (problem) throw new UsageError(`${file}: pack.answers.${q.key}: ${problem}`);
    out[q.key] = v;
  }
  return out;
}

/** Fills the pack's questions: given, else asked (with a terminal and without --yes), else the default. */
export async function collectPackAnswers(
  pack: Pack,
  given: Record<string, unknown>,
  ask: (() => Promise<Prompter>) | undefined,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const q of pack.questions) {
    if (given[q.key] !== undefined) out[q.key] = given[q.key];
    else if (ask) out[q.key] = await askPackQuestion(q, await ask());
    else if (q.default !== undefined) out[q.key] = structuredClone(q.default);
    else missing.push(`--${packFlag(q)}`);
  }
  if (missing.length > 0) throw new UsageError(`template pack ${pack.name} needs answers it has no default for: ${missing.join(' ')}`);
  return out;
}

async function askPackQuestion(q: PackQuestion, p: Prompter): Promise<unknown> {
  const hint = q.hint;
  if (q.kind === 'boolean') return p.confirm({ message: q.message, hint, default: q.default === true });
  if (q.kind === 'choice')
    return p.select({ message: q.message, hint, default: q.default as string | undefined, choices: q.choices!.map((c) => ({ value: c, name: c })) });
  const display = Array.isArray(q.default)
    ? q.default.join(',')
    : q.default && typeof q.default === 'object'
      ? Object.entries(q.default)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : q.default === undefined
        ? ''
        : String(q.default);
  const parse = (s: string): unknown =>
    q.kind === 'map'
      ? coercePackValue(
          q,
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
          q.key,
        )
      : coercePackValue(q, [s.trim()], q.key);
  const text = await p.input({
    message: q.message,
    hint,
    default: display,
    validate: (s) => {
      try {
        parse(s);
        return true;
      } catch (e) {
        return (e as Error).message.replace(`${q.key}: `, '');
      }
    },
  });
  return parse(text);
}

/** The wizard shows the pack's defaults instead of the built-in ones; it still validates through the registry. */
export function withPackDefaults(p: Prompter, pack: Pack): Prompter {
  const byMessage = new Map(QUESTIONS.filter((q) => q.key in pack.defaults).map((q) => [q.message, pack.defaults[q.key]]));
  const pick = <T>(message: string, builtin: T): T => (byMessage.has(message) ? (byMessage.get(message) as T) : builtin);
  return {
    input: (q) => {
      const d = byMessage.get(q.message);
      return p.input({ ...q, default: d === undefined ? q.default : Array.isArray(d) ? d.join(',') : String(d) });
    },
    select: (q) => p.select({ ...q, default: pick(q.message, q.default) }),
    ...(p.search ? { search: (q: Parameters<NonNullable<Prompter['search']>>[0]) => p.search!({ ...q, default: pick(q.message, q.default) }) } : {}),
    confirm: (q) => p.confirm({ ...q, default: pick(q.message, q.default) }),
    checkbox: (q) => p.checkbox({ ...q, default: pick(q.message, q.default) }),
  };
}
