// Vertical Pod Autoscaler recommendations for the application. The VPA is neither an EKS add-on nor
// pinned here, so it is installed separately (kubernetes/autoscaler, vertical-pod-autoscaler); this
// module writes the VerticalPodAutoscaler object and checks that the VPA is there first. It runs in
// recommendation mode ("Off"): it never evicts pods, so it cannot fight the HorizontalPodAutoscaler.
import { appManifest, appRef } from './helpers.ts';
import type { AddonModule } from './types.ts';

export const vpa: AddonModule = {
  id: 'vpa',
  title: 'Vertical Pod Autoscaler (recommendations)',
  description: 'recommends CPU and memory requests for the application; the VPA itself is installed separately',
  when: () => true,
  // The VPA recommender reads usage through the resource metrics API.
  dependsOn: ['metrics-server'],
  conflictsWith: [],
  questions: [],
  install: () => ({ method: 'manifests' }),
  actions: (ctx) => [
    appManifest(ctx, '60-vpa.yaml', 'vpa/vpa.yaml.hbs', `VerticalPodAutoscaler ${ctx.answers.app.name}: request recommendations only`, { vpa: appRef(ctx) }),
  ],
  steps: () => [
    {
      title: 'Check the Vertical Pod Autoscaler is installed',
      why: 'The VPA is not an EKS add-on and this project does not install it: install it from github.com/kubernetes/autoscaler (vertical-pod-autoscaler, a release matching your Kubernetes version) before deploying, or the VerticalPodAutoscaler object is refused. Read its advice with kubectl describe vpa.',
      commands: ['kubectl get crd verticalpodautoscalers.autoscaling.k8s.io'],
    },
  ],
};
