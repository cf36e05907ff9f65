// Process wiring for the real binary: real streams, real terminal, real signals. A bare --help or
// --version answers here, before the rest of the CLI loads.

export async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    process.stdout.write((await import('./help-short.ts')).shortHelp());
    return;
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`${(await import('../version.ts')).TOOL_VERSION}\n`);
    return;
  }
  // A closed pipe (`validate | head`) ends the run quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
    });
  const [{ installSignalHandlers }, { main }] = await Promise.all([import('../write/interrupt.ts'), import('./main.ts')]);
  installSignalHandlers((code) => process.exit(code));
  main({
    argv,
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true',
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
