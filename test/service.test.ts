// A service project: one workload onto a cluster that already exists. No ClusterConfig; its role,
// ECR repository and GitHub Actions workflow; a README that reads and checks the cluster first; and
// it is a project like any other (validate, update, check, add service).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { validateFiles } from '../src/validate/index.ts';
import { PRESETS, SERVER_PRESETS } from './support/presets.ts';
import { renderAnswers, tempDir, validatorErrors } from './support/project.ts';
import { runMain, scriptedIo } from './support/io.ts';
import { main } from '../src/cli/main.ts';
import { SHARED_UPSTREAM } from './support/oracles.ts';
import { skip } from './support/skip.ts';
import { readmeSections } from './support/readme-commands.ts';

const POD_IDENTITY = PRESETS['service-pod-identity'];
const IRSA = PRESETS['service-irsa'];
const DISCOVERED = SERVER_PRESETS['service-irsa-discovered'];
const SERVICE_FLAGS = ['--service', '--cluster', 'prod', '--region', 'eu-west-1', '--account-id', '111122223333', '--github-repository', 'example-org/my-api'];

const sectionText = (readme: string, title: RegExp) => {
  const s = readmeSections(readme).find((x) => title.test(x.title));
  assert.ok(s, `README has a section ${title}`);
  return s!.lines.join('\n');
};

test('a service project writes the workload, its roles, ECR lifecycle policy, workflow and README, and no ClusterConfig', async () => {
  const r = await renderAnswers(POD_IDENTITY);
  assert.equal([...r.files.keys()].sort(), [
    '.eks-app.json',
    '.github/workflows/orders.yaml',
    'README.md',
    'ecr/orders.lifecycle-policy.json',
    'iam/prod-orders-ci-policy.json',
    'iam/prod-orders-ci-trust.json',
    'iam/prod-orders-policy.json',
    'iam/prod-orders-trust.json',
    'k8s/orders/00-namespace.yaml',
    'k8s/orders/05-networkpolicy.yaml',
    'k8s/orders/06-networkpolicy-lb.yaml.tmpl',
    'k8s/orders/10-serviceaccount.yaml',
    'k8s/orders/20-deployment.yaml',
    'k8s/orders/30-service.yaml',
    'k8s/orders/35-ingress.yaml',
    'k8s/orders/40-hpa.yaml',
    'k8s/orders/50-pdb.yaml',
  ]);
  const ns = parse(r.files.get('k8s/orders/00-namespace.yaml')!);
  assert.is(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
  // The existing cluster's VPC range is not an answer: the load balancer's policy takes it when applying.
  assert.not.match(r.files.get('k8s/orders/05-networkpolicy.yaml')!, /ipBlock:\s+cidr: "192\.168/);
  assert.equal(parse(r.files.get('k8s/orders/06-networkpolicy-lb.yaml.tmpl')!).spec.ingress[0].from, [{ ipBlock: { cidr: '${VPC_CIDR}' } }]);
  assert.match(
    sectionText(r.files.get('README.md')!, /^Deploy orders/),
    /export VPC_CIDR=.*\nkubectl apply -f k8s\/orders\/\nenvsubst '\$\{VPC_CIDR\}' < k8s\/orders\/06-networkpolicy-lb\.yaml\.tmpl \| kubectl apply -f -/,
  );
  // The cluster's own IngressClass, as given.
  assert.is(parse(r.files.get('k8s/orders/35-ingress.yaml')!).spec.ingressClassName, 'alb');
  // Only the service's answers are kept: a cluster's would be someone else's.
  const saved = JSON.parse(r.files.get('.eks-app.json')!).answers;
  for (const k of ['compute', 'nodeGroup', 'endpoint', 'vpcCidr', 'kmsKeyArn', 'karpenter']) assert.not.ok(k in saved, `.eks-app.json keeps ${k}`);
  assert.is(saved.service, true);
  assert.is(saved.name, 'prod');
  // The README's table of "Resource": "*" statements names only documents this project writes.
  for (const m of r.files.get('README.md')!.matchAll(/^\| `(iam\/[^`]+)` \|/gm)) assert.ok(r.files.has(m[1]), `${m[1]} is written`);
  assert.equal(await validatorErrors(r), []);
});

test("the workload's role reaches exactly the secrets, S3 prefix and tables named, and nothing of their kind beside", async () => {
  const r = await renderAnswers(POD_IDENTITY);
  const policy = JSON.parse(r.files.get('iam/prod-orders-policy.json')!);
  const by = (sid: string) => policy.Statement.find((s: any) => s.Sid === sid);
  assert.equal(by('ReadOwnSecrets').Resource, ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/db-??????']);
  assert.equal(by('ReadOwnSecrets').Action, ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  assert.is(by('ReadWriteOwnObjects1').Resource, 'arn:aws:s3:::example-orders-bucket/orders/*');
  assert.is(by('ListOwnPrefix1').Resource, 'arn:aws:s3:::example-orders-bucket');
  assert.equal(by('ListOwnPrefix1').Condition, { StringLike: { 's3:prefix': ['orders', 'orders/*'] } });
  assert.equal(by('ReadWriteOwnTables').Resource, [
    'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
    'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/*',
  ]);
  assert.not.ok(JSON.stringify(policy).includes('"*"'), 'no statement reaches every resource');
  // Pod Identity: the role trusts the EKS service, and a README step makes the association.
  assert.equal(JSON.parse(r.files.get('iam/prod-orders-trust.json')!).Statement[0].Principal, { Service: 'pods.eks.amazonaws.com' });
  assert.match(
    sectionText(r.files.get('README.md')!, /^Bind the role/),
    /aws eks create-pod-identity-association .*--namespace orders --service-account orders --role-arn "arn:aws:iam::111122223333:role\/prod-orders"/,
  );
});

test("IRSA: the role trusts the given issuer for the ServiceAccount only; without one, the README fills in the cluster's OIDC id", async () => {
  const r = await renderAnswers(IRSA);
  const trust = JSON.parse(r.files.get('iam/prod-reports-trust.json')!).Statement[0];
  const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  assert.is(trust.Principal.Federated, `arn:aws:iam::111122223333:oidc-provider/${issuer}`);
  assert.equal(trust.Condition.StringEquals, { [`${issuer}:sub`]: 'system:serviceaccount:reports:reports', [`${issuer}:aud`]: 'sts.amazonaws.com' });
  assert.is(
    parse(r.files.get('k8s/reports/10-serviceaccount.yaml')!).metadata.annotations['eks.amazonaws.com/role-arn'],
    'arn:aws:iam::111122223333:role/prod-reports',
  );
  const readme = r.files.get('README.md')!;
  // The issuer given is checked against the live cluster, and the provider must exist.
  const check = sectionText(readme, /^Check that prod/);
  assert.match(check, /\[ "\$ISSUER" = https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/EXAMPLED539D4633E53DE1B71EXAMPLE \]/);
  assert.match(check, /aws iam list-open-id-connect-providers/);
  assert.match(check, /kubectl get crd targetgroupbindings\.elbv2\.k8s\.aws/);
  assert.not.match(readme, /create-pod-identity-association/);

  const d = await renderAnswers(DISCOVERED);
  assert.match(d.files.get('iam/prod-jobs-trust.json')!, /oidc\.eks\.us-east-2\.amazonaws\.com\/id\/\$\{OIDC_ID\}:sub/);
  const create = sectionText(d.files.get('README.md')!, /^Create the IAM role/);
  assert.match(
    create,
    /ISSUER="\$\(aws eks describe-cluster --region us-east-2 --name prod --query cluster\.identity\.oidc\.issuer --output text\)"; export OIDC_ID="\$\{ISSUER##\*\/\}"/,
  );
  assert.match(create, /--assume-role-policy-document "\$\(envsubst '\$\{OIDC_ID\}' < iam\/prod-jobs-trust\.json\)"/);
  assert.not.ok(d.files.has('.github/workflows/jobs.yaml') || [...d.files.keys()].some((f) => f.startsWith('ecr/')), '--ci none and --no-ecr write neither');
});

test('the README starts by reading the cluster, then checks each fact the service relies on, each failing with its fix', async () => {
  const readme = (await renderAnswers(POD_IDENTITY)).files.get('README.md')!;
  const titles = readmeSections(readme).map((s) => s.title);
  assert.match(titles[0], /^Read what orders needs from cluster prod/);
  assert.match(titles[1], /^Check that prod has what orders relies on/);
  assert.ok(titles.indexOf('Deploy orders') > titles.indexOf('Let GitHub Actions deploy orders'));
  const check = sectionText(readme, /^Check that prod/);
  for (const fact of [
    /--query cluster\.status/,
    /kubectl api-versions \| grep -qx "\$API"/,
    /--addon-name eks-pod-identity-agent/,
    /cluster\.accessConfig\.authenticationMode/,
    /kubectl get ingressclass alb -o jsonpath='\{\.spec\.controller\}'\)" = ingress\.k8s\.aws\/alb/,
    /tag:kubernetes\.io\/role\/elb/,
    /aws-network-policy-agent/,
    /v1beta1\.metrics\.k8s\.io/,
  ])
    assert.match(check, fact);
  // Every check that can fail says why on stderr and fails.
  for (const line of check.split('\n').filter((l) => /\|\| \{ echo/.test(l))) assert.match(line, />&2; false; \}/);
  assert.not.match(readme, /eksctl create cluster|cluster\.yaml/);
});

test("the workflow builds, pushes to ECR, validates and deploys through OIDC, and passes GitHub's workflow schema", async () => {
  const schemaFile = path.join(SHARED_UPSTREAM, 'github', 'github-workflow.json');
  if (!existsSync(schemaFile)) return skip("GitHub's workflow schema", `${schemaFile} is absent`);
  const { Ajv } = await import('ajv');
  const compiled = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const validate = Object.assign((d: unknown): boolean => compiled(d), {
    get errors() {
      return compiled.errors;
    },
  });
  for (const [name, answers] of [
    ['service-pod-identity', POD_IDENTITY],
    ['service-irsa', IRSA],
  ] as const) {
    const r = await renderAnswers(answers);
    const file = [...r.files.keys()].find((f) => f.startsWith('.github/workflows/'))!;
    // GitHub reads workflows as YAML 1.2, where `on` is a key.
    const wf: any = parse(r.files.get(file)!);
    assert.ok(validate(wf), `${name} ${file}: ${JSON.stringify(validate.errors)}`);
    assert.equal(wf.permissions, { 'id-token': 'write', contents: 'read' });
    const steps = wf.jobs.deploy.steps;
    const sign = steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    assert.ok(sign.with['role-to-assume'].endsWith(`:role/prod-${answers.app!.name}-ci`));
    assert.not.ok(JSON.stringify(wf).includes('secrets.'), 'no stored keys');
    const runs = steps.map((s: any) => s.run ?? s.uses);
    const at = (re: RegExp) => runs.findIndex((x: string) => re.test(x));
    assert.ok(at(/^docker push/) < at(/validate \.$/) && at(/validate \.$/) < at(/^kubectl apply/), 'push, then validate, then deploy');
    // The namespace is the cluster admin's; the CI role may change only what is inside it.
    assert.not.match(runs[at(/^kubectl apply/)], /00-namespace/);
    assert.is(wf.jobs.deploy.env.IMAGE, `111122223333.dkr.ecr.eu-west-1.amazonaws.com/${answers.app!.name}:\${{ github.sha }}`);
  }
  // The schema is a real check: a workflow without jobs fails it.
  assert.not.ok(validate({ on: 'push' }));
});

test('the CI role trusts one repository and branch, pushes to its own repository only, and reaches one namespace', async () => {
  const r = await renderAnswers(IRSA);
  const trust = JSON.parse(r.files.get('iam/prod-reports-ci-trust.json')!).Statement[0];
  assert.equal(trust.Condition.StringEquals, {
    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    'token.actions.githubusercontent.com:sub': 'repo:example-org/reports:ref:refs/heads/release',
  });
  const policy = JSON.parse(r.files.get('iam/prod-reports-ci-policy.json')!);
  const push = policy.Statement.find((s: any) => s.Sid === 'EcrPushOwnRepository');
  assert.is(push.Resource, 'arn:aws:ecr:eu-west-1:111122223333:repository/reports');
  assert.equal(
    policy.Statement.filter((s: any) => s.Resource === '*').map((s: any) => s.Action),
    ['ecr:GetAuthorizationToken'],
  );
  const readme = r.files.get('README.md')!;
  const ci = sectionText(readme, /^Let GitHub Actions deploy/);
  assert.match(ci, /--access-scope type=namespace,namespaces=reports/);
  assert.match(
    ci,
    /aws iam get-open-id-connect-provider .*\|\| aws iam create-open-id-connect-provider --region eu-west-1 --url https:\/\/token\.actions\.githubusercontent\.com/,
  );
  // The one wildcard is said in the README, with its reason.
  assert.match(readme, /`iam\/prod-reports-ci-policy\.json` \| `EcrSignIn` \|/);
  const lifecycle = JSON.parse(r.files.get('ecr/reports.lifecycle-policy.json')!);
  assert.equal(
    lifecycle.rules.map((x: any) => [x.rulePriority, x.selection.tagStatus]),
    [
      [1, 'untagged'],
      [2, 'any'],
    ],
  );
  assert.match(sectionText(readme, /^Create the ECR repository/), /--image-tag-mutability IMMUTABLE --image-scanning-configuration scanOnPush=true/);
});

test('validate refuses a broken lifecycle policy, a workflow that cannot sign in, and a GitHub trust open to every repository', () => {
  const lc = {
    rules: [
      { rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } },
      { rulePriority: 2, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 3 }, action: { type: 'expire' } },
    ],
  };
  const wf =
    'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::111122223333:role/x\n          aws-region: eu-west-1\n';
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      },
    ],
  };
  const { findings } = validateFiles([
    { path: 'ecr/x.lifecycle-policy.json', content: JSON.stringify(lc) },
    { path: '.github/workflows/x.yaml', content: wf },
    { path: 'iam/x-ci-trust.json', content: JSON.stringify(trust) },
  ]);
  const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.path} ${f.rule}: ${f.message}`);
  assert.ok(
    errors.some((e) => /rules\[0\]\.rulePriority ecr-lifecycle: .*tagStatus any must have the highest rulePriority/.test(e)),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => /rules\[1\]\.selection\.countUnit ecr-lifecycle: Required value: "days"/.test(e)),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => /gh-workflow: Required value: signing in with role-to-assume needs permissions id-token: write/.test(e)),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => /iam-trust-scope: .*every GitHub repository can assume this role/.test(e)),
    errors.join('\n'),
  );
  assert.is(errors.length, 4, errors.join('\n'));
});

test('missing cluster facts and cluster answers are refused by name, with the flag that fixes them; nothing is written', async () => {
  const cases: [string[], RegExp][] = [
    [['--service', '--region', 'eu-west-1', '--ci', 'none'], /^error name: a service project needs the name of the cluster it deploys onto; give --cluster /],
    [['--service', '--cluster', 'prod', '--ci', 'none'], /^error region: a service project needs the region of the cluster .*; give --region /],
    [
      [...SERVICE_FLAGS, '--compute', 'karpenter'],
      /^error compute: belongs to a new cluster; a service project \(--service\) deploys onto a cluster that exists, so drop --compute/,
    ],
    [[...SERVICE_FLAGS, '--addons', 'metrics-server'], /^error addons: metrics-server is installed on the cluster, .* adds only hpa, pdb/],
    [[...SERVICE_FLAGS, '--ingress', 'alb'], /^error ingressClass: needed for an ALB on an existing cluster; give --ingress-class /],
    [
      ['--service', '--cluster', 'prod', '--region', 'eu-west-1', '--account-id', '111122223333'],
      /^error app\.githubRepository: needed for the CI role's trust; give --github-repository /,
    ],
    [['--service', '--cluster', 'prod', '--region', 'eu-west-1', '--github-repository', 'o/r'], /^error accountId: needed with --ci github-actions/],
    [
      [...SERVICE_FLAGS, '--identity', 'irsa', '--cluster-oidc-issuer', 'https://oidc.eks.us-west-2.amazonaws.com/id/ABCDEF0123456789'],
      /^error clusterOidcIssuer: the issuer is in us-west-2, and the cluster's region is eu-west-1/,
    ],
    [[...SERVICE_FLAGS, '--s3-prefixes', 'my-bucket'], /^error app\.s3Prefixes: "my-bucket" names a whole bucket; give bucket\/prefix/],
    [[...SERVICE_FLAGS, '--github-branch', 'release/*'], /^error app\.githubBranch: "release\/\*" is not a branch name/],
  ];
  for (const [flags, message] of cases) {
    const cwd = tempDir();
    const r = await runMain(['my-api', '--yes', ...flags], cwd);
    assert.is(r.exitCode, 1, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.trim().split('\n')[0], message);
    assert.not.ok(existsSync(path.join(cwd, 'my-api')), `${flags.join(' ')}: nothing written`);
  }
});

test('a service project is a project: validate passes, a hand edit survives update and is not drift, add service brings its own role, ECR and workflow', async () => {
  const cwd = tempDir();
  const created = await runMain(['my-api', '--yes', ...SERVICE_FLAGS, '--identity', 'irsa'], cwd);
  assert.is(created.exitCode, 0, created.stderr);
  const dir = path.join(cwd, 'my-api');
  assert.ok(existsSync(path.join(dir, 'k8s/my-api/20-deployment.yaml')), 'the folder names the service');
  assert.not.ok(existsSync(path.join(dir, 'eksctl')));
  const v = await runMain(['validate', dir], cwd);
  assert.is(v.exitCode, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /0 errors, 0 warnings, 0 unchecked/);

  // A hand edit: the team's own environment variable.
  const dep = path.join(dir, 'k8s/my-api/20-deployment.yaml');
  const edited = readFileSync(dep, 'utf8').replace(/( +)ports:\n/, '$1env:\n$1  - name: LOG_LEVEL\n$1    value: debug\n$1ports:\n');
  assert.ok(edited.includes('LOG_LEVEL'));
  writeFileSync(dep, edited);
  const c = await runMain(['check', '--project', dir], cwd);
  assert.is(c.exitCode, 0, `a kept edit is not drift: ${c.stdout}${c.stderr}`);
  const u = await runMain(['update', '--project', dir, '--answer', 'app.replicas=3'], cwd);
  assert.is(u.exitCode, 0, u.stderr);
  const after = readFileSync(dep, 'utf8');
  assert.match(after, /LOG_LEVEL/);
  assert.match(readFileSync(path.join(dir, 'k8s/my-api/40-hpa.yaml'), 'utf8'), /minReplicas: 3/);
  assert.is((await runMain(['check', '--project', dir], cwd)).exitCode, 0);

  const a = await runMain(['add', 'service', 'worker', '--project', dir, '--secrets', 'prod/worker/token'], cwd);
  assert.is(a.exitCode, 0, a.stderr);
  for (const f of [
    'k8s/worker/20-deployment.yaml',
    'iam/prod-worker-trust.json',
    'iam/prod-worker-ci-trust.json',
    'ecr/worker.lifecycle-policy.json',
    '.github/workflows/worker.yaml',
  ])
    assert.ok(existsSync(path.join(dir, f)), f);
  // Its CI follows the first workload's repository; its role reaches its own secret.
  assert.match(readFileSync(path.join(dir, 'iam/prod-worker-ci-trust.json'), 'utf8'), /repo:example-org\/my-api:ref:refs\/heads\/main/);
  assert.match(readFileSync(path.join(dir, 'iam/prod-worker-policy.json'), 'utf8'), /secret:prod\/worker\/token-\?\?\?\?\?\?/);
  assert.match(a.stdout, /# Create the IAM role prod-worker\n/);
  assert.match(a.stdout, /# Deploy worker\n/);
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
  assert.match(readme, /### Delete the ECR repository worker/);
  assert.is((await runMain(['validate', dir], cwd)).exitCode, 0);
  assert.is((await runMain(['check', '--project', dir], cwd)).exitCode, 0);
});

test('a cluster project can give its application an ECR repository and a workflow too', async () => {
  const answers: PartialAnswers = { accountId: '111122223333', app: { ecr: true, ci: 'github-actions', githubRepository: 'example-org/shop' } };
  const r = await renderAnswers(answers);
  assert.ok(r.files.has('eksctl/cluster.yaml') && r.files.has('.github/workflows/web.yaml') && r.files.has('ecr/web.lifecycle-policy.json'));
  const titles = readmeSections(r.files.get('README.md')!).map((s) => s.title);
  assert.ok(titles.indexOf('Create the cluster') < titles.indexOf('Let GitHub Actions deploy web'));
  assert.ok(titles.includes('Delete the ECR repository web'));
  assert.equal(await validatorErrors(r), []);
});

test('the wizard: "a service on a cluster that exists?" first, then only what a workload has; the folder names the service', async () => {
  const cwd = tempDir();
  const s = scriptedIo(['billing'], cwd, [
    'service',
    'prod',
    'eu-west-1',
    '111122223333',
    '',
    'pod-identity',
    '',
    '',
    '',
    '',
    'alb',
    'alb',
    '',
    '',
    'example-org/billing',
    '',
    '',
    '',
    '',
    'create',
  ]);
  assert.is(await main(s.io), 0, s.err());
  assert.is(s.asked.at(-1), 'Create the project with these answers?');
  assert.equal(s.asked.slice(0, 4), ['What do you want to create?', 'Cluster name', 'AWS region', 'AWS account ID (leave empty to fill in when applying)']);
  for (const cluster of ['Kubernetes version', 'API server endpoint access', 'How nodes run', 'IPv4 CIDR of the new VPC', 'Persistent storage'])
    assert.not.ok(s.asked.includes(cluster), `a service project is not asked "${cluster}"`);
  for (const own of [
    "The cluster's IngressClass for the Application Load Balancer",
    'Create an ECR repository for the image?',
    'CI workflow',
    'GitHub repository of the workflow (owner/name)',
  ])
    assert.ok(s.asked.includes(own), `asked "${own}": ${s.asked.join(' | ')}`);
  const dir = path.join(cwd, 'billing');
  assert.ok(existsSync(path.join(dir, 'k8s/billing/35-ingress.yaml')) && existsSync(path.join(dir, '.github/workflows/billing.yaml')));
  const answers = JSON.parse(readFileSync(path.join(dir, '.eks-app.json'), 'utf8')).answers;
  assert.is(answers.app.name, 'billing');
  // The same run as one command names the existing cluster with --cluster, and gives the same answers.
  const command = /^ {2}(npm create eks-app@latest .*)$/m.exec(s.out())?.[1] ?? '';
  assert.match(command, / --service /);
  assert.match(command, / --cluster prod /);
  assert.not.match(command, / --name /);
  const argv = command
    .split(' ')
    .slice(3)
    .filter((w) => w !== '--');
  const again = tempDir();
  const r = await runMain(argv, again);
  assert.is(r.exitCode, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(path.join(again, 'billing', '.eks-app.json'), 'utf8')).answers, answers);
});

test("a team's pack fixes a service project's answers (cluster, region, network policy, CI) and adds its labels; a fixed answer cannot be overridden", async () => {
  const cwd = tempDir();
  const acme = fileURLToPath(new URL('../examples/acme-eks-pack', import.meta.url));
  const pack = path.join(cwd, 'service-pack');
  mkdirSync(pack);
  cpSync(path.join(acme, 'templates', 'base'), path.join(pack, 'templates', 'base'), { recursive: true });
  writeFileSync(
    path.join(pack, 'eks-app-pack.json'),
    JSON.stringify({
      name: 'acme-service-pack',
      version: '1.0.0',
      engines: { 'create-eks-app': '^0.2.0' },
      templates: 'templates',
      questions: JSON.parse(readFileSync(path.join(acme, 'eks-app-pack.json'), 'utf8')).questions,
      fixed: { service: true, name: 'prod', region: 'eu-west-1', accountId: '111122223333', cni: { networkPolicy: true }, app: { ci: 'github-actions' } },
    }),
  );
  const r = await runMain(['orders', '--yes', '--template', pack, '--pack-cost-center', 'cc-1234', '--github-repository', 'acme/orders'], cwd);
  assert.is(r.exitCode, 0, r.stderr);
  const dir = path.join(cwd, 'orders');
  assert.not.ok(existsSync(path.join(dir, 'eksctl')));
  assert.ok(existsSync(path.join(dir, 'k8s/orders/05-networkpolicy.yaml')), 'network policy fixed on');
  assert.match(readFileSync(path.join(dir, 'iam/prod-orders-ci-trust.json'), 'utf8'), /repo:acme\/orders:ref:refs\/heads\/main/);
  const dep = parse(readFileSync(path.join(dir, 'k8s/orders/20-deployment.yaml'), 'utf8'));
  assert.is(dep.metadata.labels['acme.example.com/cost-center'], 'cc-1234');
  assert.is(JSON.parse(readFileSync(path.join(dir, '.eks-app.json'), 'utf8')).pack.name, 'acme-service-pack');
  assert.is((await runMain(['check', '--project', dir], cwd)).exitCode, 0);

  const over = await runMain(['other', '--yes', '--template', pack, '--pack-cost-center', 'cc-1234', '--ci', 'none'], cwd);
  assert.is(over.exitCode, 1);
  assert.match(over.stderr, /^error app\.ci: fixed to "github-actions" by template pack acme-service-pack 1\.0\.0/m);
  assert.not.ok(existsSync(path.join(cwd, 'other')));
});

test('add service in a cluster project takes the same ECR, CI and resource flags', async () => {
  const cwd = tempDir();
  assert.is((await runMain(['shop', '--yes', '--account-id', '111122223333'], cwd)).exitCode, 0);
  const dir = path.join(cwd, 'shop');
  const a = await runMain(
    ['add', 'service', 'api', '--project', dir, '--ecr', '--ci', 'github-actions', '--github-repository', 'example-org/shop', '--dynamodb-tables', 'carts'],
    cwd,
  );
  assert.is(a.exitCode, 0, a.stderr);
  assert.ok(existsSync(path.join(dir, '.github/workflows/api.yaml')) && existsSync(path.join(dir, 'ecr/api.lifecycle-policy.json')));
  assert.match(readFileSync(path.join(dir, 'iam/shop-api-policy.json'), 'utf8'), /table\/carts/);
  // The repository and CI role come before eksctl makes the service's role and it deploys.
  assert.ok(a.stdout.indexOf('# Create the ECR repository api') < a.stdout.indexOf('eksctl create podidentityassociation'), a.stdout);
  assert.ok(!existsSync(path.join(dir, '.github/workflows/web.yaml')), 'the first application keeps no workflow it did not ask for');
  assert.is((await runMain(['validate', dir], cwd)).exitCode, 0);
});

test.run();
