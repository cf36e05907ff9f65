// Prometheus in the cluster (kube-prometheus-stack, Helm): Prometheus, Alertmanager, Grafana,
// node-exporter and kube-state-metrics. Chosen over an Amazon Managed Service for Prometheus scraper
// because it needs no workspace, VPC endpoint or access entry outside this project. It calls no AWS
// API, so it has no IAM role. Grafana's admin password is generated at install, never written here.
import { HELM_CHARTS } from '../../src/data/versions.ts';
import { helmChart, notOn } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'kube-prometheus-stack';
const GRAFANA_SECRET = 'grafana-admin';

export const kubePrometheusStack: AddonModule = {
  id: ID,
  title: 'Prometheus (kube-prometheus-stack)',
  description: 'Prometheus, Alertmanager and Grafana with Kubernetes dashboards and alerts',
  when: notOn({ fargate: 'node-exporter is a DaemonSet, and Fargate runs no DaemonSets' }),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) => {
    const ns = HELM_CHARTS[ID].namespace;
    return helmChart(ID, {
      grafanaSecret: GRAFANA_SECRET,
      // With the EBS driver, metrics survive a Prometheus restart; otherwise they live in emptyDir.
      storageClass: ctx.selected.has('aws-ebs-csi-driver') ? 'gp3' : undefined,
    }, {
      before: [
        `kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`,
        `kubectl -n ${ns} get secret ${GRAFANA_SECRET} >/dev/null 2>&1 || kubectl -n ${ns} create secret generic ${GRAFANA_SECRET} --from-literal=admin-user=admin --from-literal=admin-password="$(openssl rand -base64 24)"`,
      ],
      note: `Grafana's admin password is random, in Secret ${ns}/${GRAFANA_SECRET}.`,
    });
  },
};
