// Cluster Autoscaler (Helm): grows and shrinks the managed node group's Auto Scaling group.
// IAM: the upstream "recommended" policy (auto-discovery), with the two write actions limited to Auto
// Scaling groups carrying this cluster's auto-discovery tags, which EKS puts on managed node groups.
import { HELM_CHARTS } from '../../src/data/versions.ts';
import { allow, arn, helmChart, notOn, policy, serviceAccountAnnotations } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'cluster-autoscaler';
const SA = 'cluster-autoscaler';

/** The tags auto-discovery looks for, and the IAM conditions check. */
export function discoveryTags(cluster: string): Record<string, string> {
  return { 'k8s.io/cluster-autoscaler/enabled': 'true', [`k8s.io/cluster-autoscaler/${cluster}`]: 'owned' };
}

function autoscalerPolicy(ctx: AddonContext) {
  const tagged = Object.fromEntries(Object.entries(discoveryTags(ctx.answers.name)).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
  return policy(
    allow(
      'Discover',
      [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:GetInstanceTypesFromInstanceRequirements',
      ],
      '*',
    ),
    // Labels and taints of this cluster's managed node groups, read when a group is at zero nodes.
    allow('ReadOwnNodegroups', ['eks:DescribeNodegroup'], arn(ctx, 'eks', `nodegroup/${ctx.answers.name}/*/*`)),
    allow('ScaleOwnGroups', ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'], '*', { StringEquals: tagged }),
  );
}

export const clusterAutoscaler: AddonModule = {
  id: ID,
  title: 'Cluster Autoscaler',
  description: 'adds nodes when pods cannot be scheduled and removes idle ones',
  when: notOn({
    karpenter: 'Karpenter already provisions and removes nodes; run one autoscaler only',
    'auto-mode': 'EKS Auto Mode scales nodes itself',
    fargate: 'Fargate runs each pod on its own capacity; there is no node group to scale',
  }),
  dependsOn: [],
  // Karpenter and Auto Mode are compute types, refused by `when`; no add-on id conflicts with it.
  conflictsWith: [],
  questions: [],
  upstreamPolicy: 'cluster-autoscaler/cluster-autoscaler-policy.recommended.extracted.json',
  install: (ctx) => {
    const chart = HELM_CHARTS[ID];
    const k8s = ctx.answers.kubernetesVersion;
    return helmChart(
      ID,
      {
        clusterName: ctx.answers.name,
        region: ctx.answers.region,
        serviceAccount: { name: SA, annotations: serviceAccountAnnotations(ctx, 'cluster-autoscaler', { unquotedValues: true }) },
      },
      chart.appVersion?.startsWith(`${k8s}.`)
        ? {}
        : {
            note: `The pinned autoscaler ${chart.appVersion} is built for Kubernetes ${chart.appVersion?.replace(/\.\d+$/, '')}; this cluster runs ${k8s}, so check the autoscaler release that matches it.`,
          },
    );
  },
  roles: (ctx) => [
    {
      suffix: 'cluster-autoscaler',
      purpose: 'Cluster Autoscaler: resizes the Auto Scaling groups tagged for this cluster',
      serviceAccount: { namespace: HELM_CHARTS[ID].namespace, name: SA },
      policy: autoscalerPolicy(ctx),
    },
  ],
};
