// CSI snapshot controller (EKS add-on): serves VolumeSnapshot objects for the CSI drivers. It needs no
// AWS permissions; the drivers call the snapshot APIs themselves.
import { snapshotDriver } from '../../src/plan/storage.ts';
import { afterKarpenter, eksAddon, manifest } from './helpers.ts';
import type { AddonModule } from './types.ts';

const DIR = 'k8s/addons/snapshot-controller';

export const snapshotController: AddonModule = {
  id: 'snapshot-controller',
  title: 'CSI Snapshot Controller',
  description: 'VolumeSnapshot support for the CSI drivers',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => eksAddon('snapshot-controller', ctx, afterKarpenter('snapshot-controller', ctx)),
  // A VolumeSnapshotClass for the EBS driver, when the project has one (the only driver here that snapshots).
  actions: (ctx) => {
    const driver = snapshotDriver(ctx.answers);
    return driver
      ? [
          manifest(
            `${DIR}/volumesnapshotclass-ebs.yaml`,
            'snapshot-controller/volumesnapshotclass.yaml.hbs',
            `VolumeSnapshotClass ebs: VolumeSnapshots of EBS volumes (${driver}) become EBS snapshots`,
            {
              snapshotClass: { name: 'ebs', driver, deletionPolicy: 'Delete' },
            },
          ),
        ]
      : [];
  },
  steps: (ctx) =>
    snapshotDriver(ctx.answers)
      ? [
          {
            title: 'Create the VolumeSnapshotClass',
            why: 'The snapshot controller add-on installed the VolumeSnapshot kinds with the cluster; this class lets claims of EBS volumes be snapshotted (kubectl get volumesnapshotclass).',
            commands: [`kubectl apply -f ${DIR}/`],
          },
        ]
      : [],
};
