// Drives main() in-process with scripted prompts, the way create-astro's test utils do.
import type { Io } from '../../src/cli/main.ts';
import { PromptCancelled, type Prompter } from '../../src/cli/prompter.ts';
import { TODAY } from './project.ts';

export type Reply = string | boolean | typeof CANCEL;
export const CANCEL = Symbol('ctrl-c');

export interface Scripted {
  io: Io;
  out: () => string;
  err: () => string;
  asked: string[];
  /** Messages the prompt's own validation returned for rejected input. */
  refusals: string[];
}

/** Each reply answers the next question; a reply refused by the prompt's validation is recorded and the next one is tried. */
export function scriptedIo(argv: string[], cwd: string, replies: Reply[], interactive = true, env: Record<string, string> = { NO_COLOR: '1' }): Scripted {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const refusals: string[] = [];
  const next = (message: string): Reply => {
    asked.push(message);
    if (replies.length === 0) throw new Error(`unexpected question: ${message}`);
    const r = replies.shift()!;
    if (r === CANCEL) throw new PromptCancelled('cancelled');
    return r;
  };
  const prompter: Prompter = {
    async input(q) {
      for (;;) {
        const r = next(q.message);
        const text = r === '' ? (q.default ?? '') : String(r);
        const ok = q.validate(text);
        if (ok === true) return text;
        refusals.push(ok);
      }
    },
    async select(q) {
      const r = next(q.message);
      const value = r === '' ? (q.default ?? q.choices[0].value) : String(r);
      if (!q.choices.some((c) => c.value === value)) throw new Error(`${value} is not offered for ${q.message}`);
      return value;
    },
    async search(q) {
      const r = next(q.message);
      const value = r === '' ? (q.default ?? q.choices[0].value) : String(r);
      if (!q.choices.some((c) => c.value === value)) throw new Error(`${value} is not offered for ${q.message}`);
      return value;
    },
    async checkbox(q) {
      // The real checkbox refuses a selection in place: each refused reply is recorded and the next one tried.
      for (;;) {
        const r = next(q.message);
        const values = r === '' ? q.default : String(r).split(',').filter(Boolean);
        for (const v of values) if (!q.choices.some((c) => c.value === v)) throw new Error(`${v} is not offered for ${q.message}`);
        const ok = q.validate?.(values) ?? true;
        if (ok === true) return values;
        refusals.push(ok);
      }
    },
    async confirm(q) {
      const r = next(q.message);
      return r === '' ? q.default : Boolean(r);
    },
  };
  const io: Io = {
    argv,
    cwd,
    env,
    interactive,
    today: TODAY,
    stdout: {
      write: (s: string) => {
        out += s;
      },
    },
    stderr: {
      write: (s: string) => {
        err += s;
      },
    },
    prompter: async () => prompter,
  };
  return { io, out: () => out, err: () => err, asked, refusals };
}

/** main() in this process, non-interactive, as a spawned CLI would run: its exit status and output. */
export async function runMain(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.ts');
  const s = scriptedIo(argv, cwd, [], false, { NO_COLOR: '1', CI: 'true', ...env });
  const exitCode = await main(s.io);
  return { exitCode, stdout: s.out(), stderr: s.err() };
}
