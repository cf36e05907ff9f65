// The wizard in a real terminal, with real keystrokes: each mistake is caught at the question that
// completes it, that question is asked again with the reason, and no earlier answer is lost. Then the
// recap, the recommended path's six questions, and the command that repeats the run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { answer, KEY, nextQuestion, ptyRun, until } from './support/pty.ts';
import { tempDir } from './support/project.ts';

const { enter, down, space, backspace } = KEY;
const saved = (dir: string) => JSON.parse(readFileSync(path.join(dir, '.eks-app.json'), 'utf8')).answers;

/** Starts the wizard in `cwd` with `flags` and takes "every question" at the opening choice. */
async function everyQuestion(flags: string[], cwd: string): Promise<ReturnType<typeof ptyRun>> {
  const t = ptyRun(flags, cwd);
  await until(t, /^What do you want to create/);
  await answer(t, down + enter);
  return t;
}

/** Answers every remaining question with its default, then Create at the recap. */
async function finish(t: ReturnType<typeof ptyRun>): Promise<void> {
  await until(t, /^Create the project with these answers\?/);
  t.send(enter);
}

test('the recommended setup asks six questions at most (five when the folder names the cluster), then the recap', async () => {
  const cwd = tempDir();
  const t = ptyRun(['shop'], cwd);
  await t.expect(/What do you want to create\?/);
  t.send(enter);
  const asked: string[] = [];
  for (;;) {
    const q = await nextQuestion(t);
    if (q.startsWith('Create the project with these answers')) break;
    asked.push(q);
    await answer(t, enter);
  }
  assert.equal(asked, ['AWS region', 'How nodes run', 'How pods get AWS credentials', 'Container image', 'Container port']);
  t.send(enter);
  assert.is(await t.exit(), 0, t.output());
  assert.ok(existsSync(path.join(cwd, 'shop', 'eksctl', 'cluster.yaml')));
  assert.match(t.output(), /Created shop: \d+ files written/);
});

test('public-private with no CIDRs is refused at the CIDR question; the endpoint answer is kept', async () => {
  const cwd = tempDir();
  const t = await everyQuestion(['shop', '--region', 'eu-west-1', '--account-id', '', '--kubernetes-version', '1.35'], cwd);
  await until(t, /^API server endpoint access/);
  await answer(t, down + enter);
  await until(t, /^CIDRs allowed to reach the public endpoint/);
  t.send(enter);
  await t.expect(/> .*required when the endpoint is public-private/);
  await answer(t, `198.51.100.0/24${enter}`);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  const a = saved(path.join(cwd, 'shop'));
  assert.is(a.endpoint, 'public-private');
  assert.equal(a.publicAccessCidrs, ['198.51.100.0/24']);
});

test('two CPU architectures in one node group are refused at the instance types question', async () => {
  const cwd = tempDir();
  const t = await everyQuestion(['shop', '--region', 'eu-west-1', '--account-id', '', '--endpoint', 'private', '--compute', 'managed'], cwd);
  await until(t, /^Instance types for the node group/);
  t.send(`m7i.large,m7g.large${enter}`);
  await t.expect(/> .*(architecture|arm64)/);
  t.send(backspace.repeat(40));
  await answer(t, `m7i.large${enter}`);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  assert.equal(saved(path.join(cwd, 'shop')).nodeGroup.instanceTypes, ['m7i.large']);
});

test('irsa after an empty account id: the identity question is asked again with the reason; choosing Pod Identity keeps the rest', async () => {
  const cwd = tempDir();
  const t = await everyQuestion(['shop', '--region', 'eu-west-1', '--endpoint', 'private', '--compute', 'managed'], cwd);
  await until(t, /^AWS account ID/);
  await answer(t, enter);
  await until(t, /^How pods get AWS credentials/);
  t.send(down + enter);
  // Asked again in place, with the reason where the hint was.
  await t.expect(/^\? How pods get AWS credentials\n.*AWS account ID \(leave empty to fill in when applying\): required with identity irsa/m);
  await answer(t, KEY.up + enter);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  const a = saved(path.join(cwd, 'shop'));
  assert.is(a.identity, 'pod-identity');
  assert.is(a.region, 'eu-west-1');
  assert.is(a.endpoint, 'private');
});

test("Fargate namespaces that leave out the application's namespace are refused at that question", async () => {
  const cwd = tempDir();
  const t = await everyQuestion(['shop', '--region', 'eu-west-1', '--account-id', '111122223333', '--endpoint', 'private', '--compute', 'fargate'], cwd);
  await until(t, /^Namespaces that run on Fargate/);
  t.send(backspace.repeat(20));
  t.send(`batch${enter}`);
  await t.expect(/> .*web/);
  t.send(backspace.repeat(20));
  await answer(t, `web,batch${enter}`);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  // One identity fits Fargate: it was not asked, and a note said why.
  assert.match(t.output(), /How pods get AWS credentials: irsa, the only option here/);
  assert.equal(saved(path.join(cwd, 'shop')).fargate.namespaces, ['web', 'batch']);
});

test('a private subnet in one availability zone is refused at the private subnets question', async () => {
  const cwd = tempDir();
  const t = await everyQuestion(
    ['shop', '--region', 'us-east-1', '--account-id', '', '--endpoint', 'private', '--ip-family', 'ipv4', '--vpc-id', 'vpc-0123456789abcdef0'],
    cwd,
  );
  await until(t, /^Private subnets/);
  t.send(`us-east-1a:subnet-0123456789abcdef0:10.0.64.0/19${enter}`);
  await t.expect(/> .*(two|2) (AZs|availability zones)/);
  await answer(t, `,us-east-1b:subnet-0123456789abcdef1:10.0.96.0/19${enter}`);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  assert.equal(saved(path.join(cwd, 'shop')).subnets.private.length, 2);
});

test('an 88-character cluster name is refused at the name question (its IAM role name would pass 64)', async () => {
  const cwd = tempDir();
  const t = ptyRun(['--region', 'eu-west-1'], cwd);
  await until(t, /^What do you want to create/);
  await answer(t, enter);
  await until(t, /^Cluster name/);
  t.send(backspace.repeat(20) + 'c'.repeat(88) + enter);
  await t.expect(/> .*64 characters/);
  t.send(backspace.repeat(90));
  await answer(t, `shop${enter}`);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  assert.is(saved(path.join(cwd, 'shop')).name, 'shop');
});

test('hpa without metrics-server: metrics-server comes with it, and the run says so', async () => {
  const cwd = tempDir();
  const t = await everyQuestion(['shop', '--region', 'eu-west-1', '--account-id', '', '--endpoint', 'private', '--storage', ''], cwd);
  await until(t, /^Add-ons to install/);
  // The list as drawn: one line per add-on, the cursor on the first.
  const list = await t.expect(/↑↓/);
  const ids = [...list.matchAll(/^[❯ ]?\s*[◯◉]\s+(\S+)/gm)].map((m) => m[1]);
  assert.ok(ids.includes('hpa'), list);
  await answer(t, down.repeat(ids.indexOf('hpa')) + space + enter);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  assert.match(t.output(), /note added metrics-server, which hpa needs/);
  assert.equal(saved(path.join(cwd, 'shop')).addons, ['hpa'], 'the saved answers keep what was chosen');
  assert.match(readFileSync(path.join(cwd, 'shop', 'eksctl', 'cluster.yaml'), 'utf8'), /name: "metrics-server"/);
});

test('the recap: Change an answer goes to that question and back; Cancel writes nothing', async () => {
  const cwd = tempDir();
  const t = ptyRun(['shop'], cwd);
  await until(t, /^What do you want to create/);
  await answer(t, enter);
  await until(t, /^Create the project with these answers/);
  assert.match(t.output(), /Cluster: .*AWS region us-east-1/);
  await answer(t, down + enter);
  await until(t, /^Which answer\?/);
  await answer(t, down + enter);
  await until(t, /^AWS region/);
  t.send('eu-west-3');
  await t.expect(/❯ eu-west-3/);
  await answer(t, enter);
  await until(t, /^Create the project with these answers/);
  assert.match(t.output().split('Which answer?').pop()!, /AWS region eu-west-3/);
  await answer(t, down + down + enter);
  assert.is(await t.exit(), 0, t.output());
  assert.not.ok(existsSync(path.join(cwd, 'shop')), 'Cancel writes nothing');
});

test('a checkbox that breaks a rule is refused inside the prompt, and keeps the selection', async () => {
  const cwd = tempDir();
  const t = await everyQuestion(['shop', '--region', 'eu-west-1', '--account-id', '', '--endpoint', 'private', '--compute', 'karpenter'], cwd);
  await until(t, /^CPU architectures Karpenter may launch/);
  // amd64 is ticked by default: untick it, and try to go on with none.
  t.send(space + enter);
  await t.expect(/> .*give at least one of amd64, arm64/);
  // Still the same prompt, the cursor where it was: tick arm64 and go on.
  await answer(t, down + space + enter);
  await finish(t);
  assert.is(await t.exit(), 0, t.output());
  assert.equal(saved(path.join(cwd, 'shop')).karpenter.architectures, ['arm64']);
});

test.run();
