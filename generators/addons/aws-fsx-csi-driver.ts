// Amazon FSx for Lustre CSI driver (EKS add-on; its version is an estimate, see docs/facts.md).
// IAM: the policy the driver's install guide (kubernetes-sigs/aws-fsx-csi-driver docs/install.md)
// gives for node roles; no copy of it is in ../shared/upstream, so no test compares against it.
import { allowIngress, securityGroup } from '../../src/plan/shell.ts';
import { LUSTRE_PORTS, STORAGE_DRIVERS } from '../../src/data/network.ts';
import { describeClusterVpc, describeVpcCidr } from '../../src/plan/storage.ts';
import { allow, eksAddon, manifest, notOn, policy } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'aws-fsx-csi-driver';
const CLASS_FILE = `k8s/addons/${ID}/storageclass-fsx-lustre.yaml`;

/** A private subnet for the file systems, and a security group open to the VPC on the Lustre ports. */
function fsxCommands(ctx: AddonContext): string[] {
  const a = ctx.answers;
  const c = { region: a.region, name: a.name };
  const subnet = a.vpcId
    ? `export FSX_SUBNET_ID=${a.subnets.private[0]?.split(':')[1] ?? 'subnet-...'}`
    : `export FSX_SUBNET_ID="$(aws ec2 describe-subnets --region ${a.region} --filters Name=vpc-id,Values="$VPC_ID" Name=tag:kubernetes.io/role/internal-elb,Values=1 --query 'Subnets[0].SubnetId' --output text)"`;
  const sg = 'FSX_SECURITY_GROUP_ID';
  return [
    describeClusterVpc(c),
    describeVpcCidr(c),
    subnet,
    ...securityGroup({
      variable: sg,
      exported: true,
      region: a.region,
      name: `${a.name}-fsx-lustre`,
      description: `Lustre from the VPC of EKS cluster ${a.name}`,
    }),
    ...[String(LUSTRE_PORTS.main), `${LUSTRE_PORTS.rangeFrom}-${LUSTRE_PORTS.rangeTo}`].map((port) =>
      allowIngress({ region: a.region, group: `"$${sg}"`, protocol: 'tcp', port, from: { cidr: '"$VPC_CIDR"' } }),
    ),
    `envsubst '\${FSX_SUBNET_ID} \${FSX_SECURITY_GROUP_ID}' < ${CLASS_FILE} | kubectl apply -f -`,
  ];
}

export const awsFsxCsiDriver: AddonModule = {
  id: ID,
  wildcardResources: {
    FileSystems: 'the driver creates a file system per claim, so its ARN is unknown in advance; the driver\'s published policy uses "*" too',
  },
  title: 'Amazon FSx for Lustre CSI driver',
  description: 'high-throughput Lustre volumes, optionally linked to S3',
  when: (a) => (a.ipFamily === 'ipv6' ? 'FSx for Lustre does not work in IPv6 clusters' : notOn({ fargate: 'Fargate pods cannot mount FSx for Lustre' })(a)),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => eksAddon(ID, ctx),
  roles: (ctx) => [
    {
      suffix: 'fsx-csi',
      purpose: 'Amazon FSx for Lustre CSI driver: creates, resizes and deletes the file systems of PersistentVolumeClaims',
      serviceAccount: { namespace: 'kube-system', name: 'fsx-csi-controller-sa' },
      policy: policy(
        // File systems linked to S3 need FSx's S3 service-linked role, which FSx creates on first use.
        allow(
          'S3LinkedRole',
          ['iam:CreateServiceLinkedRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
          `arn:${ctx.aws.partition}:iam::${ctx.aws.account}:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*`,
        ),
        allow('FsxLinkedRole', ['iam:CreateServiceLinkedRole'], '*', { StringLike: { 'iam:AWSServiceName': ['fsx.amazonaws.com'] } }),
        allow(
          'FileSystems',
          ['s3:ListBucket', 'fsx:CreateFileSystem', 'fsx:DeleteFileSystem', 'fsx:DescribeFileSystems', 'fsx:TagResource', 'fsx:UpdateFileSystem'],
          '*',
        ),
      ),
    },
  ],
  actions: () => [
    {
      ...manifest(
        CLASS_FILE,
        `${ID}/storageclass.yaml.hbs`,
        'StorageClass fsx-lustre: a SCRATCH_2 FSx for Lustre file system per claim; ${FSX_SUBNET_ID} and ${FSX_SECURITY_GROUP_ID} filled in by envsubst',
        {
          fsxClass: {
            name: 'fsx-lustre',
            provisioner: STORAGE_DRIVERS['fsx-lustre'].provisioner,
            subnetId: '${FSX_SUBNET_ID}',
            securityGroupIds: '${FSX_SECURITY_GROUP_ID}',
            deploymentType: 'SCRATCH_2',
          },
        },
      ),
      variables: ['FSX_SUBNET_ID', 'FSX_SECURITY_GROUP_ID'],
    },
  ],
  steps: (ctx) => [
    {
      title: 'Create the FSx for Lustre StorageClass',
      why: `Claims of class fsx-lustre each get a file system in a private subnet, in a security group that lets the VPC in on the Lustre ports (TCP ${LUSTRE_PORTS.main} and ${LUSTRE_PORTS.rangeFrom}-${LUSTRE_PORTS.rangeTo}). To use your own subnet or group, export FSX_SUBNET_ID and FSX_SECURITY_GROUP_ID instead of creating them.`,
      commands: fsxCommands(ctx),
    },
  ],
};
