// Storage: which kinds the cluster offers (EBS, EFS, FSx for Lustre), what each needs from the
// compute and network answers, and an example claim with a workload that mounts it for each kind.
// The drivers and their StorageClasses come from the add-on modules (generators/addons); values known
// only once the cluster exists travel as ${VARIABLES} that README steps export and envsubst fills in.
import { allowIngress, securityGroup } from './shell.ts';
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { flagName } from '../answers/paths.ts';
import { AUTO_MODE_EBS_PROVISIONER, FSX_MIN_CAPACITY, NFS_PORT, STORAGE_DRIVERS } from '../data/network.ts';
import { STORAGE_KINDS, type StorageKind } from '../answers/types.ts';
import { subsetOf, type Rule } from './rules.ts';
import { computeOf } from './compute-types.ts';
import { shellWord } from '../render/escape.ts';
import { appOnFargate } from './compute.ts';
import { addonIdsOf } from './implied.ts';
import type { NetProblem } from './network.ts';
import type { PlannedFile } from './resolve.ts';
import type { Step } from './steps.ts';

const flag = (key: string) => `--${flagName(key)}`;
const FS_ID = /^fs-[0-9a-f]{8}([0-9a-f]{9})?$/;
export const EFS_FS_KEY = 'addon.awsEfsCsiDriver.fileSystemId';

export const STORAGE_FIELD_RULES: Record<string, Rule> = {
  storage: subsetOf(STORAGE_KINDS, true),
};

/** The EFS file system the user gave, if any. */
export function efsFileSystemId(a: PartialAnswers): string {
  return (a.addon?.awsEfsCsiDriver?.fileSystemId as string | undefined) ?? '';
}

export function efsFileSystemIdProblem(v: unknown): string | undefined {
  return typeof v === 'string' && (v === '' || FS_ID.test(v))
    ? undefined
    : `${JSON.stringify(v)} is not an EFS file system id; give fs- and 8 or 17 hex digits, or leave it empty to create one in a README step`;
}

export function storageProblems(a: Answers): NetProblem[] {
  const p: NetProblem[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  const has = (k: StorageKind) => a.storage.includes(k);
  const onFargate = appOnFargate(a);
  const where = computeOf(a).fargate ? 'Fargate pods' : `the application's namespace ${a.app.namespace} runs on Fargate, whose pods`;
  if (has('ebs') && onFargate) {
    add(
      'storage',
      `${where} cannot mount EBS volumes; use ${flag('storage')} efs (static provisioning on Fargate)${computeOf(a).fargate ? `, or ${flag('compute')} managed for nodes that can` : `, or remove ${a.app.namespace} from ${flag('fargate.namespaces')}`}`,
    );
  }
  if (has('fsx-lustre') && onFargate) {
    add('storage', `${where} cannot mount FSx for Lustre; use ${flag('storage')} efs${computeOf(a).fargate ? `, or ${flag('compute')} managed` : ''}`);
  }
  if (has('fsx-lustre') && a.ipFamily === 'ipv6')
    add('storage', `FSx for Lustre does not work in IPv6 clusters; drop fsx-lustre or use ${flag('ipFamily')} ipv4`);
  if (a.volumeSnapshots && !snapshotDriver(a)) {
    add('volumeSnapshots', `only the EBS CSI driver takes volume snapshots here; add ebs to ${flag('storage')} or drop ${flag('volumeSnapshots')}`);
  }
  return p;
}

/** The CSI driver snapshots are taken with: EBS (the add-on's, or Auto Mode's built-in one). */
export function snapshotDriver(a: PartialAnswers): string | undefined {
  if (computeOf(a).awsRunsCore) return (a.storage ?? []).includes('ebs') ? AUTO_MODE_EBS_PROVISIONER : undefined;
  return addonIdsOf(a).includes('aws-ebs-csi-driver') ? STORAGE_DRIVERS.ebs.provisioner : undefined;
}

// ---------------------------------------------------------------- apply-time values

interface Ctx {
  region: string;
  name: string;
}

export const describeClusterVpc = (c: Ctx) =>
  `VPC_ID="$(aws eks describe-cluster --region ${c.region} --name ${shellWord(c.name)} --query cluster.resourcesVpcConfig.vpcId --output text)"`;
export const describeVpcCidr = (c: Ctx) =>
  `VPC_CIDR="$(aws ec2 describe-vpcs --region ${c.region} --vpc-ids "$VPC_ID" --query 'Vpcs[0].CidrBlock' --output text)"`;

/** The private subnets, by id when the user named them, else by the tag eksctl puts on the private subnets it creates. */
export function privateSubnetIds(a: Answers): string {
  if (a.vpcId) return a.subnets.private.map((e) => e.split(':')[1]).join(' ');
  return `$(aws ec2 describe-subnets --region ${a.region} --filters Name=vpc-id,Values="$VPC_ID" Name=tag:kubernetes.io/role/internal-elb,Values=1 --query 'Subnets[].SubnetId' --output text)`;
}

/** The EFS creation token of the project's file system: one per cluster. */
export const efsToken = (a: Pick<Answers, 'name'>) => `${a.name}-efs`;

/** Commands that create an encrypted EFS file system with a mount target in each private subnet and export its id. */
export function efsCreateCommands(a: Answers): string[] {
  const c = { region: a.region, name: a.name };
  return [
    describeClusterVpc(c),
    describeVpcCidr(c),
    ...securityGroup({ variable: 'EFS_SECURITY_GROUP_ID', region: a.region, name: `${a.name}-efs`, description: `NFS from the VPC of EKS cluster ${a.name}` }),
    allowIngress({ region: a.region, group: '"$EFS_SECURITY_GROUP_ID"', protocol: 'tcp', port: String(NFS_PORT), from: { cidr: '"$VPC_CIDR"' } }),
    // The creation token finds the file system a first run made.
    `export EFS_FILE_SYSTEM_ID="$(aws efs describe-file-systems --region ${a.region} --creation-token ${shellWord(efsToken(a))} --query 'FileSystems[0].FileSystemId' --output text)"`,
    `[ "$EFS_FILE_SYSTEM_ID" != None ] || EFS_FILE_SYSTEM_ID="$(aws efs create-file-system --region ${a.region} --creation-token ${shellWord(efsToken(a))} --encrypted --throughput-mode elastic --tags Key=Name,Value=${shellWord(a.name)} --query FileSystemId --output text)"`,
    `until [ "$(aws efs describe-file-systems --region ${a.region} --file-system-id "$EFS_FILE_SYSTEM_ID" --query 'FileSystems[0].LifeCycleState' --output text)" = available ]; do sleep 5; done`,
    `for SUBNET in ${privateSubnetIds(a)}; do [ "$(aws efs describe-mount-targets --region ${a.region} --file-system-id "$EFS_FILE_SYSTEM_ID" --query "length(MountTargets[?SubnetId=='$SUBNET'])" --output text)" != 0 ] || aws efs create-mount-target --region ${a.region} --file-system-id "$EFS_FILE_SYSTEM_ID" --subnet-id "$SUBNET" --security-groups "$EFS_SECURITY_GROUP_ID"; done`,
  ];
}

// ---------------------------------------------------------------- examples

export interface VolumeExample {
  kind: StorageKind;
  file: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  claim: { name: string; storageClassName: string; accessMode: string; size: string };
  /** Static provisioning (EFS on Fargate): the PersistentVolume the claim binds to. */
  pv?: { name: string; volumeHandle: string; driver: string; size: string; accessMode: string };
  mountPath: string;
  /** One pod at a time: a ReadWriteOnce volume attaches to one node. */
  recreate: boolean;
  variables: string[];
}

export interface StoragePlan {
  examples: VolumeExample[];
  /** Auto Mode's own gp3 StorageClass (EBS is built in; no driver add-on). */
  autoModeClass?: { name: string; provisioner: string };
  files: PlannedFile[];
  steps: Step[];
}

const DIR = 'k8s/storage';

export function planStorage(a: Answers): StoragePlan {
  const onFargate = appOnFargate(a);
  const base = {
    namespace: a.app.namespace,
  };
  const labelsFor = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': a.name });
  const podLabelsFor = (name: string) => ({ ...labelsFor(name), ...(onFargate ? a.fargate.labels : {}) });
  const examples: VolumeExample[] = [];
  const example = (kind: StorageKind, n: number, claim: VolumeExample['claim'], extra: Partial<VolumeExample> = {}) => {
    const name = `${a.app.name}-${kind === 'fsx-lustre' ? 'fsx' : kind}`;
    const variables = extra.variables ?? [];
    examples.push({
      kind,
      file: `${DIR}/${n}-${kind}.yaml`,
      name,
      ...base,
      labels: labelsFor(name),
      selector: { 'app.kubernetes.io/name': name },
      podLabels: podLabelsFor(name),
      claim,
      mountPath: `/data/${kind}`,
      recreate: claim.accessMode === 'ReadWriteOnce',
      variables,
      ...extra,
    });
  };
  if (a.storage.includes('ebs')) example('ebs', 10, { name: `${a.app.name}-ebs`, storageClassName: 'gp3', accessMode: 'ReadWriteOnce', size: '4Gi' });
  if (a.storage.includes('efs')) {
    const fsId = efsFileSystemId(a);
    if (onFargate) {
      // Fargate mounts EFS itself, from a PersistentVolume that names the file system (static provisioning only).
      example(
        'efs',
        20,
        { name: `${a.app.name}-efs`, storageClassName: '', accessMode: 'ReadWriteMany', size: '5Gi' },
        {
          pv: {
            name: `${a.name}-${a.app.name}-efs`,
            volumeHandle: fsId || '${EFS_FILE_SYSTEM_ID}',
            driver: STORAGE_DRIVERS.efs.provisioner,
            size: '5Gi',
            accessMode: 'ReadWriteMany',
          },
          variables: fsId ? [] : ['EFS_FILE_SYSTEM_ID'],
        },
      );
    } else {
      // EFS ignores the size, but a claim must still request one.
      example('efs', 20, { name: `${a.app.name}-efs`, storageClassName: 'efs', accessMode: 'ReadWriteMany', size: '5Gi' });
    }
  }
  if (a.storage.includes('fsx-lustre'))
    example('fsx-lustre', 30, { name: `${a.app.name}-fsx`, storageClassName: 'fsx-lustre', accessMode: 'ReadWriteMany', size: FSX_MIN_CAPACITY });

  const plan: StoragePlan = { examples, files: [], steps: [] };
  if (computeOf(a).awsRunsCore && a.storage.includes('ebs')) {
    plan.autoModeClass = { name: 'gp3', provisioner: AUTO_MODE_EBS_PROVISIONER };
    plan.files.push({
      path: `${DIR}/00-storageclass-gp3.yaml`,
      template: 'storage/auto-mode-storageclass.yaml.hbs',
      format: 'yaml',
      purpose: 'StorageClass gp3: encrypted EBS gp3 volumes from EKS Auto Mode, the cluster default',
    });
  }
  for (const e of examples) {
    const what = `${e.pv ? 'PersistentVolume, ' : ''}PersistentVolumeClaim ${e.claim.name} (${STORAGE_DRIVERS[e.kind].title}, ${e.claim.accessMode}) and Deployment ${e.name} that mounts it at ${e.mountPath}`;
    plan.files.push({
      path: e.file,
      template: 'storage/volume-example.yaml.hbs',
      format: 'yaml',
      purpose: e.variables.length ? `${what}; ${e.variables.map((v) => `\${${v}}`).join(', ')} filled in by envsubst` : what,
      data: { volume: e },
      variables: e.variables,
    });
  }
  if (examples.length > 0) plan.steps.push(examplesStep(a, examples, onFargate, plan.autoModeClass ? `${DIR}/00-storageclass-gp3.yaml` : undefined));
  return plan;
}

function examplesStep(a: Answers, examples: VolumeExample[], onFargate: boolean, storageClassFile: string | undefined): Step {
  const commands: string[] = [];
  // Auto Mode has no default StorageClass: the gp3 class the EBS claim names must exist first.
  if (storageClassFile) commands.push(`kubectl apply -f ${storageClassFile}`);
  const fargateEfs = examples.find((e) => e.pv && e.variables.length > 0);
  // Without the driver (a Fargate-only cluster) no earlier step created the file system.
  const created = fargateEfs && !addonIdsOf(a).includes('aws-efs-csi-driver');
  if (created) commands.push(...efsCreateCommands(a));
  for (const e of examples) {
    commands.push(
      e.variables.length ? `envsubst '${e.variables.map((v) => `\${${v}}`).join(' ')}' < ${e.file} | kubectl apply -f -` : `kubectl apply -f ${e.file}`,
    );
  }
  for (const e of examples) commands.push(`kubectl -n ${shellWord(e.namespace)} rollout status deployment/${shellWord(e.name)} --timeout=10m`);
  const kinds = examples.map((e) => STORAGE_DRIVERS[e.kind].title).join(', ');
  const fsx = examples.some((e) => e.kind === 'fsx-lustre');
  return {
    title: 'Try the storage examples',
    why:
      `One claim per kind of storage (${kinds}), each mounted by a one-pod Deployment in ${a.app.namespace}; a rollout that finishes proves the volume was provisioned and mounted. Copy them for your workloads, or delete them.` +
      (onFargate && examples.some((e) => e.pv)
        ? ` Fargate mounts EFS itself, so the claim binds to a PersistentVolume naming the file system (static provisioning)${created ? '; the first commands create the file system (or export EFS_FILE_SYSTEM_ID=fs-... of yours instead)' : ''}.`
        : '') +
      (fsx ? ` The FSx for Lustre claim creates a ${FSX_MIN_CAPACITY} SCRATCH_2 file system, billed while it exists.` : ''),
    commands,
  };
}
