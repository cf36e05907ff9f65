// PodDisruptionBudget for the application: node drains and upgrades take its pods one at a time.
import { appManifest, appRef } from './helpers.ts';
import type { AddonModule } from './types.ts';

export const pdb: AddonModule = {
  id: 'pdb',
  title: 'PodDisruptionBudget',
  description: 'node drains and upgrades evict the application one pod at a time',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: () => ({ method: 'manifests' }),
  actions: (ctx) => [
    appManifest(ctx, '50-pdb.yaml', 'pdb/pdb.yaml.hbs', `PodDisruptionBudget ${ctx.answers.app.name}: at most one pod evicted at a time`, { pdb: appRef(ctx) }),
  ],
};
