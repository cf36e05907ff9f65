// HorizontalPodAutoscaler for the application: scales on CPU between app.replicas and a maximum.
// It reads CPU through the resource metrics API, so it needs metrics-server.
import { addonQuestion, appManifest, appRef, option, optionKey, whenSelected } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'hpa';
const MAX = optionKey(ID, 'maxReplicas');
const CPU = optionKey(ID, 'targetCpuUtilization');

export const hpa: AddonModule = {
  id: ID,
  title: 'HorizontalPodAutoscaler',
  description: 'scales the application on CPU use',
  when: () => true,
  dependsOn: ['metrics-server'],
  conflictsWith: [],
  questions: [
    addonQuestion(ID, 'maxReplicas', {
      kind: 'integer',
      prompted: false,
      message: 'Most replicas the autoscaler may run',
      hint: 'upper bound; app.replicas is the lower bound',
    }),
    addonQuestion(ID, 'targetCpuUtilization', {
      kind: 'integer',
      prompted: false,
      message: 'Target CPU use, percent of the request',
      hint: 'the autoscaler adds pods above it and removes them below',
    }),
  ],
  defaults: {
    [MAX]: (a) => Math.max(4, (a.app?.replicas ?? 2) * 3),
    [CPU]: () => 70,
  },
  rules: {
    [MAX]: whenSelected(ID, (v, a) => {
      const min = a.app?.replicas ?? 1;
      return Number.isInteger(v) && v >= min && v <= 100 ? undefined : `must be a whole number from app.replicas (${min}) to 100 (got ${JSON.stringify(v)})`;
    }),
    [CPU]: whenSelected(ID, (v) => (Number.isInteger(v) && v >= 10 && v <= 95 ? undefined : `must be a whole number from 10 to 95 (got ${JSON.stringify(v)})`)),
  },
  install: () => ({ method: 'manifests' }),
  actions: (ctx) => [
    appManifest(
      ctx,
      '40-hpa.yaml',
      'hpa/hpa.yaml.hbs',
      `HorizontalPodAutoscaler ${ctx.answers.app.name}: ${ctx.answers.app.replicas} to ${option(ctx.answers, ID, 'maxReplicas')} pods at ${option(ctx.answers, ID, 'targetCpuUtilization')}% CPU`,
      {
        hpa: {
          ...appRef(ctx),
          min: ctx.answers.app.replicas,
          max: option(ctx.answers, ID, 'maxReplicas'),
          cpu: option(ctx.answers, ID, 'targetCpuUtilization'),
        },
      },
    ),
  ],
};
