// The merge engine of `update` and `add`: line diff3, the structural YAML/JSON fallback, one file's
// outcome, the dry-run diff, and the semver ranges packs declare.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { merge3, unifiedDiff } from '../src/project/diff3.ts';
import { mergeFile } from '../src/project/merge.ts';
import { mergeStructured, StructuralConflict } from '../src/project/structural.ts';
import { compareVersions, satisfies } from '../src/packs/semver.ts';

const L = { ours: 'yours', base: 'base', theirs: 'new' };
const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join('');

test('diff3: changes on different lines both land; the same change once', () => {
  const base = lines('a', 'b', 'c', 'd', 'e', 'f');
  const r = merge3(base, lines('a', 'B', 'c', 'd', 'e', 'f'), lines('a', 'b', 'c', 'd', 'E', 'f'), L);
  assert.equal(r, { text: lines('a', 'B', 'c', 'd', 'E', 'f'), conflicts: 0 });
  assert.equal(merge3(base, lines('a', 'X', 'c', 'd', 'e', 'f'), lines('a', 'X', 'c', 'd', 'e', 'f'), L).conflicts, 0);
  // Insertions at both ends, deletion in the middle.
  const r2 = merge3(base, lines('top', 'a', 'b', 'c', 'd', 'e', 'f'), lines('a', 'b', 'd', 'e', 'f', 'end'), L);
  assert.equal(r2, { text: lines('top', 'a', 'b', 'd', 'e', 'f', 'end'), conflicts: 0 });
});

test('diff3: a conflict keeps both sides and the base between standard markers', () => {
  const r = merge3(lines('a', 'b', 'c'), lines('a', 'mine', 'c'), lines('a', 'theirs', 'c'), L);
  assert.is(r.conflicts, 1);
  assert.is(r.text, lines('a', '<<<<<<< yours', 'mine', '||||||| base', 'b', '=======', 'theirs', '>>>>>>> new', 'c'));
  // A file without a final newline still gets markers on lines of their own.
  const r2 = merge3('a\nb', 'a\nx', 'a\ny', L);
  assert.match(r2.text, /^a\n<<<<<<< yours\nx\n\|\|\|\|\|\|\| base\nb\n=======\ny\n>>>>>>> new\n$/);
});

test('unified diff: hunks with context, nothing for equal texts', () => {
  assert.is(unifiedDiff('same\n', 'same\n', 'a', 'b'), '');
  const d = unifiedDiff(lines('1', '2', '3', '4', '5', '6', '7', '8', '9'), lines('1', '2', '3', '4', 'five', '6', '7', '8', '9'), 'a/x', 'b/x');
  assert.is(d, ['--- a/x', '+++ b/x', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'));
  assert.match(unifiedDiff('', 'new\n', '/dev/null', 'b/n'), /@@ -0,0 \+1,1 @@\n\+new\n/);
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "web"
  labels:
    app: "web"
spec:
  replicas: 2
`;

test("structural YAML: both sides add keys at the same spot; the user's comment stays", () => {
  const ours = DEPLOY.replace('    app: "web"\n', '    app: "web"\n    team: "mine" # added by hand\n');
  const theirs = DEPLOY.replace('    app: "web"\n', '    app: "web"\n  annotations:\n    owner: "platform"\n');
  assert.is(merge3(DEPLOY, ours, theirs, L).conflicts, 1, 'lines alone cannot merge this');
  const merged = mergeStructured('x.yaml', DEPLOY, ours, theirs)!;
  assert.match(merged, /team: "mine" # added by hand/);
  assert.equal(parse(merged).metadata, { name: 'web', labels: { app: 'web', team: 'mine' }, annotations: { owner: 'platform' } });
  const o = mergeFile('x.yaml', DEPLOY, ours, theirs, L);
  assert.is(o.kind, 'write');
});

test('structural YAML: list items merge by name; the same value changed twice is a conflict naming the path', () => {
  const base = 'iam:\n  podIdentityAssociations:\n    - serviceAccountName: web\n      namespace: web\n';
  const ours = `${base}    - serviceAccountName: mine\n      namespace: tools\n`;
  const theirs = `${base}    - serviceAccountName: api\n      namespace: api\n`;
  const merged = parse(mergeStructured('c.yaml', base, ours, theirs)!);
  assert.equal(
    merged.iam.podIdentityAssociations.map((p: any) => p.serviceAccountName),
    ['web', 'mine', 'api'],
  );
  try {
    mergeStructured('d.yaml', DEPLOY, DEPLOY.replace('replicas: 2', 'replicas: 5'), DEPLOY.replace('replicas: 2', 'replicas: 3'));
    assert.unreachable('expected a conflict');
  } catch (e) {
    assert.instance(e, StructuralConflict);
    assert.match((e as Error).message, /^spec\.replicas: changed here to 5 and by the new version to 3/);
  }
});

test('structural YAML writes generated files back byte for byte, so a merge only shows what changed', () => {
  const golden = fileURLToPath(new URL('./golden', import.meta.url));
  const files = readdirSync(golden, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const text = readFileSync(path.join(golden, f), 'utf8');
    // A change on one side of a different key keeps every other byte of the user's file.
    const ours = text.replace(/^apiVersion: (.*)$/m, 'apiVersion: $1 # mine');
    assert.is(mergeStructured(f, text, ours, `${text}x-added: 1\n`), `${ours}x-added: 1\n`, f);
  }
});

test('structural JSON: keys from both sides', () => {
  const base = `${JSON.stringify({ a: 1, b: { c: 2 } }, null, 2)}\n`;
  const ours = `${JSON.stringify({ a: 1, b: { c: 2, mine: true } }, null, 2)}\n`;
  const theirs = `${JSON.stringify({ a: 1, b: { c: 2, theirs: true } }, null, 2)}\n`;
  const o = mergeFile('p.json', base, ours, theirs, L);
  assert.is(o.kind, 'write');
  assert.equal(JSON.parse((o as { content: string }).content), { a: 1, b: { c: 2, mine: true, theirs: true } });
});

test('one file: every case of base, yours and new', () => {
  const kind = (b?: string, o?: string, t?: string) => mergeFile('f.txt', b, o, t, L).kind;
  assert.is(kind('x', 'x', 'y'), 'write', 'untouched by you: the new version');
  assert.is(kind('x', 'mine', 'x'), 'keep', 'unchanged upstream: yours');
  assert.is(kind(undefined, undefined, 'new'), 'write', 'a new file');
  assert.is(kind('x', 'x', undefined), 'delete', 'no longer generated, untouched');
  assert.is(kind('x', 'mine', undefined), 'conflict', 'no longer generated, but edited: kept and reported');
  assert.is(kind('x', undefined, 'x'), 'keep', 'you deleted it and it did not change');
  assert.is(kind('x', undefined, 'y'), 'conflict', 'you deleted it and it changed');
  assert.is(kind(undefined, 'yours', 'new'), 'conflict', 'both created the same path');
  const bin = mergeFile('logo.png', 'a\u0000', 'b\u0000', 'c\u0000', L);
  assert.is(bin.kind, 'conflict');
  assert.is((bin as { rej?: string }).rej, 'c\u0000', 'a non-text file gets a .rej with the new version');
});

test('semver ranges as packs declare them', () => {
  assert.ok(compareVersions('1.2.3', '1.10.0') < 0);
  assert.ok(compareVersions('1.0.0-rc.1', '1.0.0') < 0);
  const cases: [string, string, boolean][] = [
    ['0.1.0', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.2', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['1.2.9', '~1.2.0', true],
    ['1.3.0', '~1.2.0', false],
    ['0.1.5', '>=0.1.0 <0.2.0', true],
    ['0.2.0', '>=0.1.0 <0.2.0', false],
    ['3.0.0', '1.x || >=3', true],
    ['2.5.0', '1.x || >=3', false],
    ['1.5.0', '1.0.0 - 2.0.0', true],
    ['0.1.0', '*', true],
    ['0.2.0-beta.1', '^0.1.0', false],
    ['0.1.0', '0.1', true],
  ];
  for (const [v, r, ok] of cases) assert.is(satisfies(v, r), ok, `${v} in ${r}`);
});

test.run();
