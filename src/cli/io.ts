// What a command needs from the outside world, injected so tests drive the CLI whole.
import type { Prompter } from './prompter.ts';
import type { CommitHooks } from '../project/commit.ts';

export interface Io {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** True when a person can answer prompts (stdin and stdout are terminals). */
  interactive: boolean;
  /** Loaded on first use, so runs that ask nothing never load the prompt library. */
  prompter?: () => Promise<Prompter>;
  today?: Date;
  /** Test seams around the write of add and update (see src/project/commit.ts). */
  hooks?: CommitHooks;
}

/** Exit statuses: 2 is a usage mistake of validate; 130 and 143 a run ended by SIGINT or SIGTERM. */
export const EXIT = { ok: 0, error: 1, usage: 2, interrupted: 130 } as const;

/** The real prompter, loaded only when a question is asked. */
export async function prompterOf(io: Pick<Io, 'prompter'>): Promise<Prompter> {
  return (io.prompter ?? (async () => (await import('./prompter.ts')).inquirerPrompter()))();
}
