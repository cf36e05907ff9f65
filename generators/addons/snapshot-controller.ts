// CSI snapshot controller (EKS add-on): serves VolumeSnapshot objects for the CSI drivers. It needs no
// AWS permissions; the drivers call the snapshot APIs themselves.
import { eksAddon } from './helpers.ts';
import type { AddonModule } from './types.ts';

export const snapshotController: AddonModule = {
  id: 'snapshot-controller',
  title: 'CSI Snapshot Controller',
  description: 'VolumeSnapshot support for the CSI drivers',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => eksAddon('snapshot-controller', ctx),
};
