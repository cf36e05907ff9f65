// The run's real kube-apiserver (v1.32, test/support/apiserver.ts) judges the generated manifests:
// every preset's, and a sample of the property campaign's valid answer sets, through the real
// kubectl with `apply --dry-run=server --validate=strict`, namespaces created for real first.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { resolve } from '../src/plan/resolve.ts';
import { AnswersError } from '../src/plan/answer-rules.ts';
import { ensureNamespaces, kubectl, namespacesOf, realApiServer, skip, type ApiServer } from './support/apiserver.ts';
import { answersArb } from './support/answers-arb.ts';
import { STEP_VALUES } from './support/differential.ts';
import { SERVER_PRESETS } from './support/presets.ts';
import { renderAnswers, TODAY } from './support/project.ts';

const SAMPLE = Number(process.env.SERVER_SAMPLE ?? 25);
const SEED = Number(process.env.FC_SEED ?? 20261128);

/** The project's manifests (k8s/), apply-time files filled in as envsubst would, written to a folder and dry-run together. */
async function dryRunProject(api: ApiServer, answers: PartialAnswers): Promise<{ objects: number; accepted: string[]; stderr: string; exitCode: number }> {
  const { files } = await renderAnswers(answers);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eks-app-server-'));
  const manifests = [...files]
    .filter(([p]) => p.startsWith('k8s/'))
    .map(([p, c]): [string, string] =>
      p.endsWith('.tmpl')
        ? [p.slice(0, -'.tmpl'.length), c.replace(/\$\{(\w+)\}/g, (_, v) => STEP_VALUES[v] ?? assert.unreachable(`${p}: no value for \${${v}}`))]
        : [p, c],
    );
  assert.ok(
    manifests.every(([p]) => /\.(ya?ml|json)$/.test(p)),
    'every manifest is a file kubectl -R reads',
  );
  let objects = 0;
  for (const [p, content] of manifests) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), content);
    objects += parseAllDocuments(content).filter((d) => d.contents !== null).length;
  }
  await ensureNamespaces(api, namespacesOf(manifests.map(([, c]) => c)));
  const r = await kubectl(api, ['apply', '--dry-run=server', '--validate=strict', '-R', '-f', path.join(dir, 'k8s')]);
  return { objects, accepted: r.stdout.split('\n').filter((l) => / \(server dry run\)$/.test(l)), stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}

async function server(what: string): Promise<ApiServer | undefined> {
  const api = await realApiServer();
  if (!('missing' in api)) return api;
  skip(what, api.missing);
  return undefined;
}

for (const [name, answers] of Object.entries(SERVER_PRESETS)) {
  test(`preset ${name}: every manifest accepted by the real API server's dry run`, async () => {
    const api = await server('server dry run of the presets');
    if (!api) return;
    const r = await dryRunProject(api, answers);
    assert.is(r.exitCode, 0, r.stderr);
    assert.is(r.accepted.length, r.objects, `${r.accepted.join('\n')}\n${r.stderr}`);
    assert.ok(r.objects >= 5);
  });
}

test(`a sample of the property campaign (${SAMPLE} valid answer sets) passes the real API server's dry run`, async () => {
  const api = await server('server dry run of the property campaign sample');
  if (!api) return;
  const valid: PartialAnswers[] = [];
  for (const answers of fc.sample(answersArb(false), { seed: SEED, numRuns: SAMPLE * 20 })) {
    try {
      resolve(answers, TODAY);
    } catch (e) {
      if (e instanceof AnswersError) continue;
      throw e;
    }
    valid.push(answers);
    if (valid.length === SAMPLE) break;
  }
  assert.is(valid.length, SAMPLE, 'the generator yields enough valid answer sets');
  for (const answers of valid) {
    const r = await dryRunProject(api, answers);
    assert.is(r.exitCode, 0, `${JSON.stringify(answers)}\n${r.stderr}`);
    assert.is(r.accepted.length, r.objects, `${JSON.stringify(answers)}\n${r.accepted.join('\n')}\n${r.stderr}`);
  }
});

test.run();
