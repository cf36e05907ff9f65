// AWS Distro for OpenTelemetry (EKS add-on) with its preconfigured OTLP ingest collector sending
// traces to X-Ray. The add-on's webhooks need cert-manager running, so it is created after the
// cluster from its own ClusterConfig. The collector's role carries the actions of the AWS managed
// AWSXrayWriteOnlyAccess policy; it is bound by the cluster's iam section, because the collector's
// service account is not one the add-on declares for Pod Identity.
import { allow, eksAddonNamespace, eksAddon, policy, serviceAccountAnnotations } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'adot';
const COLLECTOR_SA = 'adot-col-otlp-ingest';

export const adot: AddonModule = {
  id: ID,
  title: 'AWS Distro for OpenTelemetry',
  description: 'OpenTelemetry operator and an OTLP collector that sends traces to AWS X-Ray',
  when: () => true,
  dependsOn: ['cert-manager'],
  conflictsWith: [],
  questions: [],
  install: (ctx) => {
    const annotations = serviceAccountAnnotations(ctx, 'adot-collector');
    return eksAddon(ID, ctx, {
      configurationValues: {
        collector: {
          otlpIngest: {
            pipelines: { traces: { xray: { enabled: true } } },
            ...(Object.keys(annotations).length ? { serviceAccount: { annotations } } : {}),
          },
        },
      },
      deferred: {
        why: 'ADOT asks cert-manager for its webhook certificates, so cert-manager must be running first.',
        waitFor: ['kubectl wait --namespace cert-manager --for=condition=Available deployment --all --timeout=10m'],
      },
    });
  },
  roles: () => [
    {
      suffix: 'adot-collector',
      purpose: 'ADOT OTLP ingest collector: sends traces to AWS X-Ray',
      serviceAccount: { namespace: eksAddonNamespace(ID), name: COLLECTOR_SA },
      policy: policy(
        allow(
          'WriteTraces',
          ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
          '*',
        ),
      ),
      boundBy: 'cluster',
    },
  ],
};
