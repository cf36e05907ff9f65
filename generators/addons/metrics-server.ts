// metrics-server as an EKS (community) add-on rather than Helm: it is created with the cluster, so the
// resource metrics API exists before any HorizontalPodAutoscaler, and EKS tests the build against
// the cluster version and upgrades it with the other add-ons.
import { afterKarpenter, eksAddon } from './helpers.ts';
import type { AddonModule } from './types.ts';

export const metricsServer: AddonModule = {
  id: 'metrics-server',
  title: 'Metrics Server',
  description: 'CPU and memory metrics for kubectl top and HorizontalPodAutoscalers',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => eksAddon('metrics-server', ctx, afterKarpenter('metrics-server', ctx)),
};
