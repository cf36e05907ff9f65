// Every "Resource": "*" the lint flags in generated IAM is a documented upstream trade-off: the
// add-on names the statement and the reason, and the README lists it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OPTIONAL_ADDONS } from '../generators/addons/index.ts';
import { validateFiles } from '../src/validate/index.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { renderAnswers } from './support/project.ts';

const OPTIONS = { externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'] }, secretsStoreCsiDriverProviderAws: { secretName: 'prod/db' } };
const PROJECTS = [
  {
    addons: OPTIONAL_ADDONS.map((m) => m.id).filter((id) => id !== 'cluster-autoscaler'),
    storage: ['ebs', 'efs', 'fsx-lustre'],
    ingress: 'alb',
    addon: OPTIONS,
  },
  { addons: ['cluster-autoscaler'] },
  { compute: 'karpenter' },
];

for (const answers of PROJECTS) {
  test(`wildcard resources are documented: ${JSON.stringify(answers).slice(0, 60)}`, async () => {
    const { plan, files } = await renderAnswers(answers as never);
    const flagged = validateFiles(
      [...files].map(([path, content]) => ({ path, content })),
      validationOptions(plan),
    )
      .findings.filter((f) => f.rule === 'iam-wildcard-resource')
      .map((f) => ({ file: f.file, sid: JSON.parse(files.get(f.file)!).Statement[Number(/^Statement\[(\d+)\]/.exec(f.path)![1])].Sid }));
    for (const f of flagged) {
      const note = plan.wildcardNotes.find((n) => n.file === f.file && n.sid === f.sid);
      assert.ok(note, `${f.file} ${f.sid}: "Resource": "*" without a documented reason`);
      assert.ok(files.get('README.md')!.includes(`\`${f.sid}\``), `README lists ${f.sid}`);
    }
    // And nothing is documented that is not actually there.
    for (const n of plan.wildcardNotes)
      assert.ok(
        flagged.some((f) => f.file === n.file && f.sid === n.sid),
        `${n.file} ${n.sid} is documented but not a wildcard`,
      );
  });
}

test.run();
