// Renders answers straight through resolve() and the plop renderer, as node-plop's own tests do.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PartialAnswers } from '../../src/answers/types.ts';
import { resolve, type Plan } from '../../src/plan/resolve.ts';
import { renderPlan } from '../../src/render/render.ts';

export const TODAY = new Date('2026-11-28T12:00:00Z');

export interface Rendered {
  plan: Plan;
  files: Map<string, string>;
}

export async function renderAnswers(answers: PartialAnswers, today = TODAY): Promise<Rendered> {
  const plan = resolve(answers, today);
  const rendered = await renderPlan(plan);
  return { plan, files: new Map(rendered.map((f) => [f.path, f.content])) };
}

const made: string[] = [];
// A run leaves no folders behind: thousands of them in the temporary folder slow every later run there.
process.on('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'eks-app-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The project validator's errors on a rendered project, one line each: "rule file path: message". */
export async function validatorErrors(r: Rendered): Promise<string[]> {
  const { validateFiles } = await import('../../src/validate/index.ts');
  const { validationOptions } = await import('../../src/plan/validate-options.ts');
  return validateFiles(
    [...r.files].filter(([p]) => p !== '.eks-app.json').map(([path, content]) => ({ path, content })),
    validationOptions(r.plan),
  )
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.file} ${f.path}: ${f.message}`);
}

/** Every file under a folder with its content (links and folders marked), for before/after comparisons. */
export function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name),
        rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = '<link>';
      else if (e.isDirectory()) {
        out[`${rel}/`] = '<dir>';
        walk(p);
      } else out[rel] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
