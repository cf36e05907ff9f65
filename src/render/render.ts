// Rendering through node-plop: the plan's file list is a generator whose actions(data) is a pure
// function of the plan, and the "render" action type writes each file into memory. Nothing touches
// the disk here; the checks (src/project/render.ts) parse every file back before anything is written.
import nodePlop from 'node-plop';
import { parseYaml } from '../validate/yaml.ts';
import { UserError } from '../errors.ts';
import type { Plan, PlannedFile } from '../plan/resolve.ts';
import { serviceAnswersOf } from '../domains/service.ts';
import { TOOL_NAME } from '../version.ts';
import { builtinLayer, templateSet, type TemplateSet } from './templates.ts';

export interface RenderedFile {
  path: string;
  purpose: string;
  content: string;
}

/** A template that fails to render or parse back: a pack's template, or a bug in ours. Shown as one line. */
export class RenderError extends UserError {}

/** What .eks-app.json records: enough to re-render the project later. */
export function savedAnswers(plan: Plan) {
  // A service project records its own answers only; the cluster's are not its to keep.
  return { tool: { name: TOOL_NAME, version: plan.toolVersion }, answers: plan.service ? serviceAnswersOf(plan.answers) : plan.answers };
}

export interface RenderExtras {
  /** More top-level template data (e.g. `pack`). */
  view?: Record<string, unknown>;
  /** More fields for .eks-app.json (e.g. the pack and services). */
  saved?: Record<string, unknown>;
}

interface RenderAction {
  type: 'render';
  path: string;
  file: PlannedFile;
  abortOnFail: true;
}

/** The generator's actions: one render per planned file, in the plan's order. */
export function renderActions(files: PlannedFile[]): RenderAction[] {
  return files.map((file) => ({ type: 'render', path: file.path, file, abortOnFail: true }));
}

let defaultSet: Promise<TemplateSet> | undefined;

/** Renders every planned file in memory, in plan order, each parsed back. */
export async function renderPlan(plan: Plan, templates?: TemplateSet, extras: RenderExtras = {}): Promise<RenderedFile[]> {
  const set = templates ?? (await (defaultSet ??= templateSet([builtinLayer()])));
  const view: Record<string, unknown> = { ...plan, ...extras.view, saved: { ...savedAnswers(plan), ...extras.saved } };
  const out = new Map<string, string>();
  const plop = await nodePlop('', { force: false, destBasePath: '' });
  plop.setActionType('render', (_data, cfg) => {
    const { file } = cfg as unknown as RenderAction;
    const fn = set.get(file.template);
    if (!fn) throw new Error(`${file.path}: template ${file.template} not found in ${set.layerNames.join(' or ')}`);
    try {
      // A file's own data (another workload's `app`) replaces the plan's keys for that file only.
      out.set(file.path, fn(file.data ? { ...view, ...file.data } : view));
    } catch (e) {
      throw new Error(`${file.path}: ${(e as Error).message}`);
    }
    return file.path;
  });
  const generator = plop.setGenerator('project', { description: 'EKS project', prompts: [], actions: () => renderActions(plan.files) as never });
  const { failures } = await generator.runActions({});
  if (failures.length > 0) {
    const f = failures[0] as { path?: string; error?: string };
    throw new RenderError(`rendering failed: ${String(f.error ?? 'unknown error').split('\n')[0]}`);
  }
  return plan.files.map((f) => ({ path: f.path, purpose: f.purpose, content: out.get(f.path)! }));
}

/** A rendered file that does not parse is a bug in a template: the checks stop it before it is written. */
export function parseBack(f: Pick<PlannedFile, 'path' | 'format'>, content: string): void {
  try {
    if (f.format === 'json') JSON.parse(content);
    else if (f.format === 'yaml') {
      const { problem } = parseYaml(content);
      if (problem) throw new Error(`${problem.message}${problem.line ? ` (line ${problem.line})` : ''}`);
    }
  } catch (e) {
    throw new RenderError(`${f.path} does not parse back: ${(e as Error).message.split('\n')[0]}`);
  }
}
