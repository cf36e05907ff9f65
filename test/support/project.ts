// Renders answers straight through resolve() and the plop renderer, as node-plop's own tests do.
import { mkdtempSync, rmSync } from 'node:fs';
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

export function tempDir(prefix = 'eks-app-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
