// Files move into an existing folder as one transaction: every destination is checked first, each
// file the move replaces is kept aside, and any failure puts everything back. So a run either
// completes, or leaves the folder as it was and says so truthfully.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { TargetError } from '../errors.ts';

/** A staged file to put at `rel` under the target, or (from undefined) a file to remove; `dir` for a whole folder. */
export interface Move {
  rel: string;
  from?: string;
  dir?: boolean;
}

function kind(p: string): 'missing' | 'file' | 'dir' | 'link' | 'other' {
  try {
    const st = lstatSync(p);
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Refuses before anything moves: a destination that is a folder or a symbolic link, or a folder on
 * the way that is a file or a symbolic link (which would put files somewhere else).
 */
export function preflight(target: string, moves: Move[]): void {
  const seen = new Set<string>();
  for (const m of moves) {
    const parts = m.rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (seen.has(dir)) continue;
      seen.add(dir);
      const k = kind(path.join(target, dir));
      if (k === 'link')
        throw new TargetError(
          `target: ${path.join(target, dir)} is a symbolic link where a folder belongs; files would land elsewhere. Replace it with a folder, or choose another target; nothing was written`,
        );
      if (k === 'file' || k === 'other')
        throw new TargetError(
          `target: ${path.join(target, dir)} is a file where a folder belongs; move it away, or choose another target; nothing was written`,
        );
    }
    const k = kind(path.join(target, m.rel));
    if (k === 'dir' && !m.dir)
      throw new TargetError(
        `target: ${path.join(target, m.rel)} is a folder where a file belongs; move it away, or choose another target; nothing was written`,
      );
    if (k === 'link')
      throw new TargetError(
        `target: ${path.join(target, m.rel)} is a symbolic link where a generated file belongs; remove it, or choose another target; nothing was written`,
      );
    if (k === 'file' && m.dir) throw new TargetError(`target: ${path.join(target, m.rel)} is a file where a folder belongs; move it away; nothing was written`);
    if (k === 'other')
      throw new TargetError(`target: ${path.join(target, m.rel)} is not a regular file; move it away, or choose another target; nothing was written`);
  }
}

type Step = { kind: 'mkdir'; dir: string } | { kind: 'aside'; dest: string; backup: string } | { kind: 'placed'; dest: string; from: string };

/**
 * Applies the moves under `target`, keeping replaced and removed files in `backupDir` until all are
 * done. Returns the paths of files that existed and were replaced. On failure it restores the folder
 * and throws one line that says whether that worked.
 */
export function applyMoves(target: string, moves: Move[], backupDir: string): string[] {
  preflight(target, moves);
  const journal: Step[] = [];
  const replaced: string[] = [];
  try {
    for (const m of moves) {
      const dest = path.join(target, m.rel);
      const destKind = kind(dest);
      if (m.from !== undefined) {
        const created = mkdirSync(path.dirname(dest), { recursive: true });
        if (created) journal.push({ kind: 'mkdir', dir: created });
      }
      if (destKind !== 'missing') {
        const backup = path.join(backupDir, m.rel);
        mkdirSync(path.dirname(backup), { recursive: true });
        renameSync(dest, backup);
        journal.push({ kind: 'aside', dest, backup });
        if (m.from !== undefined && !m.dir) replaced.push(m.rel);
      }
      if (m.from !== undefined) {
        renameSync(m.from, dest);
        journal.push({ kind: 'placed', dest, from: m.from });
      }
    }
  } catch (e) {
    const unrestored = rollback(journal);
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    if (unrestored.length === 0)
      throw new TargetError(`target: ${target}: a file could not be written (${why}); everything was put back as it was, nothing was written`);
    throw new TargetError(
      `target: ${target}: a file could not be written (${why}), and these could not be put back: ${unrestored.join(', ')} (the originals are in ${backupDir})`,
    );
  }
  return replaced;
}

/** Undoes the journal, newest step first; returns what it could not restore. */
function rollback(journal: Step[]): string[] {
  const failed: string[] = [];
  for (const step of [...journal].reverse()) {
    try {
      if (step.kind === 'placed') renameSync(step.dest, step.from);
      else if (step.kind === 'aside') renameSync(step.backup, step.dest);
      else removeEmptyUp(step.dir, step.dir);
    } catch {
      failed.push(step.kind === 'mkdir' ? step.dir : step.dest);
    }
  }
  return failed;
}

/** Removes `dir` and the folders mkdir created inside it, if they are empty. */
function removeEmptyUp(dir: string, top: string): void {
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name));
    if (readdirSync(d).length === 0) rmdirSync(d);
  };
  if (kind(top) === 'dir') walk(dir);
}
