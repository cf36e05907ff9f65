// Writes that never mix or stop half way: racing runs, obstacles in the target, a failure in the
// middle of the move, leftovers of killed runs, and projects from a newer version.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyMoves } from '../src/write/transaction.ts';
import { tempDir, treeOf } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ENV = { CI: 'true', NO_COLOR: '1', PATH: process.env.PATH!, HOME: '/nonexistent' };
const cli = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: ENV, extendEnv: false });
// CI runs the full hundred racing pairs; a local run stays quick.
const PAIRS = Number(process.env.RACE_PAIRS ?? (process.env.CI ? 100 : 12));

function oneErrorLine(r: { exitCode?: number; stderr: string }, pattern: RegExp) {
  assert.is(r.exitCode, 1, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('error'));
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
}

async function race(cwd: string, target: string) {
  const [a, b] = await Promise.all([cli([target, '--yes', '--app-name', 'alpha'], cwd), cli([target, '--yes', '--app-name', 'beta'], cwd)]);
  return [a, b];
}

test(`${PAIRS} racing pairs into one new folder, and into one empty folder: one complete project and one clear error each`, async () => {
  for (let i = 0; i < PAIRS; i++) {
    const cwd = tempDir();
    if (i % 2 === 1) mkdirSync(path.join(cwd, 't'));
    const runs = await race(cwd, 't');
    const won = runs.filter((r) => r.exitCode === 0);
    assert.is(won.length, 1, `pair ${i}: ${runs.map((r) => `${r.exitCode} ${r.stderr}`).join(' | ')}`);
    const lost = runs.find((r) => r.exitCode !== 0)!;
    oneErrorLine(lost, /^error target: .*(another create-eks-app run \(pid \d+\) is writing|is not empty)/);
    const apps = readdirSync(path.join(cwd, 't', 'k8s'));
    assert.equal(apps.length, 1, `pair ${i}: one app only, got ${apps.join(', ')}`);
    const state = JSON.parse(readFileSync(path.join(cwd, 't', '.eks-app.json'), 'utf8'));
    assert.is(state.answers.app.name, apps[0], 'the state names the app that was written');
    assert.not.match(won[0].stderr, /replaced/, 'nothing was replaced without --overwrite');
    assert.equal(
      readdirSync(cwd).filter((n) => n !== 't'),
      [],
      'no lock or staging folder left beside it',
    );
  }
});

test('--overwrite with a file where a folder belongs, or a folder where a file belongs: nothing changes, one line', async () => {
  for (const [obstacle, pattern] of [
    [(t: string) => writeFileSync(path.join(t, 'k8s'), 'mine'), /k8s is a file where a folder belongs.*nothing was written/],
    [(t: string) => mkdirSync(path.join(t, 'README.md')), /README\.md is a folder where a file belongs.*nothing was written/],
  ] as const) {
    const cwd = tempDir();
    const t = path.join(cwd, 't');
    mkdirSync(t);
    writeFileSync(path.join(t, 'notes.txt'), 'keep me');
    obstacle(t);
    const before = treeOf(cwd);
    oneErrorLine(await cli(['t', '--yes', '--overwrite'], cwd), pattern);
    assert.equal(treeOf(cwd), before, 'the target is as it was');
  }
});

test('--overwrite never follows a symbolic link inside the target', async () => {
  const cwd = tempDir();
  const outside = tempDir('eks-app-outside-');
  const t = path.join(cwd, 't');
  mkdirSync(t);
  symlinkSync(outside, path.join(t, 'k8s'));
  oneErrorLine(await cli(['t', '--yes', '--overwrite'], cwd), /k8s is a symbolic link where a folder belongs.*nothing was written/);
  assert.equal(readdirSync(outside), [], 'nothing written through the link');
  assert.equal(readdirSync(t), ['k8s']);
});

test('update with an obstacle changes nothing, the state file included', async () => {
  const cwd = tempDir();
  assert.is((await cli(['p', '--yes'], cwd)).exitCode, 0);
  writeFileSync(path.join(cwd, 'p', 'helm'), 'in the way');
  const before = treeOf(cwd);
  oneErrorLine(await cli(['update', 'p', '--answer', 'ingress=alb'], cwd), /helm is a file where a folder belongs.*nothing was written/);
  assert.equal(treeOf(cwd), before);
  assert.is(JSON.parse(readFileSync(path.join(cwd, 'p', '.eks-app.json'), 'utf8')).answers.ingress, 'none');
});

test('a failure in the middle of the move puts back every file it had replaced or placed', async () => {
  const root = tempDir();
  const target = path.join(root, 'target'),
    staged = path.join(root, 'staged'),
    aside = path.join(root, 'aside');
  mkdirSync(path.join(target, 'a'), { recursive: true });
  mkdirSync(staged);
  writeFileSync(path.join(target, 'a', 'one.txt'), 'old one');
  writeFileSync(path.join(target, 'gone.txt'), 'to remove');
  for (const f of ['one.txt', 'two.txt']) writeFileSync(path.join(staged, f), `new ${f}`);
  const before = treeOf(target);
  const attempt = () =>
    applyMoves(
      target,
      [
        { rel: 'a/one.txt', from: path.join(staged, 'one.txt') },
        { rel: 'gone.txt' },
        { rel: 'b/c/two.txt', from: path.join(staged, 'two.txt') },
        { rel: 'b/three.txt', from: path.join(staged, 'missing.txt') }, // fails: the staged file is not there
      ],
      aside,
    );
  let err: Error | undefined;
  try {
    attempt();
  } catch (e) {
    err = e as Error;
  }
  assert.ok(err, 'the move fails');
  assert.match(err!.message, /^target: .*a file could not be written \(ENOENT\); everything was put back as it was, nothing was written$/);
  assert.equal(treeOf(target), before, 'replaced, removed and new files, and the new folders, are all undone');
  assert.equal(readdirSync(staged).sort(), ['one.txt', 'two.txt'], 'the staged files are back in staging');
});

test("leftovers of a killed run are removed by the next run; a live run's staging is left alone", async () => {
  const cwd = tempDir();
  const dead = path.join(cwd, '.t.eks-app-staging-999999-abc123');
  const live = path.join(cwd, `.t.eks-app-staging-${process.pid}-def456`);
  for (const d of [dead, live]) mkdirSync(path.join(d, 'k8s'), { recursive: true });
  writeFileSync(path.join(cwd, '.t.eks-app.lock'), '999999\n');
  assert.is((await cli(['t', '--yes'], cwd)).exitCode, 0, 'a lock whose run is gone is taken over');
  assert.not.ok(existsSync(dead));
  assert.ok(existsSync(live));
  assert.equal(readdirSync(cwd).sort(), [path.basename(live), 't']);
});

test('a lock held by a live run: one line naming it, nothing written', async () => {
  const cwd = tempDir();
  const holder = spawn('sleep', ['30']);
  try {
    writeFileSync(path.join(cwd, '.t.eks-app.lock'), `${holder.pid}\n`);
    oneErrorLine(await cli(['t', '--yes'], cwd), new RegExp(`another create-eks-app run \\(pid ${holder.pid}\\) is writing`));
    assert.equal(readdirSync(cwd), ['.t.eks-app.lock']);
  } finally {
    holder.kill();
  }
});

test('a nested target interrupted while staging leaves no empty parent folders behind', async () => {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'kept'));
  const child = execa('node', [BIN, 'kept/n1/n2/t', '--yes'], { cwd, reject: false, env: { ...ENV, CREATE_EKS_APP_PAUSE: 'render' }, extendEnv: false });
  await new Promise<void>((resolve) =>
    child.stderr!.on('data', (d: Buffer) => {
      if (String(d).includes('paused at render')) resolve();
    }),
  );
  assert.ok(existsSync(path.join(cwd, 'kept', 'n1', 'n2')), 'the parents were made for the staging folder');
  child.kill('SIGTERM');
  const r = await child;
  assert.is(r.exitCode, 143);
  assert.equal(readdirSync(path.join(cwd, 'kept')), [], 'the folders this run made are gone; the one that existed stays');
});

test('update and add refuse a project made by a newer version; odd versions are one line', async () => {
  const cwd = tempDir();
  assert.is((await cli(['p', '--yes'], cwd)).exitCode, 0);
  const stateFile = path.join(cwd, 'p', '.eks-app.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  for (const version of ['99.0.0', 'banana', '0.1']) {
    writeFileSync(stateFile, JSON.stringify({ ...state, tool: { ...state.tool, version } }, null, 2));
    const before = treeOf(cwd);
    for (const args of [
      ['update', 'p'],
      ['add', 'service', 'api', '--project', 'p'],
      ['check', 'p'],
    ]) {
      const r = await cli(args, cwd);
      if (version === '99.0.0' && args[0] === 'check') {
        assert.is(r.exitCode, 1);
        assert.match(r.stdout + r.stderr, /ahead: generated by create-eks-app 99\.0\.0/);
        continue;
      }
      oneErrorLine(
        r,
        version === '99.0.0'
          ? /made by create-eks-app 99\.0\.0, newer than this \d+\.\d+\.\d+; .*would undo/
          : /\.eks-app\.json: tool\.version: .* is not a version/,
      );
      assert.equal(treeOf(cwd), before, `${args.join(' ')} with ${version}: nothing written`);
    }
  }
});

test.run();
