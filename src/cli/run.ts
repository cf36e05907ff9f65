// Process wiring for the real binary: real streams, real terminal, real signals.
import { installSignalHandlers } from '../write/interrupt.ts';
import { main } from './main.ts';

export function run(): void {
  // A closed pipe (`validate | head`) ends the run quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  installSignalHandlers((code) => process.exit(code));
  main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true',
  }).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      process.stderr.write(`error: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
