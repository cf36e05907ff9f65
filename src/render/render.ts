// Rendering through node-plop: the plan's file list becomes plop "add" actions, run into a
// staging folder. Each rendered file is parsed back before anything reaches the target.
// Templates resolve through layers (a template pack's folder first, then the built-in templates/),
// so a pack overrides a template or partial by giving the same relative path.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import nodePlop from 'node-plop';
import { UserError } from '../errors.ts';
import { parseAllDocuments } from 'yaml';
import type { Plan, PlannedFile } from '../plan/resolve.ts';
import { TOOL_NAME } from '../version.ts';
import { TEMPLATE_HELPERS } from './helpers.ts';
import { builtinTemplatesRoot } from './templates-root.ts';

export interface RenderedFile {
  path: string;
  purpose: string;
  content: string;
}

/** A template that fails to render or parse back: a pack's template, or a bug in ours. Shown as one line. */
export class RenderError extends UserError {}

/** What .eks-app.json records: enough to re-render the project later. */
export function savedAnswers(plan: Plan) {
  return { tool: { name: TOOL_NAME, version: plan.toolVersion }, answers: plan.answers };
}

export interface RenderExtras {
  /** More top-level template data (e.g. `pack`). */
  view?: Record<string, unknown>;
  /** More fields for .eks-app.json (e.g. the pack and services). */
  saved?: Record<string, unknown>;
}

/** `templates` is the built-in root, or layers searched in order (a pack's folder, then the built-in root). */
export async function renderPlan(plan: Plan, stagingDir: string, templates: string | string[] = builtinTemplatesRoot(), extras: RenderExtras = {}): Promise<RenderedFile[]> {
  const layers = Array.isArray(templates) ? templates : [templates];
  const plop = await nodePlop('', { destBasePath: stagingDir, force: false });
  plop.setPlopfilePath(layers[layers.length - 1]);
  for (const [name, fn] of Object.entries(TEMPLATE_HELPERS)) plop.setHelper(name, fn as any);
  // Compiled once here: plop registers partials again for every file, and a string would be recompiled each time.
  const hbs = (plop as unknown as { handlebars: { compile(t: string): unknown } }).handlebars;
  for (const layer of [...layers].reverse()) for (const [name, text] of await loadPartials(layer)) plop.setPartial(name, hbs.compile(text) as string);
  const templateFile = (f: PlannedFile) => {
    const found = layers.map((l) => path.join(l, f.template)).find((p) => existsSync(p));
    if (!found) throw new RenderError(`${f.path}: template ${f.template} not found in ${layers.join(' or ')}`);
    return found;
  };
  const view: Record<string, unknown> = { ...plan, ...extras.view, saved: { ...savedAnswers(plan), ...extras.saved } };
  // plop only adds action data the view lacks; a file whose data replaces view keys (another
  // workload's `app`) renders in a run of its own over a view with those keys replaced.
  const overrides = (f: PlannedFile) => Object.keys(f.data ?? {}).some((k) => k in view);
  const runs: { view: Record<string, unknown>; files: PlannedFile[] }[] = [{ view, files: plan.files.filter((f) => !overrides(f)) }];
  for (const f of plan.files.filter(overrides)) runs.push({ view: { ...view, ...f.data }, files: [f] });
  for (const [i, run] of runs.entries()) {
    const generator = plop.setGenerator(`project-${i}`, {
      description: 'EKS project',
      prompts: [],
      actions: run.files.map((f) => ({ type: 'add', path: f.path, templateFile: templateFile(f), data: { ...f.data }, abortOnFail: true })),
    });
    const { failures } = await generator.runActions(run.view);
    if (failures.length > 0) {
      const f = failures[0] as { path?: string; error?: string };
      throw new RenderError(`rendering ${f.path || 'a template'} failed: ${String(f.error ?? 'unknown error').split('\n')[0]}`);
    }
  }
  const out: RenderedFile[] = [];
  for (const f of plan.files) {
    const content = await readFile(path.join(stagingDir, f.path), 'utf8');
    parseBack(f, content);
    out.push({ path: f.path, purpose: f.purpose, content });
  }
  return out;
}

/** Every templates/partials/<path>.hbs becomes the partial "<path>", e.g. {{> eksctl/vpc}}. */
async function loadPartials(templatesRoot: string): Promise<[string, string][]> {
  const root = path.join(templatesRoot, 'partials');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.hbs')).map((e) => path.join(e.parentPath ?? (e as any).path, e.name));
  return Promise.all(files.map(async (f) => [path.relative(root, f).replace(/\\/g, '/').replace(/\.hbs$/, ''), await readFile(f, 'utf8')] as [string, string]));
}

/** A rendered file that does not parse is a bug in a template; stop before it is written. */
export function parseBack(f: Pick<PlannedFile, 'path' | 'format'>, content: string): void {
  try {
    if (f.format === 'json') JSON.parse(content);
    else if (f.format === 'yaml') {
      for (const doc of parseAllDocuments(content, { uniqueKeys: true })) {
        const err = doc.errors[0];
        if (err) throw new Error(err.message);
      }
    }
  } catch (e) {
    throw new RenderError(`${f.path} does not parse back: ${(e as Error).message.split('\n')[0]}`);
  }
}
