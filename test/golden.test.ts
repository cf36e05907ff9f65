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

for (const [name, answers] of Object.entries(PRESETS)) {
  test(`golden tree: ${name}`, async () => {
    const { files } = await renderAnswers(answers);
    const dir = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(dir, { recursive: true, force: true });
      for (const [p, content] of files) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), content);
      }
    }
    assert.ok(existsSync(dir), `missing golden tree ${name}`);
    assert.equal(listFiles(dir).sort(), [...files.keys()].sort(), 'file list');
    for (const [p, content] of files) {
      const expected = readFileSync(path.join(dir, p), 'utf8');
      if (expected !== content) {
        const a = expected.split('\n');
        const b = content.split('\n');
        const i = a.findIndex((line, n) => line !== b[n]);
        assert.fixture(content, expected, `${name}/${p} differs at line ${i + 1}`);
      }
    }
  });
}

test.run();
