// Cluster settings: Kubernetes version support (with the 90-day warning and an explicit supportType),
// secrets encryption with a named or created KMS key, and the control-plane log types.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KUBERNETES_VERSIONS, supportStatus } from '../src/data/versions.ts';
import { resolve } from '../src/plan/resolve.ts';
import { ACCOUNT, checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { renderAnswers, TODAY } from './support/project.ts';

const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

test('a KMS key the user names is used as is: no create step, and the README warns to keep it', async () => {
  const r = await renderAnswers({ kmsKeyArn: KEY });
  checkProject(r, 'named key');
  assert.equal(clusterOf(r).secretsEncryption, { keyARN: KEY });
  const readme = r.files.get('README.md')!;
  assert.not.match(readme, /Create the KMS key/);
  assert.match(
    readme,
    /\*\*Secrets encrypted with your KMS key\*\* \(`arn:aws:kms:us-east-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab`\)\. Keep the key and its key policy: if it is deleted or EKS loses access, the cluster's Secrets cannot be decrypted\./,
  );
  // An alias ARN works too; the created key is the default.
  const alias = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/platform/eks`;
  assert.is(resolve({ kmsKeyArn: alias }, TODAY).kms.arn, alias);
  const created = await renderAnswers({});
  assert.match(
    created.files.get('README.md')!,
    /### Create the KMS key for secrets encryption[\s\S]*Deleting this key makes every Secret in the cluster unrecoverable/,
  );
  // EKS stores the key ARN, and eksctl compares it as a string: the alias is resolved at apply time.
  assert.is(clusterOf(created).secretsEncryption.keyARN, '${KMS_KEY_ARN}');
  const kmsStep = created.plan.steps.find((s) => s.title === 'Create the KMS key for secrets encryption')!;
  assert.match(
    kmsStep.commands[0],
    /^KEY_ID="\$\(aws kms describe-key --region us-east-1 --key-id alias\/eks\/my-cluster --query KeyMetadata\.KeyId --output text 2>\/dev\/null\)" \|\| KEY_ID="\$\(aws kms create-key /,
  );
  assert.match(kmsStep.commands[1], /^aws kms describe-key .*>\/dev\/null 2>&1 \|\| aws kms create-alias /, 'the alias is created only once');
  assert.is(
    kmsStep.commands[3],
    'export KMS_KEY_ARN="$(aws kms describe-key --region us-east-1 --key-id alias/eks/my-cluster --query KeyMetadata.Arn --output text)"',
  );
  assert.match(
    created.plan.steps.find((s) => s.title === 'Create the cluster')!.commands.find((c) => c.includes('eksctl create cluster'))!,
    / \|\| envsubst '\$\{AWS_ACCOUNT_ID\} \$\{CREATOR_CIDR\} \$\{KMS_KEY_ARN\}' < eksctl\/cluster\.yaml \| eksctl create cluster -f -$/,
  );
  // A key the user names is written verbatim and needs no substitution.
  assert.not.ok(r.plan.steps.some((s) => s.commands.some((c) => c.includes('KMS_KEY_ARN'))));
  oneProblem({ kmsKeyArn: 'alias/eks/mine' }, /^kmsKeyArn: "alias\/eks\/mine" is not a KMS key ARN; give arn:aws:kms:<region>:<account>:key\/<id>/);
  oneProblem(
    { kmsKeyArn: KEY.replace('us-east-1', 'eu-west-1') },
    /^kmsKeyArn: the key is in eu-west-1, but EKS needs a key in the cluster's region us-east-1/,
  );
});

test('control-plane logs: any of the five types, default api, audit, authenticator; off warns', async () => {
  assert.equal(clusterOf(await renderAnswers({})).cloudWatch.clusterLogging.enableTypes, ['api', 'audit', 'authenticator']);
  const all = await renderAnswers({ logTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] });
  checkProject(all, 'all logs');
  assert.equal(clusterOf(all).cloudWatch.clusterLogging.enableTypes, ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
  const off = await renderAnswers({ logTypes: [] });
  checkProject(off, 'logs off');
  assert.is(clusterOf(off).cloudWatch, undefined);
  assert.ok(off.plan.warnings.some((w) => w.startsWith('Control-plane logging is off')));
  assert.match(off.files.get('README.md')!, /\*\*Control-plane logs are off\*\*/);
  oneProblem({ logTypes: ['api', 'kubelet'] }, /^logTypes: "kubelet" is not one of api, audit, authenticator, controllerManager, scheduler$/);
  oneProblem({ logTypes: ['api', 'api'] }, /^logTypes: lists a value twice; give each once$/);
});

test('versions: within 90 days of the end of support warns; extended support is explicit', () => {
  // 1.34 leaves standard support on 2026-12-02, three and a half days after TODAY (noon UTC).
  const soon = resolve({ kubernetesVersion: '1.34' }, TODAY);
  assert.ok(soon.warnings.includes('Kubernetes 1.34 leaves standard support on 2026-12-02, within 90 days; plan the upgrade.'), soon.warnings.join('\n'));
  assert.is(soon.supportType, 'STANDARD');
  const ext = KUBERNETES_VERSIONS.find((v) => supportStatus(v.version, TODAY) === 'extended')!;
  const plan = resolve({ kubernetesVersion: ext.version }, TODAY);
  assert.is(plan.supportType, 'EXTENDED');
  assert.not.ok(resolve({}, TODAY).warnings.some((w) => w.includes('support in')));
});

test.run();
