import type { Plan } from './resolve.ts';

/** What the validator needs to know about a project it did not read from disk. */
export function validationOptions(plan: Plan) {
  return {
    kubernetesVersion: plan.answers.kubernetesVersion,
    // With network policies on, every namespace that runs workloads must have one.
    networkPolicyEnabled: plan.answers.cni.networkPolicy,
    helmCharts: Object.fromEntries(plan.helmReleases.map((r) => [r.release, { chart: r.chart, version: r.version }])),
  };
}
