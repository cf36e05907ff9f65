// Amazon EFS CSI driver (EKS add-on): shared ReadWriteMany volumes on EFS (and S3 Files). IAM: the
// upstream example policy, statement for statement; access points are created and deleted only when
// tagged for the driver. The file system itself is created outside the cluster.
import { allow, eksAddon, notOn, policy } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'aws-efs-csi-driver';
const TAG = 'efs.csi.aws.com/cluster';

export const awsEfsCsiDriver: AddonModule = {
  id: ID,
  title: 'Amazon EFS CSI driver',
  description: 'shared ReadWriteMany volumes on Amazon EFS',
  when: notOn({ fargate: 'Fargate mounts EFS volumes itself, without the driver' }),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  upstreamPolicy: 'aws-efs-csi-driver/iam-policy-example.json',
  install: (ctx) => eksAddon(ID, ctx),
  roles: () => [{
    suffix: 'efs-csi',
    purpose: 'Amazon EFS CSI driver: creates and deletes the access points of dynamically provisioned volumes',
    serviceAccount: { namespace: 'kube-system', name: 'efs-csi-controller-sa' },
    policy: policy(
      allow('Describe', [
        'elasticfilesystem:DescribeAccessPoints', 'elasticfilesystem:DescribeFileSystems', 'elasticfilesystem:DescribeMountTargets',
        's3files:ListAccessPoints', 's3files:ListFileSystems', 'ec2:DescribeAvailabilityZones',
      ], '*'),
      allow('CreateTaggedAccessPoint', ['elasticfilesystem:CreateAccessPoint', 's3files:CreateAccessPoint'], '*', { StringLike: { [`aws:RequestTag/${TAG}`]: 'true' } }),
      allow('TagOwnResources', ['elasticfilesystem:TagResource', 's3files:TagResource'], '*', { StringLike: { [`aws:ResourceTag/${TAG}`]: 'true' } }),
      allow('DeleteOwnAccessPoint', ['elasticfilesystem:DeleteAccessPoint', 's3files:DeleteAccessPoint'], '*', { StringEquals: { [`aws:ResourceTag/${TAG}`]: 'true' } }),
    ),
  }],
};
