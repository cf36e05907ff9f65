// Hostile text in every free-text answer: each value is either refused with a one-line rule that
// names the field, or written so that every output file still parses, with the value intact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { QUESTIONS } from '../src/answers/registry.ts';
import { setPath } from '../src/answers/paths.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { AnswersError } from '../src/plan/answer-rules.ts';
import { renderAnswers } from './support/project.ts';

const HOSTILE = [
  'with "quotes"',
  "it's",
  'colon: value',
  'hash # here',
  'line\nbreak',
  'cr\rreturn',
  '{{ handlebars }}',
  '{{{triple}}}',
  'ünïcødé 日本語 🚀',
  '-leading-dash',
  '--flag',
  'x'.repeat(1000),
  '',
  ' ',
  '\u2028',
  '\t',
  '`tick`',
  '$(rm -rf /)',
  '../../etc/passwd',
  'null',
  'true',
  '*',
  '&a',
  '!!str',
];

/** Answers that make the questions which depend on others applicable. */
const CONTEXT: PartialAnswers = {
  addons: ['external-dns', 'secrets-store-csi-driver', 'secrets-store-csi-driver-provider-aws'],
  addon: { externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'] }, secretsStoreCsiDriverProviderAws: { secretName: 'prod/web/db' } },
};

/** Every string (keys too) in a parsed document; the saved answers do not count as output. */
function collect(v: unknown, into: Set<string>, skip: boolean): void {
  if (skip) return;
  if (typeof v === 'string') {
    into.add(v);
    // Some values travel as JSON inside YAML (SecretProviderClass objects, eksctl configurationValues).
    if (/^[[{]/.test(v)) {
      try {
        collect(JSON.parse(v), into, false);
      } catch {
        /* plain text */
      }
    }
  } else if (Array.isArray(v)) v.forEach((x) => collect(x, into, false));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      into.add(k);
      collect(x, into, false);
    }
}

/** Free-text answers that are written into the generated files as given. */
const REACHES_OUTPUT = new Set([
  'tags',
  'nodeGroup.labels',
  'app.image',
  'addon.secretsStoreCsiDriverProviderAws.secretName',
  'addon.externalDns.domainFilters',
]);

const textQuestions = QUESTIONS.filter((q) => ['string', 'list', 'map'].includes(q.kind));

test(`hostile text in ${textQuestions.length} free-text answers is refused or written intact`, async () => {
  let refused = 0;
  let written = 0;
  for (const q of textQuestions) {
    for (const h of HOSTILE) {
      const answers: PartialAnswers = structuredClone(CONTEXT);
      const value = q.kind === 'list' ? [h] : q.kind === 'map' ? { team: h } : h;
      setPath(answers, q.key, value);
      let rendered;
      try {
        rendered = await renderAnswers(answers);
      } catch (e) {
        if (!(e instanceof AnswersError)) throw new Error(`${q.key}=${JSON.stringify(h)}: ${(e as Error).stack}`);
        const line = e.message.split('\n')[0];
        assert.ok(line.length > 0 && !line.includes('\n'), `${q.key}: one line`);
        assert.match(line, /^[a-zA-Z][\w.]*: \S/, `${q.key}=${JSON.stringify(h)} names a field: ${line}`);
        refused++;
        continue;
      }
      written++;
      const strings = new Set<string>();
      for (const [p, content] of rendered.files) {
        if (p.endsWith('.json')) collect(JSON.parse(content), strings, p === '.eks-app.json');
        if (p.endsWith('.yaml')) {
          for (const d of parseAllDocuments(content)) {
            assert.equal(d.errors, [], `${p} with ${q.key}=${JSON.stringify(h)}`);
            collect(d.toJSON(), strings, false);
          }
        }
      }
      // Where the value reaches the output, it arrives exactly: parsed back, not just saved.
      if (h.trim() !== '' && REACHES_OUTPUT.has(q.key)) assert.ok(strings.has(h), `${q.key}=${JSON.stringify(h)} is not in any output file exactly`);
      // The saved answers keep the value exactly, so the project can be re-rendered from them.
      const saved = JSON.parse(rendered.files.get('.eks-app.json')!).answers;
      assert.equal(
        q.key.split('.').reduce((o: any, k) => o?.[k], saved),
        value,
        `${q.key} saved exactly`,
      );
    }
  }
  console.log(`hostile: ${refused} refused, ${written} written intact, over ${textQuestions.length} answers`);
  assert.ok(refused > 0 && written > 0);
});

test('tag values with colons, YAML syntax and unicode reach the ClusterConfig exactly', async () => {
  // Within what AWS accepts in a tag value: letters, digits, spaces and _ . : / = + - @.
  const tags = { owner: 'Ops core team: 1 - ünï 日本', 'cost-center': '- 42', path: '/a/b=c@d+e', empty: '' };
  const { files } = await renderAnswers({ tags });
  assert.equal(parse(files.get('eksctl/cluster.yaml')!).metadata.tags, tags);
});

test.run();
