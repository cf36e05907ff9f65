// SIGINT and SIGTERM at each phase of a real run of the built binary. The binary stops at a phase
// through its CREATE_EKS_APP_PAUSE test seam; the target must be untouched, or complete after the
// final move, and no staging folder may remain.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

// Without the test seam: rendering, checking and the synchronous writes give the event loop no turn,
// so the write path makes some. A signal sent at any moment must end the run with its signal's exit
// code, with the target untouched or complete; exit 0 only when the project was in place before it.
const LARGEST = [
  '--compute',
  'karpenter',
  '--storage',
  'ebs,efs',
  '--ingress',
  'alb',
  '--addons',
  'aws-load-balancer-controller,kube-prometheus-stack,cert-manager',
];

function runAndSignal(signal: NodeJS.Signals, afterMs: number, cwd: string): Promise<{ code: number | null; killedBy: NodeJS.Signals | null; sentAt: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'p', '--yes', ...LARGEST], { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: 'ignore' });
    let sentAt = Number.POSITIVE_INFINITY;
    const timer = setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
    }, afterMs);
    child.on('exit', (code, killedBy) => {
      clearTimeout(timer);
      resolve({ code, killedBy, sentAt });
    });
  });
}

test('a signal at any moment of a run without the seam: exit 130, or 0 only if the project was in place first; never half written', async () => {
  const started = Date.now();
  assert.is(spawnSync(process.execPath, [BIN, 'p', '--yes', ...LARGEST], { cwd: tempDir(), env: { ...process.env, CI: 'true' } }).status, 0);
  const whole = Date.now() - started;
  let stopped = 0;
  for (const share of [0.3, 0.45, 0.6, 0.75, 0.9]) {
    const cwd = tempDir();
    const r = await runAndSignal('SIGINT', Math.round(whole * share), cwd);
    const at = `signal after ${Math.round(whole * share)} ms of about ${whole}`;
    const left = readdirSync(cwd);
    if (r.code === 0) {
      // The folder's change time is when the final move put it in place.
      assert.ok(statSync(path.join(cwd, 'p')).ctimeMs <= r.sentAt + 2, `${at}: exit 0 although the signal came before the project was in place`);
      continue;
    }
    stopped++;
    assert.ok(r.code === 130 || r.killedBy === 'SIGINT', `${at}: exit ${r.code}`);
    assert.ok(
      left.length === 0 || (left.length === 1 && left[0] === 'p' && existsSync(path.join(cwd, 'p', '.eks-app.json'))),
      `${at}: left ${left.join(', ')}`,
    );
  }
  assert.ok(stopped > 0, 'at least one signal came while the run was still working');
});

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
