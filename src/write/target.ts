// The target folder is written in one step: render into a sibling staging folder, then swap it in.
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { criticalSection, onInterrupt } from './interrupt.ts';
import { UserError } from '../errors.ts';

export class TargetError extends UserError {}

export type TargetState = 'missing' | 'empty' | 'non-empty';

export function inspectTarget(target: string): TargetState {
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return 'missing';
  }
  if (st.isSymbolicLink()) throw new TargetError(`target: ${target} is a symbolic link; give a real folder`);
  if (!st.isDirectory()) throw new TargetError(`target: ${target} is a file, not a folder; choose another path`);
  return readdirSync(target).length === 0 ? 'empty' : 'non-empty';
}

export function assertWritableTarget(target: string, overwrite: boolean): TargetState {
  const state = inspectTarget(target);
  if (state === 'non-empty' && !overwrite) {
    throw new TargetError(`target: ${target} is not empty; choose a new folder, or pass --overwrite to replace the generated files (other files are kept)`);
  }
  return state;
}

export interface Staging {
  dir: string;
  dispose(): void;
}

/** A staging folder beside the target, so the final rename stays on one filesystem. */
export async function createStaging(target: string): Promise<Staging> {
  const parent = path.dirname(path.resolve(target));
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, `.${path.basename(target)}.eks-app-staging-`));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const unregister = onInterrupt(dispose);
  return { dir, dispose: () => { unregister(); dispose(); } };
}

/** Moves the staged project into place. With an existing folder, its other files are carried over first. */
export async function commitStaging(staging: Staging, target: string, generated: string[], beforeSwap?: () => Promise<void>): Promise<void> {
  const state = inspectTarget(target);
  const abs = path.resolve(target);
  if (state === 'non-empty') {
    const ours = new Set(generated.map((p) => path.normalize(p)));
    // Keep every file of the user's that we do not generate.
    await cp(abs, staging.dir, {
      recursive: true,
      force: false,
      errorOnExist: false,
      verbatimSymlinks: true,
      filter: (src) => !ours.has(path.relative(abs, src)),
    });
  }
  await criticalSection(async () => {
    await beforeSwap?.();
    if (state === 'missing') {
      await rename(staging.dir, abs);
    } else if (state === 'empty') {
      await rmdir(abs);
      await rename(staging.dir, abs);
    } else {
      const old = `${staging.dir}-previous`;
      await rename(abs, old);
      await rename(staging.dir, abs);
      await rm(old, { recursive: true, force: true });
    }
  });
  if (existsSync(staging.dir)) staging.dispose();
}
