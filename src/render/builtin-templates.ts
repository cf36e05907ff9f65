// The built-in templates by their path under templates/ ("base/README.md.hbs", "partials/eksctl/vpc.hbs").
// From source they are read from disk; the bundle replaces this module with their precompiled form
// (scripts/build.mjs), so a run never parses a built-in template.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinTemplatesRoot } from './templates-root.ts';

/** A template's source text, or Handlebars' precompiled specification of it. */
export type TemplateCode = { text: string } | { spec: object };

let cache: Map<string, TemplateCode> | undefined;

export function builtinTemplates(): Map<string, TemplateCode> {
  if (cache) return cache;
  const root = builtinTemplatesRoot();
  cache = new Map();
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.hbs')) continue;
    const file = path.join(e.parentPath ?? (e as any).path, e.name);
    cache.set(path.relative(root, file).split(path.sep).join('/'), { text: readFileSync(file, 'utf8') });
  }
  return cache;
}
