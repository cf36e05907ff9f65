import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { main } from '../src/cli/main.ts';
import { CANCEL, scriptedIo } from './support/io.ts';
import { tempDir } from './support/project.ts';

test('the wizard asks cluster, compute, identity, then app questions, and writes the project', async () => {
  const cwd = tempDir();
  // name comes from the folder; '' takes the default shown at the prompt.
  const s = scriptedIo(['shop'], cwd, [
    'every',
    'eu-west-1',
    '',
    '',
    'public-private',
    '198.51.100.0/24',
    '',
    '',
    '',
    '',
    'managed',
    'm7i.large,m6i.large',
    '',
    // accountId was left empty above, which IRSA needs: the identity question is asked again, with the reason.
    'irsa',
    'pod-identity',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'create',
  ]);
  const code = await main(s.io);
  assert.is(code, 0, s.err());
  assert.ok(existsSync(path.join(cwd, 'shop', 'eksctl', 'cluster.yaml')));
  assert.equal(s.asked, [
    'What do you want to create?',
    'AWS region',
    'AWS account ID (leave empty to fill in when applying)',
    'Kubernetes version',
    'API server endpoint access',
    'CIDRs allowed to reach the public endpoint',
    'IP family of pods and Services',
    'Existing VPC id (leave empty to create a new VPC)',
    'IPv4 CIDR of the new VPC',
    'NAT gateways for the private subnets',
    'How nodes run',
    'Instance types for the node group',
    'Add a node group beside the system group?',
    'How pods get AWS credentials',
    'How pods get AWS credentials',
    'Enforce Kubernetes network policies (default deny in the application namespace)?',
    'First application name',
    'Namespace for the application',
    'Container image',
    'Container port',
    'How the application is reached from outside the cluster',
    'Persistent storage',
    'Add-ons to install',
    'Create the project with these answers?',
  ]);
  // The recap and the command that repeats the run without questions.
  assert.match(s.err(), /Identity: How pods get AWS credentials pod-identity/);
  assert.match(
    s.out(),
    /npm create eks-app@latest shop -- --yes --region eu-west-1 --public-access-cidrs 198\.51\.100\.0\/24 .*--instance-types m7i\.large,m6i\.large/,
  );
  assert.not.match(s.out(), /--identity/, 'an answer at its default is left out');
});

test('answers given as flags are not asked again, and bad input is refused at the prompt', async () => {
  const cwd = tempDir();
  const s = scriptedIo(['shop', '--region', 'eu-west-1', '--identity', 'pod-identity', '--instance-types', 'm7i.large', '--endpoint', 'private'], cwd, [
    'every',
    'not-an-account',
    '123456789012',
    '',
    '',
    '',
    '',
    '',
    'managed',
    '',
    '',
    'Bad_Name',
    'api',
    '',
    'nginx:latest',
    'public.ecr.aws/nginx/nginx-unprivileged:1.30.4-alpine',
    '80',
    '8080',
    '',
    '',
    '',
    'create',
  ]);
  const code = await main(s.io);
  assert.is(code, 0, s.err());
  assert.not.ok(s.asked.includes('AWS region'));
  assert.not.ok(s.asked.includes('How pods get AWS credentials'));
  assert.is(s.refusals.length, 4);
  assert.match(s.refusals[0], /not an AWS account ID/);
  assert.match(s.refusals[1], /not a valid application name/);
  assert.match(s.refusals[2], /pin a version tag or digest/);
  assert.match(s.refusals[3], /needs root or NET_BIND_SERVICE/);
  const saved = JSON.parse(readFileSync(path.join(cwd, 'shop', '.eks-app.json'), 'utf8'));
  assert.is(saved.answers.app.name, 'api');
  assert.is(saved.answers.app.namespace, 'api');
  assert.is(saved.answers.region, 'eu-west-1');
  assert.is(saved.tool.name, 'create-eks-app');
  const cluster = parse(readFileSync(path.join(cwd, 'shop', 'eksctl', 'cluster.yaml'), 'utf8'));
  assert.is(cluster.metadata.name, 'shop');
  assert.match(s.out(), /Created shop/);
  assert.match(s.out(), /envsubst '\$\{CREATOR_CIDR\} \$\{KMS_KEY_ARN\}' < eksctl\/cluster.yaml \| eksctl create cluster -f -/);
});

test('declining an internet-wide endpoint goes back to the CIDR question', async () => {
  const cwd = tempDir();
  const s = scriptedIo(['c1', '--yes'], cwd, []);
  s.io.argv = [
    'c1',
    '--region',
    'us-east-1',
    '--account-id',
    '',
    '--kubernetes-version',
    '1.35',
    '--endpoint',
    'public-private',
    '--compute',
    'managed',
    '--instance-types',
    'm7i.large',
    '--identity',
    'pod-identity',
    '--app-name',
    'web',
    '--app-namespace',
    'web',
    '--app-image',
    'ghcr.io/acme/web:1.0.0',
    '--app-port',
    '8080',
    '--ip-family',
    'ipv4',
    '--vpc-id',
    '',
    '--vpc-cidr',
    '10.0.0.0/16',
    '--nat-gateway',
    'Single',
    '--no-network-policy',
    '--ingress',
    'none',
    '--storage',
    '',
    '--node-group',
    '',
  ];
  const replies = ['every', '0.0.0.0/0', false, '203.0.113.0/24', '', 'create'];
  const s2 = scriptedIo(s.io.argv, cwd, replies);
  assert.is(await main(s2.io), 0, s2.err());
  assert.equal(s2.asked, [
    'What do you want to create?',
    'CIDRs allowed to reach the public endpoint',
    'The API endpoint would be reachable from the whole internet. Continue?',
    'CIDRs allowed to reach the public endpoint',
    'Add-ons to install',
    'Create the project with these answers?',
  ]);
  const cluster = parse(readFileSync(path.join(cwd, 'c1', 'eksctl', 'cluster.yaml'), 'utf8'));
  assert.equal(cluster.vpc.publicAccessCIDRs, ['203.0.113.0/24']);
});

test('Ctrl-C at a prompt ends quietly with exit 0 and leaves nothing behind', async () => {
  const cwd = tempDir();
  const s = scriptedIo(['gone'], cwd, ['every', 'us-east-1', CANCEL]);
  assert.is(await main(s.io), 0);
  assert.match(s.err(), /cancelled/);
  assert.equal(readdirSync(cwd), []);
});

test('precedence: flag over answers file over default', async () => {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'answers.yaml'), 'region: eu-central-1\nnodeGroup:\n  maxSize: 6\napp:\n  name: shop\n  replicas: 3\ncoreDns:\n  replicas: 3\n');
  const s = scriptedIo(['p1', '--yes', '--answers', 'answers.yaml', '--region', 'eu-north-1', '--app-port', '9090', '--core-dns-autoscaling'], cwd, []);
  assert.is(await main(s.io), 0, s.err());
  const saved = JSON.parse(readFileSync(path.join(cwd, 'p1', '.eks-app.json'), 'utf8')).answers;
  assert.is(saved.region, 'eu-north-1');
  assert.is(saved.nodeGroup.maxSize, 6);
  assert.is(saved.app.name, 'shop');
  assert.is(saved.app.replicas, 3);
  assert.is(saved.app.port, 9090, "a flag inside a group does not drop the file's other answers in it");
  assert.equal(saved.coreDns, { replicas: 3, autoscaling: true });
});

test('a non-empty target: refused before any question without a terminal; at one, Cancel or keep the other files; --overwrite keeps foreign files', async () => {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'full'));
  writeFileSync(path.join(cwd, 'full', 'notes.txt'), 'mine');
  const s = scriptedIo(['full'], cwd, [], false);
  assert.is(await main(s.io), 1);
  assert.match(s.err(), /target: .*full is not empty; choose a new folder, or pass --overwrite/);
  assert.equal(s.asked, []);
  // At a terminal the folder is the first question: Cancel writes nothing.
  const c = scriptedIo(['full'], cwd, ['cancel']);
  assert.is(await main(c.io), 0);
  assert.equal(c.asked, ['full is not empty']);
  assert.equal(readdirSync(path.join(cwd, 'full')), ['notes.txt']);
  const k = scriptedIo(['full', '--region', 'eu-west-1'], cwd, ['write', 'recommended', '', '', '', '', 'create']);
  assert.is(await main(k.io), 0, k.err());
  assert.is(readFileSync(path.join(cwd, 'full', 'notes.txt'), 'utf8'), 'mine');
  assert.ok(existsSync(path.join(cwd, 'full', 'eksctl', 'cluster.yaml')));
  const s2 = scriptedIo(['full', '--yes', '--overwrite'], cwd, []);
  assert.is(await main(s2.io), 0, s2.err());
  assert.is(readFileSync(path.join(cwd, 'full', 'notes.txt'), 'utf8'), 'mine');
  assert.ok(existsSync(path.join(cwd, 'full', 'eksctl', 'cluster.yaml')));
  assert.equal(readdirSync(cwd).sort(), ['full'], 'no staging folder left behind');
});

test('conflicts among answers given as flags are shown at once after the questions; the user changes one, and every other answer is kept', async () => {
  const cwd = tempDir();
  const s = scriptedIo(['shop', '--windows-nodes', '--ip-family', 'ipv6', '--account-id', '111122223333', '--region', 'eu-west-1'], cwd, [
    'recommended',
    '',
    '',
    '',
    'ipFamily',
    'ipv4',
    'create',
  ]);
  assert.is(await main(s.io), 0, s.err());
  assert.match(s.err(), /ipFamily: IPv6 clusters run no Windows pods or Services/);
  assert.ok(s.asked.includes('Change which answer?'), s.asked.join(' | '));
  const saved = JSON.parse(readFileSync(path.join(cwd, 'shop', '.eks-app.json'), 'utf8')).answers;
  assert.is(saved.ipFamily, 'ipv4');
  assert.is(saved.windowsNodes, true);
  assert.is(saved.region, 'eu-west-1');
  assert.is(saved.identity, 'irsa');
});

test.run();
