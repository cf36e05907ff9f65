// Process wiring for the real binary: real streams, real terminal, real signals. A bare --help or
// --version answers here, before the rest of the CLI loads.
import { fstatSync } from 'node:fs';
import { fdOutput } from './fd-output.ts';

/**
 * Whether stdin and stdout are terminals. Not process.stdin.isTTY: that getter opens a stream, and
 * node:tty loads the socket and stream modules, so both wait until the descriptors could be ones.
 */
async function terminals(): Promise<boolean> {
  const charDevice = (fd: number) => {
    try {
      return fstatSync(fd).isCharacterDevice();
    } catch {
      return false;
    }
  };
  if (!charDevice(0) || !charDevice(1)) return false;
  const { isatty } = await import('node:tty');
  return isatty(0) && isatty(1);
}

export async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  const interactive = process.env.CI !== 'true' && (await terminals());
  // A closed pipe (`validate | head`) ends the run quietly, as other command-line tools do.
  const closed = () => process.exit(0);
  // Windows writes a console through its own API, which only the streams use.
  const streams = interactive || process.platform === 'win32';
  const [stdout, stderr] = streams ? [process.stdout, process.stderr] : [fdOutput(1, closed), fdOutput(2, closed)];
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    stdout.write((await import('./help-short.ts')).shortHelp());
    return;
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    stdout.write(`${(await import('../version.ts')).TOOL_VERSION}\n`);
    return;
  }
  if (streams)
    for (const stream of [process.stdout, process.stderr])
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') closed();
      });
  const [{ installSignalHandlers }, { main }] = await Promise.all([import('../write/interrupt.ts'), import('./main.ts')]);
  installSignalHandlers((code) => process.exit(code));
  main({
    argv,
    cwd: process.cwd(),
    env: process.env,
    stdout,
    stderr,
    interactive,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      stderr.write(`error: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
