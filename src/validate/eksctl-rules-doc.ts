// docs/eksctl-rules.md is generated from EKSCTL_RULES, so the list cannot drift from the code.
import { EKSCTL_RULES } from './eksctl-rules.ts';

export function eksctlRulesDoc(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# eksctl rules checked by `validate`',
    '',
    '<!-- Generated from src/validate/eksctl-rules.ts by `npm run docs`; edit the rules, not this file. -->',
    '',
    'eksctl v0.230.0 checks a ClusterConfig in Go, beyond its JSON schema. `create-eks-app validate` applies the rules below to',
    "`eksctl/cluster.yaml` (and to any other eksctl ClusterConfig in the project). Each finding names the field, quotes eksctl's",
    'reason and says how to fix it. Sources are files and functions in eksctl v0.230.0 (`pkg/apis/eksctl.io/v1alpha5/` unless a',
    'path is given; `configfile.go` is `pkg/ctl/cmdutils/configfile.go`). Rules marked "create" apply only to a config that',
    'creates a cluster (`eksctl create cluster -f`).',
    '',
    '| Rule | Checks | eksctl source | When |',
    '| --- | --- | --- | --- |',
    ...EKSCTL_RULES.map((r) => `| \`${r.id}\` | ${cell(r.covers)} | ${cell(r.source)} | ${r.createOnly ? 'create' : 'always'} |`),
    '',
    "The table test `test/eksctl-rules.test.ts` carries cases from eksctl's own `validation_test.go` (as facts, not code) and",
    'makes every rule fire at least once; the property campaign in `test/robust.fuzz.test.ts` asserts that every valid answer',
    'set renders a config none of these rules refuses.',
    '',
  ].join('\n');
}
