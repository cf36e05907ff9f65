// Writing into an existing project. Everything is staged beside the project first (src/write's
// staging folder, removed on Ctrl-C); then each file is renamed into place inside one critical
// section, so a signal waits until the set is complete. The project folder itself is never swapped:
// a shell sitting in it, and its .git, stay as they are.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { criticalSection } from '../write/interrupt.ts';
import { createStagingIn, writeFiles } from '../write/target.ts';
import { BASE_DIR, BASE_SUFFIX, META_DIR } from './layout.ts';

export interface Change {
  path: string;
  /** New content; undefined deletes the file. */
  content?: string;
}

/** Test seams: called once everything is staged, and inside the critical section after the first rename. */
export interface CommitHooks {
  staged?(): void | Promise<void>;
  committing?(): void | Promise<void>;
}

/** The base snapshot, written under `root`/`sub` (.eks-app/base in a project). */
export function writeSnapshot(root: string, base: Map<string, string>, sub = BASE_DIR): void {
  writeFiles(path.join(root, sub), [...base].map(([p, content]) => ({ path: p + BASE_SUFFIX, content })));
}

export async function commitChanges(dir: string, changes: Change[], base: Map<string, string> | undefined, hooks: CommitHooks = {}): Promise<void> {
  // Staged inside the project, which is writable whenever the project is (its parent may not be).
  const staging = await createStagingIn(path.join(dir, META_DIR), 'staging-');
  try {
    const put = async (rel: string, content: string) => {
      await mkdir(path.dirname(path.join(staging.dir, rel)), { recursive: true });
      await writeFile(path.join(staging.dir, rel), content);
    };
    for (const c of changes) if (c.content !== undefined) await put(path.join('files', c.path), c.content);
    if (base) writeSnapshot(staging.dir, base, 'base');
    await hooks.staged?.();
    await criticalSection(async () => {
      let first = true;
      for (const c of changes) {
        const target = path.join(dir, c.path);
        if (c.content === undefined) await rm(target, { force: true });
        else {
          await mkdir(path.dirname(target), { recursive: true });
          await rename(path.join(staging.dir, 'files', c.path), target);
        }
        if (first) await hooks.committing?.();
        first = false;
      }
      if (base) {
        await mkdir(path.join(dir, META_DIR), { recursive: true });
        await rename(path.join(dir, BASE_DIR), path.join(staging.dir, 'old-base')).catch(() => {});
        await rename(path.join(staging.dir, 'base'), path.join(dir, BASE_DIR));
      }
    });
  } finally {
    staging.dispose();
  }
}
