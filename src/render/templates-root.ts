import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** templates/ sits at the package root, both beside dist/ (bundled) and beside src/ (tests). */
export function builtinTemplatesRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, 'base'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('create-eks-app: templates/ folder not found next to the package');
    dir = parent;
  }
}

/** Where templates are looked up, first match wins: a template pack's folder, then the built-in one. */
export function templateLayers(packTemplates?: string): string[] {
  return packTemplates ? [packTemplates, builtinTemplatesRoot()] : [builtinTemplatesRoot()];
}
