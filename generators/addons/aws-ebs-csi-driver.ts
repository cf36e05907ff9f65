// Amazon EBS CSI driver (EKS add-on): persistent volumes on EBS, plus an encrypted gp3 StorageClass
// made the default (EKS sets no default class on new clusters). IAM: the upstream example policy
// (the equivalent of the AWS managed AmazonEBSCSIDriverPolicy), statement for statement.
import { allow, eksAddon, manifest, notOn, policy } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'aws-ebs-csi-driver';
const DIR = `k8s/addons/${ID}`;

function driverPolicy(ctx: AddonContext) {
  const p = ctx.aws.partition;
  const volume = `arn:${p}:ec2:*:*:volume/*`;
  const snapshot = `arn:${p}:ec2:*:*:snapshot/*`;
  const like = (key: string, value = '*') => ({ StringLike: { [key]: value } });
  return policy(
    allow(
      'Describe',
      [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeSnapshots',
        'ec2:DescribeTags',
        'ec2:DescribeVolumes',
        'ec2:DescribeVolumesModifications',
        'ec2:DescribeVolumeStatus',
      ],
      '*',
    ),
    allow('SnapshotAndResize', ['ec2:CreateSnapshot', 'ec2:ModifyVolume'], volume),
    allow('CopyVolumes', ['ec2:CopyVolumes'], [`arn:${p}:ec2:*:*:volume/vol-*`]),
    allow('AttachDetach', ['ec2:AttachVolume', 'ec2:DetachVolume'], [volume, `arn:${p}:ec2:*:*:instance/*`]),
    allow('VolumeFromSnapshot', ['ec2:CreateVolume', 'ec2:EnableFastSnapshotRestores'], snapshot),
    allow('TagOnCreate', ['ec2:CreateTags'], [volume, snapshot], { StringEquals: { 'ec2:CreateAction': ['CreateVolume', 'CreateSnapshot', 'CopyVolumes'] } }),
    allow('Untag', ['ec2:DeleteTags'], [volume, snapshot]),
    // The driver creates, deletes and snapshots only volumes it tagged.
    allow('CreateClusterVolume', ['ec2:CreateVolume', 'ec2:CopyVolumes'], volume, like('aws:RequestTag/ebs.csi.aws.com/cluster', 'true')),
    allow('CreateNamedVolume', ['ec2:CreateVolume', 'ec2:CopyVolumes'], volume, like('aws:RequestTag/CSIVolumeName')),
    allow('DeleteClusterVolume', ['ec2:DeleteVolume'], volume, like('ec2:ResourceTag/ebs.csi.aws.com/cluster', 'true')),
    allow('DeleteNamedVolume', ['ec2:DeleteVolume'], volume, like('ec2:ResourceTag/CSIVolumeName')),
    allow('DeletePvcVolume', ['ec2:DeleteVolume'], volume, like('ec2:ResourceTag/kubernetes.io/created-for/pvc/name')),
    allow('CreateNamedSnapshot', ['ec2:CreateSnapshot'], snapshot, like('aws:RequestTag/CSIVolumeSnapshotName')),
    allow('CreateClusterSnapshot', ['ec2:CreateSnapshot'], snapshot, like('aws:RequestTag/ebs.csi.aws.com/cluster', 'true')),
    allow('DeleteNamedSnapshot', ['ec2:DeleteSnapshot', 'ec2:LockSnapshot'], snapshot, like('ec2:ResourceTag/CSIVolumeSnapshotName')),
    allow('DeleteClusterSnapshot', ['ec2:DeleteSnapshot', 'ec2:LockSnapshot'], snapshot, like('ec2:ResourceTag/ebs.csi.aws.com/cluster', 'true')),
  );
}

export const awsEbsCsiDriver: AddonModule = {
  id: ID,
  title: 'Amazon EBS CSI driver',
  description: 'EBS persistent volumes, with an encrypted gp3 default StorageClass',
  when: notOn({
    'auto-mode': 'EKS Auto Mode includes block storage',
    fargate: 'Fargate pods cannot mount EBS volumes',
  }),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  upstreamPolicy: 'aws-ebs-csi-driver/example-iam-policy.json',
  install: (ctx) =>
    eksAddon(ID, ctx, {
      configurationValues: {
        // Volumes carry the cluster name, and the project's tags, so their cost is attributable.
        controller: { k8sTagClusterId: ctx.answers.name, ...(Object.keys(ctx.answers.tags).length ? { extraVolumeTags: ctx.answers.tags } : {}) },
      },
    }),
  roles: (ctx) => [
    {
      suffix: 'ebs-csi',
      purpose: 'Amazon EBS CSI driver: creates, attaches and snapshots the volumes of PersistentVolumeClaims',
      serviceAccount: { namespace: 'kube-system', name: 'ebs-csi-controller-sa' },
      policy: driverPolicy(ctx),
    },
  ],
  actions: () => [manifest(`${DIR}/storageclass-gp3.yaml`, `${ID}/storageclass.yaml.hbs`, 'StorageClass gp3: encrypted EBS gp3 volumes, the cluster default')],
  steps: () => [
    {
      title: 'Make encrypted gp3 the default StorageClass',
      why: 'New EKS clusters have no default StorageClass; claims without a class then get encrypted gp3 volumes in the zone of their pod.',
      commands: [`kubectl apply -f ${DIR}/`],
    },
  ],
};
