// Output of a run without a terminal, written straight to its file descriptor. process.stdout on a
// pipe builds a socket and loads Node's stream modules, a start-up cost that plain output does not
// need; a prompt at a terminal still uses the streams.
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** A writer for fd 1 or 2; `closed` runs when the reader has gone (a closed pipe, as in `| head`). */
export function fdOutput(fd: number, closed: () => void): { write(s: string): boolean } {
  return {
    write(s: string): boolean {
      const buf = Buffer.from(s);
      for (let at = 0; at < buf.length; ) {
        try {
          at += writeSync(fd, buf, at);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          // A pipe another process made non-blocking is full: wait a moment for its reader.
          if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
          else if (code === 'EPIPE') {
            closed();
            return false;
          } else throw e;
        }
      }
      return true;
    },
  };
}
