// The offline validator against the real kube-apiserver (test/support/differential.ts): seeded
// mutations of every preset's manifests and of hand-written ones, each judged by both. A verdict
// that differs is a validator defect unless docs/validator-differences.md explains it.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realApiServer, SERVER_VERSION, skip } from './support/apiserver.ts';
import { DOCUMENTED, runDifferential, summarize } from './support/differential.ts';

const MUTATIONS = Number(process.env.DIFF_MUTATIONS ?? 2000);
const SEED = Number(process.env.DIFF_SEED ?? 20261201);

test(`offline validator and the real API server agree on ${MUTATIONS} mutated manifests`, async () => {
  const api = await realApiServer();
  if ('missing' in api) return skip('differential test against the real API server', api.missing);
  const { judged, bases } = await runDifferential(api, MUTATIONS, SEED, SERVER_VERSION);
  // The manifests as written: both accept every one.
  const originals = judged.filter((j) => j.op === 'none');
  assert.is(originals.length, bases);
  assert.equal(
    originals.filter((j) => !j.server || !j.offline).map((j) => `${j.source}: ${j.serverMessage || j.offlineMessages.join('; ')}`),
    [],
  );
  // Most mutations break something, and both see it.
  const refused = judged.filter((j) => !j.server).length;
  assert.ok(refused > MUTATIONS / 4, `only ${refused} mutations were refused: the mutator is too gentle`);
  const s = summarize(judged);
  const show = (j: (typeof s.defects)[number]) =>
    `${j.source} ${j.op} ${j.path}: server ${j.server ? 'accepts' : `refuses (${j.serverMessage})`}, offline ${j.offline ? 'accepts' : `refuses (${j.offlineMessages.join('; ')})`}`;
  assert.equal(s.defects.map(show), [], 'verdicts that differ for no documented reason');
  console.log(
    `differential: ${s.agreed} of ${s.judged} verdicts agree (${((100 * s.agreed) / s.judged).toFixed(2)}%), documented differences ${JSON.stringify(s.documented)}, ${bases} base objects, seed ${SEED}`,
  );
  assert.ok(s.agreed / s.judged >= 0.995, `agreement ${((100 * s.agreed) / s.judged).toFixed(2)}% is under 99.5%`);
});

test('every documented difference is explained in docs/validator-differences.md', () => {
  const doc = readFileSync(new URL('../docs/validator-differences.md', import.meta.url), 'utf8');
  for (const d of DOCUMENTED) assert.ok(doc.includes(`\`${d.id}\``), d.id);
});

test.run();
