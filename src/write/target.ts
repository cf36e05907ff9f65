// The target folder is written in one step: render into a sibling staging folder, then swap it in.
// node:fs only: node:fs/promises loads a dozen more of Node's modules, and these calls are local
// and quick, with nothing else to run meanwhile.
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { criticalSection, onInterrupt, signalCheckpoint } from './interrupt.ts';
import { acquireLock, alive } from './lock.ts';
import { applyMoves } from './transaction.ts';
import { TargetError } from '../errors.ts';

export { TargetError };

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

const STAGING_MARK = '.eks-app-staging-';

/** Staging folders a killed run left behind (their process is gone), removed before a new one is made. */
export function removeStaleStaging(parent: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(n.slice(prefix.length))?.[1]);
    if (!alive(pid)) rmSync(path.join(parent, n), { recursive: true, force: true });
  }
}

async function staging(parent: string, prefix: string): Promise<Staging> {
  removeStaleStaging(parent, prefix);
  // The pid in the name lets a later run tell a leftover of a killed run from a live one.
  const dir = mkdtempSync(path.join(parent, `${prefix}${process.pid}-`));
  // After a commit the folder has moved into place: nothing to remove (and rmSync would load its remover).
  const dispose = () => existsSync(dir) && rmSync(dir, { recursive: true, force: true });
  const unregister = onInterrupt(dispose);
  return {
    dir,
    dispose: () => {
      unregister();
      dispose();
    },
  };
}

/** A staging folder inside an existing folder (an update stages in the project's own .eks-app/). */
export async function createStagingIn(parent: string, prefix: string): Promise<Staging> {
  mkdirSync(parent, { recursive: true });
  return staging(parent, prefix);
}

/** A staging folder beside the target, so the final rename stays on one filesystem. */
export async function createStaging(target: string): Promise<Staging> {
  const parent = path.dirname(path.resolve(target));
  mkdirSync(parent, { recursive: true });
  return staging(parent, `.${path.basename(target)}${STAGING_MARK}`);
}

export interface OpenTarget {
  staging: Staging;
  /** Removes the staging folder and the lock; after a failure, also the parent folders this run made. */
  finish(ok: boolean): void;
}

/**
 * Makes the target's parent, takes the lock beside the target, checks the target again under the
 * lock (another run may have written it meanwhile) and stages beside it.
 */
export async function openTarget(target: string, overwrite: boolean): Promise<OpenTarget> {
  await signalCheckpoint();
  const abs = path.resolve(target);
  const parent = path.dirname(abs);
  let made: string | undefined;
  try {
    made = mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw whyNotMade(parent, e);
  }
  const undoParents = () => {
    if (made) removeEmptyChain(parent, made);
  };
  // Registered first, so a signal runs it last (cleanups unwind newest first): after the staging folder and the lock.
  const unregister = onInterrupt(undoParents);
  let release = () => {};
  try {
    release = acquireLock(abs);
    assertWritableTarget(abs, overwrite);
    const s = await createStaging(abs);
    return {
      staging: s,
      finish(ok) {
        s.dispose();
        release();
        unregister();
        if (!ok) undoParents();
      },
    };
  } catch (e) {
    release();
    unregister();
    undoParents();
    throw e;
  }
}

/**
 * A recursive mkdir can report ENOENT where the real reason is that the nearest existing folder is
 * read-only or not writable; find that reason, so the message says it.
 */
function whyNotMade(dir: string, e: unknown): unknown {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return e;
  let d = dir;
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  try {
    accessSync(d, constants.W_OK);
  } catch (denied) {
    return denied;
  }
  try {
    // access() says yes on a read-only mount for root; a real attempt tells.
    rmdirSync(mkdtempSync(path.join(d, '.eks-app-probe-')));
  } catch (probe) {
    return probe;
  }
  return e;
}

/** Removes `dir` and its parents up to `top`, each only if empty. */
function removeEmptyChain(dir: string, top: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || path.dirname(d) === d) return;
  }
}

/** Writes rendered files under a folder (a staging folder: nothing else is in it). Small files, so synchronous writes: no thread-pool round trip per file. */
export function writeFiles(root: string, files: { path: string; content: string }[]): void {
  for (const d of new Set(files.map((f) => path.dirname(path.join(root, f.path))))) mkdirSync(d, { recursive: true });
  for (const f of files) writeFileSync(path.join(root, f.path), f.content);
}

/** Files under a folder, relative to it, with forward slashes. */
function filesUnder(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) =>
      path
        .relative(root, path.join(e.parentPath ?? (e as any).path, e.name))
        .split(path.sep)
        .join('/'),
    );
}

const ASIDE = '.eks-app-aside';

/**
 * Moves the staged project into place and returns the paths of the user's files it replaced.
 * A new folder is one rename. Into an existing folder the files move as one transaction
 * (src/write/transaction.ts): the folder itself is never swapped, so a shell inside it, its
 * permissions and the user's other files stay as they were, and a failure puts everything back.
 */
export async function commitStaging(staging: Staging, target: string, beforeSwap?: () => Promise<void>): Promise<string[]> {
  const state = inspectTarget(target);
  const abs = path.resolve(target);
  // mkdtemp makes the staging folder private (0700); the project should get the usual permissions.
  chmodSync(staging.dir, 0o777 & ~process.umask());
  const files = state === 'missing' ? [] : filesUnder(staging.dir);
  let replaced: string[] = [];
  await signalCheckpoint();
  await criticalSection(async () => {
    await beforeSwap?.();
    if (state === 'missing') renameSync(staging.dir, abs);
    else
      replaced = applyMoves(
        abs,
        files.map((rel) => ({ rel, from: path.join(staging.dir, rel) })),
        path.join(staging.dir, ASIDE),
      );
    // A signal that came during the move is seen here, held, and acted on once the section ends.
    await signalCheckpoint();
  });
  if (existsSync(staging.dir)) staging.dispose();
  return replaced;
}
