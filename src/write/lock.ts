// One run at a time per target: a lock file beside it, created exclusively, naming the run's pid. A
// lock whose process is gone (the run was killed) is taken over.
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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

export const lockPath = (target: string, inside?: string) => (inside ? path.join(inside, 'lock') : path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.eks-app.lock`));

/**
 * Takes the lock for `target` (beside it, or in `inside` when given), or explains who holds it.
 * Returns the release function; a signal releases it too.
 */
export function acquireLock(target: string, inside?: string): () => void {
  const file = lockPath(target, inside);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try { pid = Number(readFileSync(file, 'utf8').trim()); } catch { /* vanished meanwhile: try again */ }
      if (alive(pid) && pid !== process.pid) throw new TargetError(`target: another create-eks-app run (pid ${pid}) is writing ${target}; wait for it to finish (or, if no run is active, remove ${file})`);
      try { unlinkSync(file); } catch { /* another run took it over first */ }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      try { unlinkSync(file); } catch { /* already gone */ }
    };
    const unregister = onInterrupt(release);
    return () => { unregister(); release(); };
  }
  throw new TargetError(`target: another create-eks-app run is writing ${target}; wait for it to finish`);
}
