// Template lookup in layers: a template pack's folder first, then the built-in templates. Each layer
// maps a path under templates/ to its code; a pack overrides a template or partial by giving the
// same relative path. All layers share one Handlebars runtime environment per set.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars/runtime.js';
import { builtinTemplates, type TemplateCode } from './builtin-templates.ts';
import { TEMPLATE_HELPERS } from './helpers.ts';

export type TemplateFn = (view: unknown) => string;

/** A layer of templates: its name (for messages) and its files by relative path. */
export interface TemplateLayer {
  name: string;
  files: Map<string, TemplateCode>;
}

export function builtinLayer(): TemplateLayer {
  return { name: 'create-eks-app templates', files: builtinTemplates() };
}

/** A template pack's folder, read once. */
export function folderLayer(dir: string): TemplateLayer {
  const files = new Map<string, TemplateCode>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.hbs')) continue;
    const file = path.join(e.parentPath ?? (e as any).path, e.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), { text: readFileSync(file, 'utf8') });
  }
  return { name: dir, files };
}

export interface TemplateSet {
  /** The template at a path, from the first layer that has it. */
  get(rel: string): TemplateFn | undefined;
  layerNames: string[];
}

const PARTIALS = 'partials/';

/**
 * The escaping helpers, and every partials/<name>.hbs as the partial "<name>" (the first layer's
 * wins). Templates are bound on first use and kept. Text is compiled with Handlebars' compiler,
 * loaded only when some layer has text.
 */
export async function templateSet(layers: TemplateLayer[]): Promise<TemplateSet> {
  const hasText = layers.some((l) => [...l.files.values()].some((c) => 'text' in c));
  const precompile = hasText ? (await import('./compile.ts')).precompileText : undefined;
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(TEMPLATE_HELPERS)) env.registerHelper(name, fn as never);
  const bind = (code: TemplateCode): TemplateFn => env.template(('spec' in code ? code.spec : precompile!(code.text)) as never) as TemplateFn;
  const find = (rel: string) => layers.find((l) => l.files.has(rel))?.files.get(rel);
  const partialNames = new Set(layers.flatMap((l) => [...l.files.keys()].filter((k) => k.startsWith(PARTIALS))));
  for (const rel of partialNames) env.registerPartial(rel.slice(PARTIALS.length).replace(/\.hbs$/, ''), bind(find(rel)!) as never);
  const bound = new Map<string, TemplateFn>();
  return {
    layerNames: layers.map((l) => l.name),
    get(rel) {
      let fn = bound.get(rel);
      if (!fn) {
        const code = find(rel);
        if (!code) return undefined;
        fn = bind(code);
        bound.set(rel, fn);
      }
      return fn;
    },
  };
}
