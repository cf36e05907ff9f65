// Secrets Store CSI driver (Helm): mounts secrets from external stores as files. It needs no AWS
// permissions itself; the provider (secrets-store-csi-driver-provider-aws) fetches with the pod's role.
import { helmChart, notOn } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'secrets-store-csi-driver';

export const secretsStoreCsiDriver: AddonModule = {
  id: ID,
  title: 'Secrets Store CSI driver',
  description: 'mounts secrets from external stores into pods as files',
  when: notOn({ fargate: 'the driver is a DaemonSet, and Fargate runs no DaemonSets' }),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) =>
    helmChart(ID, {
      // The provider exchanges this service account token for the pod's AWS credentials.
      audience: ctx.podIdentity ? 'pods.eks.amazonaws.com' : 'sts.amazonaws.com',
    }),
};
