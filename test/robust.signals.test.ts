// SIGINT and SIGTERM at each phase of a real run of the built binary. The binary stops at a phase
// through its CREATE_EKS_APP_PAUSE test seam; the target must be untouched, or complete after the
// final move, and no staging folder may remain.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function runUntilPaused(phase: string, signal: NodeJS.Signals, cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'p', '--yes'], { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1', CREATE_EKS_APP_PAUSE: phase } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && stderr.includes(`paused at ${phase}`)) {
        sent = true;
        child.kill(signal);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`never paused at ${phase}: ${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  const expected = signal === 'SIGINT' ? 130 : 143;
  for (const phase of ['render', 'validate']) {
    test(`${signal} while ${phase === 'render' ? 'rendering' : 'validating'}: exit ${expected}, nothing written, staging removed`, async () => {
      const cwd = tempDir();
      const r = await runUntilPaused(phase, signal, cwd);
      assert.is(r.code, expected, r.stderr);
      assert.equal(readdirSync(cwd), []);
    });
  }
  test(`${signal} during the final move: the move completes first, then exit ${expected}`, async () => {
    const cwd = tempDir();
    const r = await runUntilPaused('commit', signal, cwd);
    assert.is(r.code, expected, r.stderr);
    assert.equal(readdirSync(cwd), ['p'], 'no staging folder left');
    for (const f of ['eksctl/cluster.yaml', 'README.md', '.eks-app.json', 'k8s/web/20-deployment.yaml']) assert.ok(existsSync(path.join(cwd, 'p', f)), f);
  });
}

// A real terminal through python3's pty module: the wizard is on screen when the key or signal arrives.
const PTY = `
import os, pty, sys, time, select, signal
pid, fd = pty.fork()
if pid == 0:
    os.environ.pop('CI', None)
    os.environ['NO_COLOR'] = '1'
    os.execvp(sys.argv[1], [sys.argv[1], sys.argv[2], 'p'])
buf = b''
deadline = time.time() + 15
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 1)
    if r:
        try: buf += os.read(fd, 4096)
        except OSError: break
        if b'region' in buf: break
if sys.argv[3] == 'key': os.write(fd, b'\\x03')
else: os.kill(pid, signal.SIGINT)
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
`;

// Ctrl-C typed at a prompt is the user's choice to stop: exit 0, as create-vite does, so npm create
// prints no failure. A SIGINT sent to the process is a kill: exit 130, so a script sees it.
for (const [how, code] of [
  ['key', '0'],
  ['signal', '130'],
]) {
  test(`Ctrl-C at a real prompt (${how === 'key' ? 'the key' : 'SIGINT'}): exit ${code}, nothing written`, () => {
    if (spawnSync('python3', ['-c', 'import pty']).status !== 0) return console.log('skipped: python3 with pty is not available');
    const cwd = tempDir();
    const r = spawnSync('python3', ['-c', PTY, process.execPath, BIN, how], { cwd, encoding: 'utf8' });
    assert.is(r.stdout.trim(), code, r.stderr);
    assert.equal(readdirSync(cwd), []);
  });
}

test.run();
