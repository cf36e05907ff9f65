// Amazon EFS CSI driver (EKS add-on): shared ReadWriteMany volumes on EFS (and S3 Files). IAM: the
// upstream example policy, statement for statement; access points are created and deleted only when
// tagged for the driver. The file system is the user's (addon.awsEfsCsiDriver.fileSystemId) or one a
// README step creates; the StorageClass provisions an access point per claim on it (efs-ap).
import { STORAGE_DRIVERS } from '../../src/data/network.ts';
import { EFS_FS_KEY, efsCreateCommands, efsFileSystemId, efsFileSystemIdProblem } from '../../src/plan/storage.ts';
import { allow, eksAddon, isSelected, manifest, notOn, policy } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'aws-efs-csi-driver';
const TAG = 'efs.csi.aws.com/cluster';
const DIR = `k8s/addons/${ID}`;

const CLASS_FILE = `${DIR}/storageclass-efs.yaml`;

export const awsEfsCsiDriver: AddonModule = {
  id: ID,
  title: 'Amazon EFS CSI driver',
  description: 'shared ReadWriteMany volumes on Amazon EFS',
  when: notOn({ fargate: 'Fargate mounts EFS volumes itself, without the driver' }),
  dependsOn: [],
  conflictsWith: [],
  // Also asked on Fargate, where storage efs needs a file system but not the driver.
  questions: [
    {
      key: EFS_FS_KEY,
      kind: 'string',
      group: 'storage',
      prompted: true,
      message: 'Existing EFS file system id (leave empty to create one)',
      hint: "fs-0123456789abcdef0, in the cluster's VPC with mount targets in its private subnets; empty adds README steps that create it",
      when: (a) => isSelected(a, ID) || (a.storage ?? []).includes('efs'),
    },
  ],
  defaults: { [EFS_FS_KEY]: () => '' },
  rules: { [EFS_FS_KEY]: (v, a) => (isSelected(a, ID) || (a.storage ?? []).includes('efs') ? efsFileSystemIdProblem(v) : undefined) },
  upstreamPolicy: 'aws-efs-csi-driver/iam-policy-example.json',
  install: (ctx) => eksAddon(ID, ctx),
  roles: () => [
    {
      suffix: 'efs-csi',
      purpose: 'Amazon EFS CSI driver: creates and deletes the access points of dynamically provisioned volumes',
      serviceAccount: { namespace: 'kube-system', name: 'efs-csi-controller-sa' },
      policy: policy(
        allow(
          'Describe',
          [
            'elasticfilesystem:DescribeAccessPoints',
            'elasticfilesystem:DescribeFileSystems',
            'elasticfilesystem:DescribeMountTargets',
            's3files:ListAccessPoints',
            's3files:ListFileSystems',
            'ec2:DescribeAvailabilityZones',
          ],
          '*',
        ),
        allow('CreateTaggedAccessPoint', ['elasticfilesystem:CreateAccessPoint', 's3files:CreateAccessPoint'], '*', {
          StringLike: { [`aws:RequestTag/${TAG}`]: 'true' },
        }),
        allow('TagOwnResources', ['elasticfilesystem:TagResource', 's3files:TagResource'], '*', { StringLike: { [`aws:ResourceTag/${TAG}`]: 'true' } }),
        allow('DeleteOwnAccessPoint', ['elasticfilesystem:DeleteAccessPoint', 's3files:DeleteAccessPoint'], '*', {
          StringEquals: { [`aws:ResourceTag/${TAG}`]: 'true' },
        }),
      ),
    },
  ],
  actions: (ctx) => [
    {
      ...manifest(
        CLASS_FILE,
        `${ID}/storageclass.yaml.hbs`,
        `StorageClass efs: one EFS access point per claim (dynamic provisioning, ReadWriteMany)${efsFileSystemId(ctx.answers) ? '' : '; ${EFS_FILE_SYSTEM_ID} filled in by envsubst'}`,
        {
          efsClass: { name: 'efs', provisioner: STORAGE_DRIVERS.efs.provisioner, fileSystemId: efsFileSystemId(ctx.answers) || '${EFS_FILE_SYSTEM_ID}' },
        },
      ),
      ...(efsFileSystemId(ctx.answers) ? {} : { variables: ['EFS_FILE_SYSTEM_ID'] }),
    },
  ],
  steps: (ctx) => {
    const given = efsFileSystemId(ctx.answers);
    return [
      {
        title: given ? 'Create the EFS StorageClass' : 'Create the EFS file system and its StorageClass',
        why: given
          ? `Claims of class efs get an access point on ${given}. The file system needs a mount target in each private subnet, in a security group that lets the nodes in on NFS (TCP 2049).`
          : 'An encrypted EFS file system with a mount target in each private subnet, open to the VPC on NFS (TCP 2049) only; claims of class efs then get an access point each. To use a file system you already have, export EFS_FILE_SYSTEM_ID=fs-... instead of running the commands before the last one.',
        commands: given
          ? [`kubectl apply -f ${CLASS_FILE}`]
          : [...efsCreateCommands(ctx.answers), `envsubst '\${EFS_FILE_SYSTEM_ID}' < ${CLASS_FILE} | kubectl apply -f -`],
      },
    ];
  },
};
