// Reviewed golden output trees. A mismatch prints the first differing line; after reviewing the
// change, regenerate with UPDATE_GOLDEN=1 npm test and review the git diff before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderAnswers } from './support/project.ts';
import { PRESETS } from './support/presets.ts';

const GOLDEN = fileURLToPath(new URL('./golden', import.meta.url));

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

// test/golden/default holds the whole default project (validate.cluster.test.ts copies it). Every other
// preset keeps only the files that differ from the default's, and .golden-files lists all it writes.
const LIST = '.golden-files';

function compare(name: string, p: string, content: string, expected: string): void {
  if (expected === content) return;
  const a = expected.split('\n');
  const b = content.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  assert.fixture(content, expected, `${name}/${p} differs at line ${i + 1}`);
}

const defaultFiles = renderAnswers(PRESETS.default).then((r) => r.files);

for (const [name, answers] of Object.entries(PRESETS)) {
  test(`golden tree: ${name}`, async () => {
    const { files } = await renderAnswers(answers);
    const dir = path.join(GOLDEN, name);
    const base = await defaultFiles;
    const own = name === 'default' ? [...files.keys()] : [...files.keys()].filter((p) => files.get(p) !== base.get(p));
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(dir, { recursive: true, force: true });
      for (const p of own) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), files.get(p)!);
      }
      if (name !== 'default') writeFileSync(path.join(dir, LIST), `${[...files.keys()].sort().join('\n')}\n`);
    }
    assert.ok(existsSync(dir), `missing golden tree ${name}`);
    const stored = listFiles(dir)
      .filter((p) => p !== LIST)
      .sort();
    if (name === 'default') assert.equal(stored, [...files.keys()].sort(), 'file list');
    else {
      assert.equal(
        readFileSync(path.join(dir, LIST), 'utf8').split('\n').filter(Boolean),
        [...files.keys()].sort(),
        `${name}/${LIST}: the files this preset writes`,
      );
      assert.equal(stored, own.sort(), `${name}: stores exactly the files that differ from default's (rerun with UPDATE_GOLDEN=1 after review)`);
    }
    for (const [p, content] of files) {
      const mine = path.join(dir, p);
      compare(name, p, content, readFileSync(existsSync(mine) ? mine : path.join(GOLDEN, 'default', p), 'utf8'));
    }
  });
}

test.run();
