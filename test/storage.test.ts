import { problemsOf } from './compute.helpers.ts';
// Storage: EBS, EFS and FSx for Lustre, each with its CSI driver add-on and role, a
// StorageClass, an example claim and a workload that mounts it; volume snapshots. Output validates
// against the Kubernetes OpenAPI and the eksctl schema, IAM matches what upstream publishes, and every
// constraint fails with one line naming the field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { main } from '../src/cli/main.ts';
import { resolve } from '../src/plan/resolve.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { validateFiles } from '../src/validate/index.ts';
import { scriptedIo } from './support/io.ts';
import { renderAnswers, tempDir, TODAY, type Rendered } from './support/project.ts';
import { actionsGranted, sharedAvailable, skipNote, upstreamIamActions, validateClusterConfig, validateK8sYaml } from './support/oracles.ts';

const SHARED = sharedAvailable();
const ACCOUNT = '111122223333';
const APPLY_TIME: Record<string, string> = {
  EFS_FILE_SYSTEM_ID: 'fs-0123456789abcdef0',
  FSX_SUBNET_ID: 'subnet-0123456789abcdef0',
  FSX_SECURITY_GROUP_ID: 'sg-0123456789abcdef0',
};
const envsubst = (text: string) => text.replace(/\$\{([A-Z_]+)\}/g, (m, v: string) => APPLY_TIME[v] ?? m);
const docs = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter(Boolean);

function outputProblems({ plan, files }: Rendered): string[] {
  const out: string[] = [];
  for (const [p, raw] of files) {
    const content = envsubst(raw);
    if (SHARED && p.startsWith('eksctl/')) for (const e of validateClusterConfig(parse(content))) out.push(`${p}: ${e}`);
    if (p.startsWith('k8s/')) {
      for (const d of parseAllDocuments(content)) {
        const obj = d.toJS();
        if (!obj) continue;
        if (
          JSON.stringify(obj)
            .replace(/\$\{AWS_ACCOUNT_ID\}/g, '')
            .includes('${')
        )
          out.push(`${p}: an apply-time value is left unfilled`);
        // No VolumeSnapshotClass schema is vendored in ../shared/upstream; the project validator checks its shape below.
        if (SHARED && obj.apiVersion !== 'snapshot.storage.k8s.io/v1')
          for (const e of validateK8sYaml(d.toString(), plan.answers.kubernetesVersion)) out.push(`${p}: ${e}`);
      }
    }
  }
  const { findings } = validateFiles(
    [...files].map(([p, content]) => ({ path: p, content: envsubst(content) })),
    validationOptions(plan),
  );
  for (const f of findings.filter((x) => x.severity !== 'unchecked' && x.rule !== 'iam-wildcard-resource'))
    out.push(`validator: ${f.file} ${f.path}: ${f.message} [${f.rule}]`);
  return out;
}

if (!SHARED) test('upstream oracles', () => skipNote('eksctl schema, Kubernetes OpenAPI and IAM checks of the storage output'));

const CASES: Record<string, PartialAnswers> = {
  ebs: { storage: ['ebs'] },
  efs: { storage: ['efs'] },
  'efs with a file system id': { storage: ['efs'], addon: { awsEfsCsiDriver: { fileSystemId: 'fs-0123456789abcdef0' } } },
  'fsx-lustre': { storage: ['fsx-lustre'] },
  'volume snapshots': { storage: ['ebs'], volumeSnapshots: true },
  'every kind, with IRSA': { storage: ['ebs', 'efs', 'fsx-lustre'], volumeSnapshots: true, identity: 'irsa', accountId: ACCOUNT },
  'EFS on Fargate (static)': { compute: 'fargate', accountId: ACCOUNT, storage: ['efs'] },
  'EFS for an application on a Fargate namespace next to nodes': { fargate: { namespaces: ['web'] }, identity: 'irsa', accountId: ACCOUNT, storage: ['efs'] },
  'EBS and snapshots with Auto Mode': { compute: 'auto-mode', storage: ['ebs'], volumeSnapshots: true },
  'EBS with Karpenter and network policy': { compute: 'karpenter', storage: ['ebs', 'efs'], cni: { networkPolicy: true } },
  'storage on an existing VPC': {
    vpcId: 'vpc-0123456789abcdef0',
    subnets: { private: ['us-east-1a:subnet-0bbbbbbbbbbbbbbb1:10.0.64.0/19', 'us-east-1b:subnet-0bbbbbbbbbbbbbbb2:10.0.96.0/19'] },
    storage: ['efs', 'fsx-lustre'],
  },
};

for (const [name, answers] of Object.entries(CASES)) {
  test(`renders and validates: ${name}`, async () => {
    assert.equal(outputProblems(await renderAnswers(answers)), []);
  });
}

test('ebs: the driver add-on with its role, an encrypted default gp3 class (WaitForFirstConsumer), a claim and a Deployment that mounts it', async () => {
  const { plan, files } = await renderAnswers({ storage: ['ebs'] });
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  const addon = cluster.addons.find((x: any) => x.name === 'aws-ebs-csi-driver');
  assert.equal(
    addon.podIdentityAssociations.map((x: any) => [x.namespace, x.serviceAccountName]),
    [['kube-system', 'ebs-csi-controller-sa']],
  );
  assert.equal(plan.answers.addons, [], 'the driver is implied, not written into the answers');
  const sc = parse(files.get('k8s/addons/aws-ebs-csi-driver/storageclass-gp3.yaml')!);
  assert.equal(
    [sc.provisioner, sc.parameters, sc.volumeBindingMode, sc.metadata.annotations['storageclass.kubernetes.io/is-default-class']],
    ['ebs.csi.aws.com', { type: 'gp3', encrypted: 'true' }, 'WaitForFirstConsumer', 'true'],
  );
  const [pvc, dep] = docs(files.get('k8s/storage/10-ebs.yaml')!);
  assert.equal([pvc.kind, pvc.spec.storageClassName, pvc.spec.accessModes], ['PersistentVolumeClaim', 'gp3', ['ReadWriteOnce']]);
  assert.equal(dep.spec.template.spec.volumes.find((v: any) => v.name === 'data').persistentVolumeClaim, { claimName: 'web-ebs' });
  assert.equal(dep.spec.strategy, { type: 'Recreate' }, 'a ReadWriteOnce volume attaches to one node at a time');
  assert.is(dep.spec.template.spec.securityContext.runAsNonRoot, true);
  const irsa = parse((await renderAnswers({ storage: ['ebs'], identity: 'irsa', accountId: ACCOUNT })).files.get('eksctl/cluster.yaml')!);
  assert.ok(irsa.addons.find((x: any) => x.name === 'aws-ebs-csi-driver').attachPolicy, 'with IRSA eksctl binds the role through the add-on');
  const titles = plan.steps.map((s) => s.title);
  assert.ok(titles.indexOf('Make encrypted gp3 the default StorageClass') < titles.indexOf('Try the storage examples'));
  assert.ok(titles.indexOf('Deploy web') < titles.indexOf('Try the storage examples'));
});

test('efs: the driver and its role, an efs-ap StorageClass on the given file system or one a README step creates, a ReadWriteMany claim', async () => {
  const made = await renderAnswers({ storage: ['efs'] });
  const sc = parse(made.files.get('k8s/addons/aws-efs-csi-driver/storageclass-efs.yaml')!);
  assert.equal(
    [sc.provisioner, sc.parameters],
    ['efs.csi.aws.com', { provisioningMode: 'efs-ap', fileSystemId: '${EFS_FILE_SYSTEM_ID}', directoryPerms: '700' }],
  );
  const step = made.plan.steps.find((s) => s.title === 'Create the EFS file system and its StorageClass')!;
  // Found by its creation token on a second run, else created.
  assert.ok(
    step.commands.some((c) => c.startsWith('export EFS_FILE_SYSTEM_ID="$(aws efs describe-file-systems --region us-east-1 --creation-token my-cluster-efs')),
  );
  assert.ok(
    step.commands.some((c) => c.includes('|| EFS_FILE_SYSTEM_ID="$(aws efs create-file-system --region us-east-1 --creation-token my-cluster-efs --encrypted')),
  );
  assert.ok(step.commands.some((c) => c.includes('--protocol tcp --port 2049 --cidr "$VPC_CIDR"')));
  assert.is(
    step.commands[step.commands.length - 1],
    "envsubst '${EFS_FILE_SYSTEM_ID}' < k8s/addons/aws-efs-csi-driver/storageclass-efs.yaml | kubectl apply -f -",
  );
  assert.ok(made.plan.applyTimeFiles.some((f) => f.path === 'k8s/addons/aws-efs-csi-driver/storageclass-efs.yaml'));
  assert.equal(docs(made.files.get('k8s/storage/20-efs.yaml')!)[0].spec.accessModes, ['ReadWriteMany']);
  assert.ok(made.files.has('iam/my-cluster-efs-csi-policy.json'));
  const given = await renderAnswers({ storage: ['efs'], addon: { awsEfsCsiDriver: { fileSystemId: 'fs-0123456789abcdef0' } } });
  assert.is(parse(given.files.get('k8s/addons/aws-efs-csi-driver/storageclass-efs.yaml')!).parameters.fileSystemId, 'fs-0123456789abcdef0');
  assert.equal(given.plan.steps.find((s) => s.title === 'Create the EFS StorageClass')!.commands, [
    'kubectl apply -f k8s/addons/aws-efs-csi-driver/storageclass-efs.yaml',
  ]);
  // An existing VPC's private subnets are named in the mount-target loop.
  const existing = await renderAnswers(CASES['storage on an existing VPC']);
  assert.ok(
    existing.plan.steps.some((s) =>
      s.commands.some(
        (c) => c.startsWith('for SUBNET in subnet-0bbbbbbbbbbbbbbb1 subnet-0bbbbbbbbbbbbbbb2; do') && c.includes('|| aws efs create-mount-target'),
      ),
    ),
  );
});

test('efs on Fargate: static provisioning only (a PersistentVolume naming the file system), no driver add-on', async () => {
  const { plan, files } = await renderAnswers(CASES['EFS on Fargate (static)']);
  assert.not.ok(
    parse(files.get('eksctl/cluster.yaml')!).addons.some((x: any) => x.name === 'aws-efs-csi-driver'),
    'Fargate mounts EFS itself',
  );
  assert.not.ok(
    [...files.keys()].some((p) => p.includes('storageclass')),
    'no dynamic provisioning on Fargate',
  );
  const [pv, pvc] = docs(files.get('k8s/storage/20-efs.yaml')!);
  assert.equal(
    [pv.kind, pv.spec.csi, pv.spec.storageClassName, pv.spec.persistentVolumeReclaimPolicy],
    ['PersistentVolume', { driver: 'efs.csi.aws.com', volumeHandle: '${EFS_FILE_SYSTEM_ID}' }, '', 'Retain'],
  );
  assert.equal([pvc.spec.storageClassName, pvc.spec.volumeName], ['', pv.metadata.name]);
  const step = plan.steps.find((s) => s.title === 'Try the storage examples')!;
  assert.ok(
    step.commands.some((c) => c.includes('aws efs create-file-system')),
    'no driver step created the file system, so this one does',
  );
  assert.ok(step.commands.includes("envsubst '${EFS_FILE_SYSTEM_ID}' < k8s/storage/20-efs.yaml | kubectl apply -f -"));
  // Next to nodes, the driver step creates the file system once and the example reuses it.
  const mixed = await renderAnswers(CASES['EFS for an application on a Fargate namespace next to nodes']);
  assert.equal(mixed.plan.steps.flatMap((s) => s.commands).filter((c) => c.includes('aws efs create-file-system')).length, 1);
});

test('fsx-lustre: the driver and its role, a SCRATCH_2 StorageClass in a private subnet and a security group open on the Lustre ports', async () => {
  const { plan, files } = await renderAnswers({ storage: ['fsx-lustre'] });
  const sc = parse(files.get('k8s/addons/aws-fsx-csi-driver/storageclass-fsx-lustre.yaml')!);
  assert.equal(
    [sc.provisioner, sc.parameters, sc.mountOptions],
    ['fsx.csi.aws.com', { subnetId: '${FSX_SUBNET_ID}', securityGroupIds: '${FSX_SECURITY_GROUP_ID}', deploymentType: 'SCRATCH_2' }, ['flock']],
  );
  const step = plan.steps.find((s) => s.title === 'Create the FSx for Lustre StorageClass')!;
  assert.ok(step.commands.some((c) => c.includes('--protocol tcp --port 988 --cidr "$VPC_CIDR"')));
  assert.ok(step.commands.some((c) => c.includes('--protocol tcp --port 1018-1023 --cidr "$VPC_CIDR"')));
  assert.equal(docs(files.get('k8s/storage/30-fsx-lustre.yaml')!)[0].spec.resources.requests.storage, '1200Gi');
  assert.ok(files.has('iam/my-cluster-fsx-csi-policy.json'));
  // IRSA works as well as Pod Identity for the FSx add-on (UG fsx-csi-create: either).
  resolve({ storage: ['fsx-lustre'], identity: 'irsa', accountId: ACCOUNT }, TODAY);
});

test('volume snapshots: the snapshot controller add-on and a VolumeSnapshotClass for EBS (Auto Mode: its own driver)', async () => {
  const { plan, files } = await renderAnswers({ storage: ['ebs'], volumeSnapshots: true });
  assert.ok(parse(files.get('eksctl/cluster.yaml')!).addons.some((x: any) => x.name === 'snapshot-controller'));
  const vsc = parse(files.get('k8s/addons/snapshot-controller/volumesnapshotclass-ebs.yaml')!);
  assert.equal([vsc.apiVersion, vsc.kind, vsc.driver, vsc.deletionPolicy], ['snapshot.storage.k8s.io/v1', 'VolumeSnapshotClass', 'ebs.csi.aws.com', 'Delete']);
  assert.ok(plan.steps.some((s) => s.commands.includes('kubectl apply -f k8s/addons/snapshot-controller/')));
  const auto = await renderAnswers(CASES['EBS and snapshots with Auto Mode']);
  assert.is(parse(auto.files.get('k8s/addons/snapshot-controller/volumesnapshotclass-ebs.yaml')!).driver, 'ebs.csi.eks.amazonaws.com');
  const sc = parse(auto.files.get('k8s/storage/00-storageclass-gp3.yaml')!);
  assert.equal([sc.provisioner, sc.parameters.encrypted], ['ebs.csi.eks.amazonaws.com', 'true']);
  const examples = auto.plan.steps.find((s) => s.title === 'Try the storage examples')!.commands;
  assert.ok(
    examples.indexOf('kubectl apply -f k8s/storage/00-storageclass-gp3.yaml') === 0 && examples.includes('kubectl apply -f k8s/storage/10-ebs.yaml'),
    'the StorageClass is applied before the claim that names it',
  );
  assert.not.ok(
    parse(auto.files.get('eksctl/cluster.yaml')!).addons?.some((x: any) => x.name === 'aws-ebs-csi-driver'),
    'Auto Mode has block storage built in',
  );
  // The snapshot controller chosen alone keeps its old behaviour: no class without an EBS driver.
  assert.not.ok((await renderAnswers({ addons: ['snapshot-controller'] })).files.has('k8s/addons/snapshot-controller/volumesnapshotclass-ebs.yaml'));
});

test('IAM of the storage drivers grants what upstream publishes', async () => {
  if (!SHARED) return skipNote('IAM of the storage drivers against ../shared/upstream/iam');
  const { files } = await renderAnswers({ storage: ['ebs', 'efs'] });
  for (const [role, file] of [
    ['ebs-csi', 'aws-ebs-csi-driver/example-iam-policy.json'],
    ['efs-csi', 'aws-efs-csi-driver/iam-policy-example.json'],
  ]) {
    const granted = actionsGranted(JSON.parse(files.get(`iam/my-cluster-${role}-policy.json`)!));
    const missing = [...upstreamIamActions(file)].filter((a) => !granted.has(a));
    assert.equal(missing, [], role);
  }
});

const REFUSED: [string, PartialAnswers, RegExp][] = [
  [
    'EBS with Fargate-only compute',
    { compute: 'fargate', accountId: ACCOUNT, storage: ['ebs'] },
    /^storage: Fargate pods cannot mount EBS volumes; use --storage efs \(static provisioning on Fargate\), or --compute managed for nodes that can$/,
  ],
  [
    'EBS for an application on Fargate',
    { fargate: { namespaces: ['web'] }, identity: 'irsa', accountId: ACCOUNT, storage: ['ebs'] },
    /^storage: the application's namespace web runs on Fargate, whose pods cannot mount EBS volumes; use --storage efs/,
  ],
  [
    'FSx for Lustre on Fargate',
    { compute: 'fargate', accountId: ACCOUNT, storage: ['fsx-lustre'] },
    /^storage: Fargate pods cannot mount FSx for Lustre; use --storage efs, or --compute managed$/,
  ],
  ['FSx for Lustre with IPv6', { ipFamily: 'ipv6', storage: ['fsx-lustre'] }, /^storage: FSx for Lustre does not work in IPv6 clusters/],
  ['unknown kind', { storage: ['nfs' as any] }, /^storage: "nfs" is not one of ebs, efs, fsx-lustre; did you mean efs\?$/],
  ['a kind twice', { storage: ['efs', 'efs'] }, /^storage: lists a value twice; give each once$/],
  [
    'snapshots without EBS',
    { storage: ['efs'], volumeSnapshots: true },
    /^volumeSnapshots: only the EBS CSI driver takes volume snapshots here; add ebs to --storage or drop --volume-snapshots$/,
  ],
  [
    'malformed EFS file system id',
    { storage: ['efs'], addon: { awsEfsCsiDriver: { fileSystemId: 'fs-12' } } },
    /^addon\.awsEfsCsiDriver\.fileSystemId: "fs-12" is not an EFS file system id/,
  ],
];

for (const [name, answers, line] of REFUSED) {
  test(`refused with one line naming the field: ${name}`, () => {
    const lines = problemsOf(answers);
    assert.is(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], line);
  });
}

test('CLI: --storage, --volume-snapshots and --ingress write the drivers and examples; .eks-app.json keeps the answers, not the implied add-ons', async () => {
  const cwd = tempDir();
  const s = scriptedIo(
    ['shop', '--yes', '--storage', 'ebs,efs', '--volume-snapshots', '--ingress', 'alb', '--network-policy', '--prefix-delegation'],
    cwd,
    [],
    false,
  );
  assert.is(await main(s.io), 0, s.err());
  assert.not.match(s.err(), /warning [^\n]*(lint|xref)/, 'no lint findings on what the tool wrote');
  const saved = JSON.parse(readFileSync(path.join(cwd, 'shop', '.eks-app.json'), 'utf8')).answers;
  assert.equal(
    [saved.storage, saved.volumeSnapshots, saved.ingress, saved.cni.networkPolicy, saved.cni.prefixDelegation, saved.addons],
    [['ebs', 'efs'], true, 'alb', true, true, []],
  );
  for (const f of [
    'k8s/storage/10-ebs.yaml',
    'k8s/storage/20-efs.yaml',
    'k8s/addons/aws-efs-csi-driver/storageclass-efs.yaml',
    'k8s/web/35-ingress.yaml',
    'k8s/web/05-networkpolicy.yaml',
  ]) {
    assert.ok(readFileSync(path.join(cwd, 'shop', f), 'utf8').length > 0, f);
  }
  // Re-rendering from the saved answers gives the same project.
  const again = await renderAnswers(saved);
  assert.is(again.files.get('k8s/storage/20-efs.yaml'), readFileSync(path.join(cwd, 'shop', 'k8s/storage/20-efs.yaml'), 'utf8'));
});

test.run();
