// cert-manager as an EKS (community) add-on rather than Helm: it is created with the cluster, which is
// what ADOT needs (its webhooks ask cert-manager for certificates), and EKS manages its upgrades.
// It needs no AWS permissions until an Issuer uses Route 53, which this project does not set up.
import { afterKarpenter, eksAddon } from './helpers.ts';
import type { AddonModule } from './types.ts';

export const certManager: AddonModule = {
  id: 'cert-manager',
  title: 'cert-manager',
  description: 'issues and renews TLS certificates inside the cluster',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => eksAddon('cert-manager', ctx, afterKarpenter('cert-manager', ctx)),
};
