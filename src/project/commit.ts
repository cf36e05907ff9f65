// Writing into an existing project. Everything is staged beside the project first (src/write's
// staging folder, removed on Ctrl-C); then each file is renamed into place inside one critical
// section, so a signal waits until the set is complete. The project folder itself is never swapped:
// a shell sitting in it, and its .git, stay as they are.
import path from 'node:path';
import { criticalSection, signalCheckpoint } from '../write/interrupt.ts';
import { acquireLock } from '../write/lock.ts';
import { applyMoves, type Move } from '../write/transaction.ts';
import { createStagingIn, writeFiles } from '../write/target.ts';
import { BASE_DIR, BASE_SUFFIX, META_DIR } from './layout.ts';

export interface Change {
  path: string;
  /** New content; undefined deletes the file. */
  content?: string;
}

/** Test seams: called once everything is staged, and inside the critical section before the first rename. */
export interface CommitHooks {
  staged?(): void | Promise<void>;
  committing?(): void | Promise<void>;
}

/** The base snapshot, written under `root`/`sub` (.eks-app/base in a project). */
export function writeSnapshot(root: string, base: Map<string, string>, sub = BASE_DIR): void {
  writeFiles(
    path.join(root, sub),
    [...base].map(([p, content]) => ({ path: p + BASE_SUFFIX, content })),
  );
}

/** The project's lock: beside it, as create takes it, or inside .eks-app/ when its parent is read-only. */
function lockProject(dir: string): () => void {
  try {
    return acquireLock(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw e;
    return acquireLock(dir, path.join(dir, META_DIR));
  }
}

export async function commitChanges(dir: string, changes: Change[], base: Map<string, string> | undefined, hooks: CommitHooks = {}): Promise<void> {
  const release = lockProject(dir);
  // Staged inside the project, which is writable whenever the project is (its parent may not be).
  let staging;
  try {
    staging = await createStagingIn(path.join(dir, META_DIR), 'staging-');
  } catch (e) {
    release();
    throw e;
  }
  try {
    writeFiles(
      path.join(staging.dir, 'files'),
      changes.flatMap((c) => (c.content === undefined ? [] : [{ path: c.path, content: c.content }])),
    );
    if (base) writeSnapshot(staging.dir, base, 'base');
    await hooks.staged?.();
    const moves: Move[] = changes.map((c) => ({ rel: c.path, from: c.content === undefined ? undefined : path.join(staging.dir, 'files', c.path) }));
    if (base) moves.push({ rel: BASE_DIR.split(path.sep).join('/'), from: path.join(staging.dir, 'base'), dir: true });
    await signalCheckpoint();
    await criticalSection(async () => {
      await hooks.committing?.();
      applyMoves(dir, moves, path.join(staging.dir, 'aside'));
      // A signal that came during the move is seen here, held, and acted on once the section ends.
      await signalCheckpoint();
    });
  } finally {
    staging.dispose();
    release();
  }
}
