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

export function handleSignal(sig: NodeJS.Signals): void {
  if (critical > 0) {
    pendingSignal = sig;
    return;
  }
  for (const fn of [...cleanups]) {
    try { fn(); } catch { /* best effort: we are exiting */ }
  }
  exitFn(signalExitCode(sig));
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
