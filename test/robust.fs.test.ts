// Targets that cannot take the project: a file, a symlink out of the folder, a read-only place,
// and a full disk. Each gives one clear error line, exit 1, and no partial output.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const cli = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: { CI: 'true', NO_COLOR: '1' } });

function oneErrorLine(r: { exitCode?: number; stderr: string }, pattern: RegExp) {
  assert.is(r.exitCode, 1, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('error'));
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
}

/** A small tmpfs mount (root only); returns undefined where mounting is not allowed. */
function mountTmpfs(options: string): string | undefined {
  const dir = tempDir('eks-app-mnt-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return r.status === 0 ? dir : undefined;
}
const umount = (dir: string) => spawnSync('umount', [dir]);

test('target is a file', async () => {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'taken'), 'x');
  oneErrorLine(await cli(['taken', '--yes'], cwd), /^error target: .*taken is a file, not a folder/);
});

test('target is a symlink pointing out of the folder', async () => {
  const cwd = tempDir();
  const outside = tempDir('eks-app-outside-');
  symlinkSync(outside, path.join(cwd, 'link'));
  oneErrorLine(await cli(['link', '--yes'], cwd), /^error target: .*link is a symbolic link/);
  assert.equal(readdirSync(outside), [], 'nothing written through the link');
});

test('read-only location: clear error, nothing written', async () => {
  const ro = mountTmpfs('size=1m,ro');
  let cwd = ro;
  if (!ro) {
    if (process.getuid?.() === 0) return console.log('skipped: cannot mount a read-only tmpfs here');
    cwd = tempDir();
    execFileSync('chmod', ['555', cwd]);
  }
  try {
    oneErrorLine(await cli(['p', '--yes'], cwd!), /^error target: cannot write .*(read-only|permission denied).*nothing was written/i);
    assert.equal(readdirSync(cwd!), []);
    // A nested target there: the same one line, and no folder made on the way.
    oneErrorLine(await cli(['a/b/p', '--yes'], cwd!), /^error target: cannot write .*(read-only|permission denied).*nothing was written/i);
    assert.equal(readdirSync(cwd!), []);
  } finally {
    if (ro) umount(ro);
  }
});

test('disk full while rendering: clear error, no partial project, no staging left', async () => {
  const small = mountTmpfs('size=24k');
  if (!small) return console.log('skipped: cannot mount a small tmpfs here (needs root)');
  try {
    // Fill most of it so the project cannot fit.
    writeFileSync(path.join(small, 'filler'), Buffer.alloc(12 * 1024));
    oneErrorLine(await cli(['p', '--yes'], small), /^error target: cannot write .*no space left on device.*nothing was written/i);
    assert.equal(readdirSync(small), ['filler']);
  } finally {
    umount(small);
  }
});

test('an unreadable answers file and a folder as answers file', async () => {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'dir.json'));
  oneErrorLine(await cli(['p', '--answers', 'dir.json'], cwd), /^error dir\.json: not a regular file; give the path of a JSON or YAML answers file$/);
  assert.not.ok(existsSync(path.join(cwd, 'p')));
});

test.run();
