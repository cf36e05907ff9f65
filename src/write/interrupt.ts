// Ctrl-C handling. Cleanups registered here run when SIGINT/SIGTERM arrives; during the final swap
// the signal is held back until the swap completes, so the target is either untouched or complete.
type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
let critical = 0;
let pendingSignal: NodeJS.Signals | undefined;
let exitFn: (code: number) => void = (code) => process.exit(code);

export function onInterrupt(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export const signalExitCode = (sig: NodeJS.Signals) => (sig === 'SIGTERM' ? 143 : 130);

const signalWaiters = new Set<() => void>();

export function handleSignal(sig: NodeJS.Signals): void {
  signalWaiters.forEach((wake) => wake());
  if (critical > 0) {
    pendingSignal = sig;
    return;
  }
  // Newest first, like unwinding: a staging folder goes before the folder it was made in.
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
    } catch {
      /* best effort: we are exiting */
    }
  }
  exitFn(signalExitCode(sig));
}

/**
 * One turn of the event loop, in which a signal that arrived meanwhile is handled. Rendering,
 * checking and the synchronous file calls give none, so the write path calls this where a signal
 * must count: before anything is made, before the final move, and after it.
 */
export function signalCheckpoint(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function criticalSection<T>(work: () => Promise<T>): Promise<T> {
  critical++;
  try {
    return await work();
  } finally {
    critical--;
    if (critical === 0 && pendingSignal) {
      const sig = pendingSignal;
      pendingSignal = undefined;
      handleSignal(sig);
    }
  }
}

export function installSignalHandlers(exit: (code: number) => void = exitFn): void {
  exitFn = exit;
  process.on('SIGINT', () => handleSignal('SIGINT'));
  process.on('SIGTERM', () => handleSignal('SIGTERM'));
}

/**
 * Test seam for signal tests of the real binary: with CREATE_EKS_APP_PAUSE=<phase> the run stops at
 * that phase, says so on stderr, and waits for a signal (at most 10 s) before it goes on.
 */
export async function pausePoint(phase: string, env: Record<string, string | undefined>, stderr: { write(s: string): unknown }): Promise<void> {
  if (env.CREATE_EKS_APP_PAUSE !== phase) return;
  stderr.write(`paused at ${phase}\n`);
  await new Promise<void>((resume) => {
    const timer = setTimeout(done, 10_000);
    function done() {
      clearTimeout(timer);
      signalWaiters.delete(done);
      resume();
    }
    signalWaiters.add(done);
  });
}
