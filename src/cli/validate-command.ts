// `create-eks-app validate [path]`: offline checks, then the API server's own verdict when reachable.
import path from 'node:path';
import type { CliOptions } from './args.ts';
import type { Colors } from './color.ts';
import type { Io } from './main.ts';

export async function runValidate(opts: CliOptions, io: Io, color: Colors): Promise<number> {
  if (opts.positionals.length > 1) {
    io.stderr.write(`${color.red('error')} validate takes one path, got ${opts.positionals.length}\n`);
    return 2;
  }
  const target = path.resolve(io.cwd, opts.positionals[0] ?? '.');
  const { validatePath, formatHuman, formatJson } = await import('../validate/index.ts');
  let result;
  try {
    result = await validatePath(target, { strict: opts.strict });
  } catch (e) {
    io.stderr.write(`${color.red('error')} ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  io.stdout.write(opts.json ? formatJson(result) : formatHuman(result, { color: color !== undefined && io.interactive }));
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
