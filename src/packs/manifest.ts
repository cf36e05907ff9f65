// Template packs: a folder (or npm package) with eks-app-pack.json. Loading checks every field and
// stops at the first problem with one error naming the file and the field, before anything renders.
import { kindProblem } from '../plan/rules.ts';
import { formerKey, RENAMED_KEYS } from '../answers/renamed.ts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddonModule } from '../../generators/addons/types.ts';
import { ADDON_BY_ID, OPTIONAL_ADDONS } from '../../generators/addons/index.ts';
import { QUESTIONS, QUESTION_BY_KEY } from '../answers/registry.ts';
import type { AnswerKind, PartialAnswers } from '../answers/types.ts';
import { getPath, setPath } from '../answers/paths.ts';
import { fieldProblem } from '../plan/answer-rules.ts';
import type { FileFormat } from '../plan/resolve.ts';
import type { Step } from '../plan/steps.ts';
import { ALLOWED_MUSTACHES } from '../render/helpers.ts';
import { UserError } from '../errors.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { parseRange, parseVersion, satisfies } from './semver.ts';
import { importModule } from './import-module.ts';

export const MANIFEST = 'eks-app-pack.json';

export class PackError extends UserError {}

export interface PackQuestion {
  key: string;
  kind: AnswerKind;
  message: string;
  hint: string;
  default?: unknown;
  choices?: string[];
  /** For strings: a regular expression the whole answer must match. */
  pattern?: string;
}

export interface PackFile {
  path: string;
  template: string;
  purpose: string;
  format: FileFormat;
}

export interface Pack {
  name: string;
  version: string;
  /** The tool versions it supports, an npm-style range. */
  engines: string;
  dir: string;
  manifestPath: string;
  /** Searched before the built-in templates/: same relative paths override, others are extra. */
  templatesDir?: string;
  files: PackFile[];
  /** README steps, after the built-in ones (e.g. applying the pack's extra manifests). */
  steps: Step[];
  questions: PackQuestion[];
  /** Answers by registry key (dot paths), taken when the user gives none. */
  defaults: Record<string, unknown>;
  /** Answers by registry key the team enforces; the user cannot change them. */
  fixed: Record<string, unknown>;
  addons: AddonModule[];
}

const KINDS: AnswerKind[] = ['string', 'integer', 'boolean', 'choice', 'list', 'map'];
const FORMATS: FileFormat[] = ['yaml', 'json', 'markdown'];
const FIELDS = ['$schema', 'name', 'version', 'description', 'engines', 'templates', 'files', 'steps', 'addons', 'questions', 'defaults', 'fixed'];
const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A problem with one pack question's answer, or undefined. */
export function packAnswerProblem(q: PackQuestion, v: unknown): string | undefined {
  const t = kindProblem(q.kind, v);
  if (t) return `${t}, got ${JSON.stringify(v)}`;
  if (q.choices && !q.choices.includes(v as string)) return `must be one of ${q.choices.join(', ')} (got ${JSON.stringify(v)})`;
  if (q.pattern && !new RegExp(`^(?:${q.pattern})$`).test(v as string)) return `${JSON.stringify(v)} does not match ${q.pattern}`;
  return undefined;
}

/** Loads and checks a pack folder. Add-on modules are imported (packs are trusted code, like any npm dependency). */
export async function loadPack(dir: string, today = new Date()): Promise<Pack> {
  const manifestPath = path.join(dir, MANIFEST);
  const fail = (field: string, msg: string): never => {
    throw new PackError(`${manifestPath}: ${field ? `${field}: ` : ''}${msg}`);
  };
  if (!existsSync(manifestPath)) fail('', `not found; a template pack is a folder or npm package with ${MANIFEST} at its root`);
  const text = readFileSync(manifestPath, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message)?.[1];
    const before = text.slice(0, Number(pos ?? 0)).split('\n');
    const at = pos === undefined ? '' : `:${before.length}:${before[before.length - 1].length + 1}`;
    throw new PackError(`${manifestPath}${at}: not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObj(raw)) return fail('', 'expected a JSON object');
  const m = raw;
  for (const k of Object.keys(m)) if (!FIELDS.includes(k)) fail(k, `unknown field; known fields are ${FIELDS.slice(1).join(', ')}`);

  if (typeof m.name !== 'string' || !/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(m.name))
    fail('name', 'required: the pack name, lowercase like an npm package name (e.g. "@acme/eks-pack")');
  if (typeof m.version !== 'string' || !parseVersion(m.version))
    fail('version', `required: a semantic version such as "1.0.0" (got ${JSON.stringify(m.version)})`);
  const engines = isObj(m.engines) ? m.engines[TOOL_NAME] : undefined;
  if (typeof engines !== 'string' || !parseRange(engines))
    fail(
      `engines.${TOOL_NAME}`,
      `required: the ${TOOL_NAME} versions the pack supports, as a semver range such as "^${TOOL_VERSION}" (got ${JSON.stringify(engines)})`,
    );
  if (!satisfies(TOOL_VERSION, engines))
    fail(
      `engines.${TOOL_NAME}`,
      `the pack supports ${TOOL_NAME} ${engines}, but this is ${TOOL_VERSION}; use a ${TOOL_NAME} in that range or a pack version made for ${TOOL_VERSION}`,
    );

  let templatesDir: string | undefined;
  if (m.templates !== undefined) {
    if (typeof m.templates !== 'string') fail('templates', 'expected the path of the templates folder, relative to the pack');
    templatesDir = path.resolve(dir, m.templates);
    if (!existsSync(templatesDir) || !statSync(templatesDir).isDirectory()) fail('templates', `${m.templates}: no such folder in the pack`);
    lintTemplates(templatesDir!);
  }

  const files: PackFile[] = [];
  if (m.files !== undefined && !Array.isArray(m.files)) fail('files', 'expected a list of {path, template, purpose, format}');
  (m.files ?? []).forEach((f: unknown, i: number) => {
    const at = `files[${i}]`;
    if (!isObj(f)) return fail(at, 'expected {path, template, purpose, format}');
    const p = f.path;
    if (
      typeof p !== 'string' ||
      p === '' ||
      path.isAbsolute(p) ||
      p.split(/[\\/]/).some((s) => s === '..' || s === '') ||
      /^\.eks-app(\.json)?(\/|$)/.test(p)
    ) {
      fail(`${at}.path`, `expected a relative output path inside the project, not under .eks-app (got ${JSON.stringify(p)})`);
    }
    if (typeof f.template !== 'string' || !templatesDir || !existsSync(path.join(templatesDir, f.template))) {
      fail(`${at}.template`, `expected a template file under the pack's templates folder (got ${JSON.stringify(f.template)})`);
    }
    if (typeof f.purpose !== 'string' || f.purpose === '') fail(`${at}.purpose`, 'expected one line saying what the file is for (it goes into the README)');
    if (!FORMATS.includes(f.format)) fail(`${at}.format`, `expected one of ${FORMATS.join(', ')} (got ${JSON.stringify(f.format)})`);
    if (files.some((x) => x.path === p)) fail(`${at}.path`, `${p} is listed twice`);
    files.push({ path: p, template: f.template, purpose: f.purpose, format: f.format });
  });

  if (m.steps !== undefined && !Array.isArray(m.steps)) fail('steps', 'expected a list of {title, why, commands}');
  const steps: Step[] = (m.steps ?? []).map((st: unknown, i: number) => {
    if (!isObj(st) || typeof st.title !== 'string' || typeof st.why !== 'string')
      return fail(`steps[${i}]`, 'expected {title, why, commands} with text in title and why');
    if (!Array.isArray(st.commands) || !st.commands.every((c: unknown) => typeof c === 'string'))
      return fail(`steps[${i}].commands`, 'expected a list of shell commands');
    return { title: st.title, why: st.why, commands: st.commands };
  });

  const questions: PackQuestion[] = [];
  if (m.questions !== undefined && !Array.isArray(m.questions)) fail('questions', 'expected a list of questions');
  (m.questions ?? []).forEach((q: unknown, i: number) => {
    const at = `questions[${i}]`;
    if (!isObj(q)) return fail(at, 'expected {key, kind, message, hint, default?}');
    if (typeof q.key !== 'string' || !/^[a-z][a-zA-Z0-9]*$/.test(q.key))
      fail(`${at}.key`, `expected a camelCase name such as "costCenter" (got ${JSON.stringify(q.key)})`);
    if (questions.some((x) => x.key === q.key)) fail(`${at}.key`, `${q.key} is asked twice`);
    if (!KINDS.includes(q.kind)) fail(`${at}.kind`, `expected one of ${KINDS.join(', ')} (got ${JSON.stringify(q.kind)})`);
    for (const k of ['message', 'hint']) if (typeof q[k] !== 'string' || q[k] === '') fail(`${at}.${k}`, 'expected text');
    if (q.kind === 'choice' && (!Array.isArray(q.choices) || q.choices.length === 0 || !q.choices.every((c: unknown) => typeof c === 'string')))
      fail(`${at}.choices`, 'a choice question needs a list of strings');
    if (q.pattern !== undefined) {
      if (typeof q.pattern !== 'string' || q.kind !== 'string') fail(`${at}.pattern`, 'only string questions take a pattern, given as a string');
      try {
        new RegExp(q.pattern);
      } catch (e) {
        fail(`${at}.pattern`, `not a regular expression: ${(e as Error).message}`);
      }
    }
    const pq: PackQuestion = { key: q.key, kind: q.kind, message: q.message, hint: q.hint, choices: q.choices, pattern: q.pattern };
    if (q.default !== undefined) {
      const problem = packAnswerProblem(pq, q.default);
      if (problem) fail(`${at}.default`, problem);
      pq.default = q.default;
    }
    questions.push(pq);
  });

  const addons: AddonModule[] = [];
  if (m.addons !== undefined && !Array.isArray(m.addons)) fail('addons', 'expected a list of module paths (.js or .mjs)');
  for (const [i, rel] of (m.addons ?? []).entries()) {
    const at = `addons[${i}]`;
    if (typeof rel !== 'string') fail(at, 'expected a module path relative to the pack');
    if (/\.[cm]?tsx?$/.test(rel)) fail(at, `${rel}: TypeScript cannot be loaded at run time; compile it to .mjs`);
    if (!/\.[cm]?js$/.test(rel)) fail(at, `${rel}: expected a .js or .mjs module`);
    const file = path.resolve(dir, rel);
    if (!existsSync(file)) fail(at, `${rel}: no such file in the pack`);
    let mod: Record<string, unknown>;
    try {
      mod = await importModule(pathToFileURL(file).href);
    } catch (e) {
      return fail(at, `${rel} does not load: ${(e as Error).message.split('\n')[0]}`);
    }
    const found = Object.values(mod)
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v) => isObj(v) && 'id' in v && 'install' in v);
    if (found.length === 0) fail(at, `${rel} exports no add-on module (objects with id, title, install, ...)`);
    for (const a of found) addons.push(checkAddon(a, `${at} (${rel})`, fail, addons));
  }

  const answersField = (field: 'defaults' | 'fixed'): Record<string, unknown> => {
    const v = m[field];
    if (v === undefined) return {};
    if (!isObj(v)) return fail(field, 'expected a map of answers, as in an answers file');
    const out: Record<string, unknown> = {};
    const known = new Set(addons.map((a) => a.id).concat(OPTIONAL_ADDONS.map((a) => a.id)));
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [k, value] of Object.entries(node)) {
        // A pack written for 0.1.0 may use an answer key from before answers were nested.
        const key = prefix ? `${prefix}.${k}` : (RENAMED_KEYS[k] ?? k);
        const q = QUESTION_BY_KEY.get(key) ?? addons.flatMap((a) => a.questions).find((x) => x.key === key);
        if (!q && isObj(value) && (key === 'addon' || key.startsWith('addon.') || QUESTIONS.some((x) => x.key.startsWith(`${key}.`)))) {
          walk(value, key);
          continue;
        }
        if (!q) return fail(`${field}.${key}`, 'unknown answer key; use the keys of an answers file (see --help)');
        const problem =
          kindProblem(q.kind, value) ??
          (key === 'addons'
            ? (value as string[]).filter((id) => !known.has(id)).map((id) => `${JSON.stringify(id)} is not an add-on`)[0]
            : fieldProblem(key, value, {}, today));
        if (problem) return fail(`${field}.${key}`, problem);
        if (key in out) return fail(`${field}.${key}`, `given twice (as ${formerKey(key)} and as ${key}); keep one`);
        out[key] = value;
      }
    };
    walk(v, '');
    return out;
  };
  const defaults = answersField('defaults');
  const fixed = answersField('fixed');
  for (const k of Object.keys(fixed)) if (k in defaults) fail(`defaults.${k}`, 'also fixed; a fixed answer needs no default');

  return { name: m.name, version: m.version, engines, dir, manifestPath, templatesDir, files, steps, questions, defaults, fixed, addons };
}

function checkAddon(a: Record<string, any>, at: string, fail: (f: string, m: string) => never, seen: AddonModule[]): AddonModule {
  if (typeof a.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(a.id)) fail(`${at}.id`, `expected a lowercase add-on id (got ${JSON.stringify(a.id)})`);
  if (ADDON_BY_ID.has(a.id) || seen.some((s) => s.id === a.id)) fail(`${at}.id`, `add-on ${a.id} already exists; give the pack's add-on its own id`);
  for (const k of ['title', 'description']) if (typeof a[k] !== 'string') fail(`${at}.${k}`, 'expected text');
  for (const k of ['install']) if (typeof a[k] !== 'function') fail(`${at}.${k}`, 'expected a function');
  for (const k of ['when', 'roles', 'actions', 'steps', 'app']) if (a[k] !== undefined && typeof a[k] !== 'function') fail(`${at}.${k}`, 'expected a function');
  for (const k of ['dependsOn', 'conflictsWith'])
    if (a[k] !== undefined && !(Array.isArray(a[k]) && a[k].every((x: unknown) => typeof x === 'string'))) fail(`${at}.${k}`, 'expected a list of add-on ids');
  const questions = a.questions ?? [];
  if (!Array.isArray(questions)) fail(`${at}.questions`, 'expected a list of questions');
  const camel = a.id.replace(/-([a-z0-9])/g, (_: string, c: string) => c.toUpperCase());
  questions.forEach((q: any, i: number) => {
    if (!isObj(q) || typeof q.key !== 'string' || !q.key.startsWith(`addon.${camel}.`))
      fail(`${at}.questions[${i}].key`, `expected a key under addon.${camel}.`);
    if (!KINDS.includes(q.kind)) fail(`${at}.questions[${i}].kind`, `expected one of ${KINDS.join(', ')}`);
    if (typeof a.defaults?.[q.key] !== 'function') fail(`${at}.defaults`, `needs a default function for ${q.key}`);
  });
  return {
    dependsOn: [],
    conflictsWith: [],
    when: () => true,
    ...a,
    questions: questions.map((q: any) => ({ group: 'addons', prompted: false, message: q.key, hint: '', ...q })),
  } as unknown as AddonModule;
}

/** Template files may hold only escaping helpers, if/each and partials, like the built-in ones. */
function lintTemplates(root: string): void {
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.hbs')) continue;
    const file = path.join(e.parentPath ?? (e as any).path, e.name);
    const text = readFileSync(file, 'utf8');
    const bad = [...text.matchAll(/\{\{\{?~?\s*([^\s}]+)/g)].find(
      (x) => x[0].startsWith('{{{') || (!x[1].startsWith('!') && !ALLOWED_MUSTACHES.includes(x[1])),
    );
    if (bad) {
      const line = text.slice(0, bad.index).split('\n').length;
      throw new PackError(
        `${file}:${line}: {{${bad[1]} ...}} is not allowed in a template; write values through the escaping helpers (yaml, json, md, sh, code) and use only #if, #unless, #each and partials`,
      );
    }
  }
}

/** Answers with the pack's fixed answers in force. A given answer that contradicts one is an error (create) or replaced with a note (update). */
export function applyFixed(given: PartialAnswers, pack: Pack, onConflict: 'error' | 'replace'): { answers: PartialAnswers; notes: string[] } {
  const answers: PartialAnswers = structuredClone(given);
  const notes: string[] = [];
  for (const [key, value] of Object.entries(pack.fixed)) {
    const current = getPath(answers, key);
    // Maps (tags) are fixed entry by entry: the team's entries are enforced, the user may add others.
    const map = isObj(value) && isObj(current);
    const merged = map ? { ...current, ...value } : value;
    const clash = map
      ? Object.entries(value).some(([k, v]) => current[k] !== undefined && current[k] !== v)
      : current !== undefined && JSON.stringify(current) !== JSON.stringify(value);
    if (clash) {
      const msg = `${key}: fixed to ${JSON.stringify(value)} by template pack ${pack.name} ${pack.version} (${MANIFEST} fixed.${key})`;
      if (onConflict === 'error') throw new PackError(`${msg}; drop the answer you gave (${JSON.stringify(current)})`);
      notes.push(`${msg}; was ${JSON.stringify(current)}`);
    }
    setPath(answers, key, merged);
  }
  return { answers, notes };
}

/** Fills answers still missing with the pack's defaults. */
export function applyPackDefaults(given: PartialAnswers, pack: Pack): PartialAnswers {
  const out: PartialAnswers = structuredClone(given);
  for (const [key, value] of Object.entries(pack.defaults)) if (getPath(out, key) === undefined) setPath(out, key, structuredClone(value));
  return out;
}
