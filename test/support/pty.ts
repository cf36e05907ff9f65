// The built CLI in a real pseudo-terminal, driven with real keystrokes: util-linux `script` gives it
// a pty (so inquirer draws its prompts and reads raw keys) and relays what the test types.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { shellWord } from '../../src/render/escape.ts';

export const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', space: ' ', backspace: '\x7f', ctrlU: '\x15' } as const;

/** Text as a terminal user reads it: colours and cursor movement removed. */
export const plain = (s: string): string =>
  s
    // Colours go; cursor movement and erasing start a new line, as the terminal redraws there.
    .replace(/\x1b\[[0-9;?]*m/g, '')
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '\n')
    .replace(/\x1b[()][A-Z0-9]/g, '')
    .replace(/\r/g, '');

/** The question now asked: the first prompt drawn after the last answered one. */
export async function nextQuestion(t: Pty): Promise<string> {
  const seen = await t.expect(/^\? (.+)$/m);
  return /^\? (.+)$/m.exec(seen)![1].trim();
}

/** Sends the keys that answer the current prompt, and waits until it shows as answered. */
export async function answer(t: Pty, keys: string): Promise<void> {
  t.send(keys);
  await t.expect(/^✔ .*$/m);
}

/** Takes the default of every question until one whose text matches `re` is asked. */
export async function until(t: Pty, re: RegExp): Promise<string> {
  for (;;) {
    const q = await nextQuestion(t);
    if (re.test(q)) return q;
    await answer(t, KEY.enter);
  }
}

export interface Pty {
  /** Waits until the output after the last match shows `re`; returns that output, up to the end of the match. */
  expect(re: RegExp, timeoutMs?: number): Promise<string>;
  send(keys: string): void;
  /** Everything shown so far. */
  output(): string;
  exit(): Promise<number>;
}

export function ptyRun(args: string[], cwd: string): Pty {
  const command = `stty cols 160 rows 60; exec ${['node', BIN, ...args].map(shellWord).join(' ')}`;
  const { FORCE_COLOR: _f, CI: _c, ...env } = process.env;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...env, TERM: 'xterm-256color', NO_COLOR: '1' } });
  let out = '';
  let mark = 0;
  child.stdout.on('data', (d) => {
    out += d.toString();
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  return {
    async expect(re, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        // The mark is in the plain text: the next expect starts right after this match.
        const seen = plain(out).slice(mark);
        const m = re.exec(seen);
        if (m) {
          mark += m.index + m[0].length;
          return seen.slice(0, m.index + m[0].length);
        }
        if (Date.now() > until) {
          child.kill('SIGKILL');
          throw new Error(`no ${re} on the terminal; it shows:\n${plain(out).slice(-2500)}`);
        }
        await new Promise((r) => setTimeout(r, 40));
      }
    },
    send(keys) {
      child.stdin.write(keys);
    },
    output: () => plain(out),
    exit: () => exited,
  };
}
