// An add-on module of the ACME pack, in the same shape as create-eks-app's own add-ons
// (generators/addons/types.ts). Packs ship compiled JavaScript: the tool cannot load TypeScript at run time.
const id = 'acme-priority-classes';

/** @type {import('../../../generators/addons/types.ts').AddonModule} */
export const acmePriorityClasses = {
  id,
  title: 'ACME priority classes',
  description: 'PriorityClasses acme-critical and acme-batch, so the scheduler knows what to evict first',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [
    {
      key: 'addon.acmePriorityClasses.critical', kind: 'integer', group: 'addons', prompted: false,
      message: 'Priority of acme-critical', hint: 'higher runs first; system classes start at 2000000000',
      when: (a) => (a.addons ?? []).includes(id),
    },
  ],
  defaults: { 'addon.acmePriorityClasses.critical': () => 1000000 },
  rules: {
    'addon.acmePriorityClasses.critical': (v) => (Number.isInteger(v) && v > 1000 && v < 1000000000 ? undefined : 'must be a whole number between 1001 and 999999999'),
  },
  // Only manifests: nothing to install with eksctl or Helm.
  install: () => ({ method: 'manifests' }),
  actions: (ctx) => [{
    path: 'k8s/acme/priority-classes.yaml',
    template: 'acme/priority-classes.yaml.hbs',
    format: 'yaml',
    purpose: 'PriorityClasses acme-critical and acme-batch',
    data: { priority: { critical: ctx.answers.addon.acmePriorityClasses.critical, batch: 1000 } },
  }],
  steps: () => [{
    title: 'Create the ACME priority classes',
    why: 'Workloads name them in priorityClassName; they must exist before such pods are created.',
    commands: ['kubectl apply -f k8s/acme/priority-classes.yaml'],
  }],
};
