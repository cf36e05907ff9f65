// Persistent storage: the CSI drivers, StorageClasses and example claims. The rules, problems and
// plan live in plan/storage.ts; this module holds the questions.
import { STORAGE_KINDS, type PartialAnswers } from '../answers/types.ts';
import { computeOf } from '../plan/compute-types.ts';
import { STORAGE_FIELD_RULES, storageProblems } from '../plan/storage.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, join, md, none, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from './contract.ts';

const STORAGE_HINTS: Record<string, string> = {
  ebs: 'Amazon EBS block volumes (ReadWriteOnce), encrypted gp3',
  efs: 'Amazon EFS shared file system (ReadWriteMany)',
  'fsx-lustre': 'Amazon FSx for Lustre, high-throughput (ReadWriteMany)',
};

/** Why a kind of storage is not offered for these answers. */
function storageHidden(a: PartialAnswers, kind: string): string | undefined {
  if (computeOf(a).fargate && kind !== 'efs') return 'Fargate pods mount EFS only';
  if (a.ipFamily === 'ipv6' && kind === 'fsx-lustre') return 'FSx for Lustre does not work in IPv6 clusters';
  return undefined;
}

const questions: DomainQuestion[] = [
  {
    key: 'storage',
    kind: 'list',
    group: 'storage',
    prompted: true,
    message: 'Persistent storage',
    hint: 'each installs its CSI driver and writes a StorageClass and an example claim; none is fine',
    // Fargate pods mount EFS only; FSx for Lustre does not work in IPv6 clusters.
    choices: (a) => STORAGE_KINDS.filter((value) => !storageHidden(a, value)).map((value) => ({ value, hint: STORAGE_HINTS[value] })),
    hidden: (a) => STORAGE_KINDS.flatMap((value) => (storageHidden(a, value) ? [{ value, why: storageHidden(a, value)! }] : [])),
    default: () => [],
    rule: STORAGE_FIELD_RULES.storage,
  },
  {
    key: 'volumeSnapshots',
    kind: 'boolean',
    group: 'storage',
    prompted: false,
    message: 'Volume snapshots',
    hint: 'the snapshot controller add-on and a VolumeSnapshotClass for EBS volumes',
    default: () => false,
  },
];

function readme(p: ReadmePlan): Prose[] {
  const ex = p.storage.examples;
  if (!ex.length) return [];
  const classes = join(ex.map((e) => md`${code(e.claim.storageClassName || '(static)')} (${e.kind})`));
  const snapshots = p.answers.volumeSnapshots ? md` VolumeSnapshots of EBS claims use the class \`ebs\`.` : none;
  return [md`**Storage**: ${classes}, each with an example claim and a one-pod Deployment in \`k8s/storage/\`.${snapshots}`];
}

export const storage: DomainModule = { id: 'storage', questions, problems: storageProblems, readme };
