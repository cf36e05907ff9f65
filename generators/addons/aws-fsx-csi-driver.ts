// Amazon FSx for Lustre CSI driver (EKS add-on; its version is an estimate, see docs/facts.md).
// IAM: the policy the driver's install guide (kubernetes-sigs/aws-fsx-csi-driver docs/install.md)
// gives for node roles; no copy of it is in ../shared/upstream, so no test compares against it.
import { allow, eksAddon, notOn, policy } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'aws-fsx-csi-driver';

export const awsFsxCsiDriver: AddonModule = {
  id: ID,
  title: 'Amazon FSx for Lustre CSI driver',
  description: 'high-throughput Lustre volumes, optionally linked to S3',
  when: notOn({ fargate: 'Fargate pods cannot mount FSx for Lustre' }),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => eksAddon(ID, ctx),
  roles: (ctx) => [{
    suffix: 'fsx-csi',
    purpose: 'Amazon FSx for Lustre CSI driver: creates, resizes and deletes the file systems of PersistentVolumeClaims',
    serviceAccount: { namespace: 'kube-system', name: 'fsx-csi-controller-sa' },
    policy: policy(
      // File systems linked to S3 need FSx's S3 service-linked role, which FSx creates on first use.
      allow('S3LinkedRole', ['iam:CreateServiceLinkedRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
        `arn:${ctx.aws.partition}:iam::${ctx.aws.account}:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*`),
      allow('FsxLinkedRole', ['iam:CreateServiceLinkedRole'], '*', { StringLike: { 'iam:AWSServiceName': ['fsx.amazonaws.com'] } }),
      allow('FileSystems', ['s3:ListBucket', 'fsx:CreateFileSystem', 'fsx:DeleteFileSystem', 'fsx:DescribeFileSystems', 'fsx:TagResource', 'fsx:UpdateFileSystem'], '*'),
    ),
  }],
};
