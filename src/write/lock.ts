// One run at a time per target: a lock file beside it, created exclusively, naming the run's pid. A
// lock whose process is gone (the run was killed) is taken over.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TargetError } from '../errors.ts';
import { onInterrupt } from './interrupt.ts';

export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Locks this process holds, by token: two runs inside one process (a library user) exclude each other too.
const held = new Set<string>();
let taken = 0;
/** A token no other lock has: this process's pid (unique among live processes), the monotonic clock and a count. Not a secret, so not node:crypto, which costs a run about 8 ms to load. */
const newToken = () => `${process.pid}-${process.hrtime.bigint().toString(36)}-${++taken}-${Math.random().toString(36).slice(2, 10)}`;

export const lockPath = (target: string, inside?: string) =>
  inside ? path.join(inside, 'lock') : path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.eks-app.lock`);

/**
 * Takes the lock for `target` (beside it, or in `inside` when given), or explains who holds it.
 * Returns the release function; a signal releases it too.
 */
export function acquireLock(target: string, inside?: string): () => void {
  const file = lockPath(target, inside);
  const token = newToken();
  // The lock appears with its content already in it (a hard link of a finished file), so no run
  // ever reads a half-written lock and takes it for a dead one.
  const tmp = `${file}.${process.pid}.${token}`;
  writeFileSync(tmp, `${process.pid} ${token}\n`);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let pid = NaN,
          other = '';
        try {
          [pid, other] = ((t) => [Number(t[0]), t[1] ?? ''])(readFileSync(file, 'utf8').trim().split(/\s+/));
        } catch {
          /* vanished meanwhile: try again */
        }
        const busy = pid === process.pid ? held.has(other) : alive(pid);
        if (busy)
          throw new TargetError(
            `target: another create-eks-app run (pid ${pid}) is writing ${target}; wait for it to finish (or, if no run is active, remove ${file})`,
          );
        // A dead run's lock (or an unreadable one: locks are written whole) is removed, only if it is still that lock.
        try {
          const now = readFileSync(file, 'utf8').trim().split(/\s+/)[0];
          if (Number.isNaN(pid) ? !/^\d+$/.test(now) : now === String(pid)) unlinkSync(file);
        } catch {
          /* another run took it over first */
        }
        continue;
      }
      held.add(token);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(token);
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      const unregister = onInterrupt(release);
      return () => {
        unregister();
        release();
      };
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* gone */
    }
  }
  throw new TargetError(`target: another create-eks-app run is writing ${target}; wait for it to finish`);
}
