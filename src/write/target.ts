// The target folder is written in one step: render into a sibling staging folder, then swap it in.
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename } from 'node:fs/promises';
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

/** A staging folder inside an existing folder (an update stages in the project's own .eks-app/). */
export async function createStagingIn(parent: string, prefix: string): Promise<Staging> {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, prefix));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const unregister = onInterrupt(dispose);
  return { dir, dispose: () => { unregister(); dispose(); } };
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

/** Writes rendered files under a folder (a staging folder: nothing else is in it). Small files, so synchronous writes: no thread-pool round trip per file. */
export function writeFiles(root: string, files: { path: string; content: string }[]): void {
  for (const d of new Set(files.map((f) => path.dirname(path.join(root, f.path))))) mkdirSync(d, { recursive: true });
  for (const f of files) writeFileSync(path.join(root, f.path), f.content);
}

/** Files under a folder, relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.relative(root, path.join(e.parentPath ?? (e as any).path, e.name)));
}

/**
 * Moves the staged project into place and returns the paths of the user's files it replaced.
 * A new folder is one rename. Into an existing folder the files move one by one: the folder itself
 * is never swapped, so a shell inside it, its permissions and the user's other files stay as they were.
 */
export async function commitStaging(staging: Staging, target: string, _generated: string[], beforeSwap?: () => Promise<void>): Promise<string[]> {
  const state = inspectTarget(target);
  const abs = path.resolve(target);
  const replaced: string[] = [];
  // mkdtemp makes the staging folder private (0700); the project should get the usual permissions.
  await chmod(staging.dir, 0o777 & ~process.umask());
  const files = state === 'missing' ? [] : await filesUnder(staging.dir);
  await criticalSection(async () => {
    await beforeSwap?.();
    if (state === 'missing') {
      await rename(staging.dir, abs);
      return;
    }
    for (const rel of files) {
      const dest = path.join(abs, rel);
      await mkdir(path.dirname(dest), { recursive: true });
      if (existsSync(dest)) replaced.push(rel.split(path.sep).join('/'));
      await rename(path.join(staging.dir, rel), dest);
    }
  });
  if (existsSync(staging.dir)) staging.dispose();
  return replaced;
}
