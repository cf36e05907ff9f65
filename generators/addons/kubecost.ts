// Kubecost (Helm, cost-analyzer 2.x): cost per namespace, workload and label. It keeps its data on
// persistent volumes, so it depends on the EBS CSI driver and its default gp3 StorageClass. Without
// a Cost and Usage Report integration it prices with public on-demand rates and needs no IAM role.
import { helmChart, notOn } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'kubecost';

export const kubecost: AddonModule = {
  id: ID,
  title: 'Kubecost',
  description: 'Kubernetes cost allocation by namespace, workload and label',
  when: notOn({ fargate: 'its Prometheus node metrics come from a DaemonSet, and Fargate runs no DaemonSets' }),
  dependsOn: ['aws-ebs-csi-driver'],
  conflictsWith: [],
  questions: [],
  install: (ctx) => helmChart(ID, { clusterName: ctx.answers.name }, {
    note: 'The UI is not exposed: kubectl -n kubecost port-forward deployment/kubecost-cost-analyzer 9090.',
  }),
};
