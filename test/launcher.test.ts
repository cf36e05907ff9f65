// The built binary's code cache (src/cli/launcher.ts): what a run leaves in the user's cache folder,
// that the next run takes it as it is, and that a damaged, foreign or unwritable cache never
// changes what the tool does.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const DIST = path.dirname(BIN);
const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

function run(cacheHome: string, args: string[], env: Record<string, string> = {}) {
  const cwd = tempDir();
  const { SHELL_PREFIX, ...rest } = env;
  const options = { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...rest } } as const;
  // SHELL_PREFIX: a shell command (a ulimit) that the run starts under.
  const r = SHELL_PREFIX
    ? spawnSync('bash', ['-c', `${SHELL_PREFIX} && exec "$0" "$@"`, process.execPath, BIN, ...args], options)
    : spawnSync(process.execPath, [BIN, ...args], options);
  assert.is(r.status, 0, r.stderr);
  return { stdout: r.stdout, cwd };
}

const FOLDER = new RegExp(`^${VERSION.replaceAll('.', '\\.')}-[0-9a-f]{12}-v8-${process.versions.v8.replaceAll('.', '\\.')}-${process.arch}$`);

/** The cache folder of this build and this Node, and what it holds, by name. */
function cacheOf(cacheHome: string) {
  const root = path.join(cacheHome, 'create-eks-app');
  const found = existsSync(root) ? readdirSync(root).filter((n) => FOLDER.test(n)) : [];
  assert.ok(found.length <= 1, `one folder per build: ${found.join(', ')}`);
  const dir = found.length ? path.join(root, found[0]) : undefined;
  const entries: Record<string, Buffer> = dir ? Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(path.join(dir, n))])) : {};
  return { dir: dir ?? '', entries };
}

/** Chunks of dist/ whose compiled code is worth a cache entry (the launcher's WORTH_CACHING). */
const CACHED_FROM = 8192;

test('a run leaves compiled code for the chunks it loaded, and the next run takes it unchanged', () => {
  const home = tempDir();
  const first = run(home, ['my-cluster', '--yes']);
  const { dir, entries } = cacheOf(home);
  const names = Object.keys(entries);
  assert.ok(names.length >= 4, `entries: ${names.join(', ')}`);
  const chunks = new Set(readdirSync(DIST));
  for (const n of names) assert.ok(chunks.has(n) && statSync(path.join(DIST, n)).size >= CACHED_FROM, `${n} is a large enough file of dist/`);
  assert.ok(
    names.some((n) => n.startsWith('create-')),
    'the create command is cached',
  );
  assert.is(statSync(dir).mode & 0o777, 0o700, 'only the user may read or write the folder');
  for (const n of names) assert.is(statSync(path.join(dir, n)).mode & 0o077, 0, `${n} is the user's alone`);
  for (const n of names) {
    const header = entries[n].subarray(0, entries[n].indexOf(0x0a) + 1);
    assert.match(header.toString('latin1'), / w[0-9a-f]{16} *\n$/, `${n} carries the WebAssembly digest`);
    // V8 takes cached code in place only at an aligned address; it copies it otherwise.
    assert.is(header.length % 8, 0, `${n}: its code starts at a multiple of eight bytes`);
  }

  const second = run(home, ['my-cluster', '--yes']);
  assert.is(second.stdout.replaceAll(second.cwd, ''), first.stdout.replaceAll(first.cwd, ''));
  const again = cacheOf(home).entries;
  // A rejected entry would have been written again (next test): these were taken as they were.
  assert.equal(Object.keys(again).sort(), names.sort());
  for (const n of names) assert.ok(again[n].equals(entries[n]), `${n} unchanged`);

  // Another command adds the chunks it loads and leaves the others be.
  run(home, ['check', path.join(first.cwd, 'my-cluster')]);
  const after = cacheOf(home).entries;
  assert.ok(Object.keys(after).length > names.length, 'check adds its chunks (the merge and its YAML parser)');
  for (const n of names) assert.ok(after[n].equals(entries[n]), `${n} unchanged`);
});

test('validate writes no entries of its own, and runs the same with the entries create left', () => {
  const home = tempDir();
  const made = run(tempDir(), ['my-cluster', '--yes'], { NODE_DISABLE_COMPILE_CACHE: '1' });
  const file = path.join(made.cwd, 'my-cluster', 'k8s', 'web', '20-deployment.yaml');
  const alone = run(home, ['validate', file]);
  assert.equal(Object.keys(cacheOf(home).entries), [], 'an empty cache stays empty');
  run(home, ['my-cluster', '--yes']);
  const { entries } = cacheOf(home);
  assert.ok(Object.keys(entries).length >= 4, 'create leaves its entries');
  const cachedRun = run(home, ['validate', file]);
  assert.is(cachedRun.stdout, alone.stdout);
  const after = cacheOf(home).entries;
  assert.equal(Object.keys(after).sort(), Object.keys(entries).sort());
  for (const [n, e] of Object.entries(after)) assert.ok(e.equals(entries[n]), `${n} unchanged`);
});

test('a small chunk is compiled, not cached: --help reads and writes no cache', () => {
  const home = tempDir();
  run(home, ['--help']);
  assert.equal(Object.keys(cacheOf(home).entries), []);
});

test('a damaged entry is refused by V8 and replaced; the run is the same', () => {
  const home = tempDir();
  const clean = run(home, ['my-cluster', '--yes']);
  const { dir, entries } = cacheOf(home);
  for (const [n, data] of Object.entries(entries)) writeFileSync(path.join(dir, n), Buffer.alloc(data.length, 0x5a));
  const damaged = run(home, ['my-cluster', '--yes']);
  assert.is(damaged.stdout.replaceAll(damaged.cwd, ''), clean.stdout.replaceAll(clean.cwd, ''));
  assert.equal(
    readFileSync(path.join(damaged.cwd, 'my-cluster', 'eksctl', 'cluster.yaml'), 'utf8'),
    readFileSync(path.join(clean.cwd, 'my-cluster', 'eksctl', 'cluster.yaml'), 'utf8'),
  );
  for (const [n, data] of Object.entries(cacheOf(home).entries))
    assert.not.ok(
      data.every((b) => b === 0x5a),
      `${n} was written again`,
    );
});

test('a chunk edited in place (as patch-package does) runs as edited, even at the same length and time', () => {
  const home = tempDir();
  const copy = path.join(tempDir(), 'dist');
  cpSync(DIST, copy, { recursive: true });
  const bin = path.join(copy, 'cli.js');
  const dry = () => {
    const r = spawnSync(process.execPath, [bin, 'my-cluster', '--yes', '--dry-run'], {
      cwd: tempDir(),
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1', XDG_CACHE_HOME: home },
    });
    assert.is(r.status, 0, r.stderr);
    return r.stdout;
  };
  assert.match(dry(), /would write/);
  assert.ok(Object.keys(cacheOf(home).entries).some((n) => n.startsWith('create-')));
  const create = readdirSync(copy).find((n) => n.startsWith('create-'))!;
  const file = path.join(copy, create);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(': would write '));
  const { atime, mtime } = statSync(file);
  writeFileSync(file, text.replace(': would write ', ': WOULD WRITE '));
  utimesSync(file, atime, mtime); // as tar, cp -p and npm pack leave it
  assert.match(dry(), /WOULD WRITE/);
});

// Damage that V8's own checks of an entry let through (they catch a changed first byte or a cut
// end): a byte near the start, in the middle, the last byte (which shares the digest's final word
// with its padding), and a byte added at the end.
const DAMAGE: [string, (entry: Buffer) => Buffer][] = [
  ['a byte near its start', (e) => flip(e, e.indexOf(0x0a) + 21)],
  ['a byte in the middle', (e) => flip(e, e.length >> 1)],
  ['its last byte', (e) => flip(e, e.length - 1)],
  ['a byte added at its end', (e) => Buffer.concat([e, Buffer.of(0)])],
];
function flip(entry: Buffer, at: number) {
  const copy = Buffer.from(entry);
  copy[at] ^= 0x10;
  return copy;
}

/** Damages the largest entry in each way in turn: each time the run is the same and the entry is written again. */
function damagedEntriesAreReplaced(env: Record<string, string> = {}) {
  const home = tempDir();
  const clean = run(home, ['my-cluster', '--yes'], env);
  const { dir, entries } = cacheOf(home);
  const [name, data] = Object.entries(entries).sort((a, b) => b[1].length - a[1].length)[0];
  for (const [where, damage] of DAMAGE) {
    const damaged = damage(data);
    writeFileSync(path.join(dir, name), damaged);
    const again = run(home, ['my-cluster', '--yes'], env);
    assert.is(again.stdout.replaceAll(again.cwd, ''), clean.stdout.replaceAll(clean.cwd, ''), where);
    const after = cacheOf(home).entries[name];
    assert.not.ok(after.equals(damaged), `an entry damaged at ${where} was written again`);
  }
}

test('damaged cached code is caught before V8 sees it (V8 checks little of it, and can crash on it); the run is the same', () => {
  damagedEntriesAreReplaced();
});

test('NODE_DISABLE_COMPILE_CACHE=1 writes no cache', () => {
  const home = tempDir();
  run(home, ['my-cluster', '--yes'], { NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.not.ok(existsSync(path.join(home, 'create-eks-app')));
});

// Node without WebAssembly (--jitless), or where its memory cannot be reserved (a ulimit -v on
// the address space), checks entries with node:crypto instead.
for (const [without, env] of [
  ['node --jitless', { NODE_OPTIONS: '--jitless' }],
  ['an address-space limit', { SHELL_PREFIX: 'ulimit -v 4000000' }],
] as const)
  test(`without WebAssembly (${without}) the cache still works and damaged entries are still caught`, () => {
    const home = tempDir();
    const first = run(home, ['my-cluster', '--yes'], env);
    const { entries } = cacheOf(home);
    assert.ok(Object.keys(entries).length >= 4, 'entries are written');
    for (const [n, e] of Object.entries(entries))
      assert.match(e.subarray(0, e.indexOf(0x0a)).toString('latin1'), / [ms][0-9a-f]{32,64} *$/, `${n} carries a node:crypto digest`);
    const second = run(home, ['my-cluster', '--yes'], env);
    assert.is(second.stdout.replaceAll(second.cwd, ''), first.stdout.replaceAll(first.cwd, ''));
    for (const [n, e] of Object.entries(cacheOf(home).entries)) assert.ok(e.equals(entries[n]), `${n} was taken as it was`);
    damagedEntriesAreReplaced(env);
  });

test('a cache folder that others may write is neither read nor written', () => {
  const home = tempDir();
  run(home, ['my-cluster', '--yes']);
  const { dir, entries } = cacheOf(home);
  assert.ok(Object.keys(entries).length > 0);
  for (const [n, data] of Object.entries(entries)) writeFileSync(path.join(dir, n), Buffer.alloc(data.length, 0x5a));
  chmodSync(dir, 0o777);
  run(home, ['my-cluster', '--yes']);
  for (const [n, data] of Object.entries(cacheOf(home).entries))
    assert.ok(
      data.every((b) => b === 0x5a),
      `${n} left as it was`,
    );
});

test('a rebuild of the same version starts a cache of its own and removes the earlier one; other versions keep theirs', () => {
  const home = tempDir();
  run(home, ['my-cluster', '--yes']);
  const { dir, entries } = cacheOf(home);
  const root = path.dirname(dir);
  // The same version built again (another hash), another version, and a write that stopped long ago.
  const earlier = path.join(root, path.basename(dir).replace(/-[0-9a-f]{12}-/, '-000000000000-'));
  const other = path.join(root, path.basename(dir).replace(`${VERSION}-`, '0.0.1-'));
  const otherNode = path.join(root, path.basename(dir).replace(/-v8-.*$/, '-v8-1.2.3.4-x64'));
  for (const d of [earlier, other, otherNode]) {
    mkdirSync(d, { mode: 0o700 });
    writeFileSync(path.join(d, 'chunk-EARLIER1.js'), 'old');
  }
  const partial = path.join(dir, '.chunk-EARLIER2.js.12345');
  writeFileSync(partial, 'a write that never finished');
  utimesSync(partial, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
  // Dropping one entry makes the run write, which is when it tidies up.
  const [one] = Object.keys(entries);
  rmSync(path.join(dir, one));
  run(home, ['my-cluster', '--yes']);
  assert.not.ok(existsSync(earlier), 'the earlier build of this version is gone');
  assert.ok(existsSync(other), 'another version keeps its cache');
  assert.ok(existsSync(otherNode), 'this build keeps its cache for another Node');
  assert.not.ok(existsSync(partial), 'the write that never finished is gone');
  assert.ok(existsSync(path.join(dir, one)), 'the entry is written again');
});

test("a missing cache folder is made in the user's own home", () => {
  const home = tempDir();
  const r = run(path.join(home, '.cache'), ['my-cluster', '--yes']);
  assert.ok(r.stdout.length > 0);
  assert.ok(Object.keys(cacheOf(path.join(home, '.cache')).entries).length > 0);
});

test("a cache folder in a place that is not the user's is never made or read", () => {
  const shared = tempDir();
  chmodSync(shared, 0o777);
  chownSync(shared, 65534, 65534);
  run(shared, ['my-cluster', '--yes']);
  assert.not.ok(existsSync(path.join(shared, 'create-eks-app')));
});

test('a cache that cannot be made costs nothing but the cache', () => {
  const home = tempDir();
  const file = path.join(home, 'not-a-folder');
  writeFileSync(file, '');
  const r = run(file, ['my-cluster', '--yes']);
  assert.ok(existsSync(path.join(r.cwd, 'my-cluster', 'eksctl', 'cluster.yaml')));
  // A relative cache home is not a place to run code from.
  const rel = run('relative-cache', ['--help']);
  assert.not.ok(existsSync(path.join(rel.cwd, 'relative-cache')));
});

test.run();
