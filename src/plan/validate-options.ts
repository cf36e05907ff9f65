import type { Plan } from './resolve.ts';

/** What the validator needs to know about a project it did not read from disk. */
export function validationOptions(plan: Plan) {
  return {
    kubernetesVersion: plan.answers.kubernetesVersion,
    helmCharts: Object.fromEntries(plan.helmReleases.map((r) => [r.release, { chart: r.chart, version: r.version }])),
  };
}
