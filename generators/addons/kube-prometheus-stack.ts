// Prometheus in the cluster (kube-prometheus-stack, Helm): Prometheus, Alertmanager, Grafana,
// node-exporter and kube-state-metrics. Chosen over an Amazon Managed Service for Prometheus scraper
// because it needs no workspace, VPC endpoint or access entry outside this project. It calls no AWS
// API, so it has no IAM role. Grafana's admin password is generated at install, never written here.
// On EKS the control plane (controller manager, scheduler, etcd) is not reachable for scraping and
// kube-proxy serves metrics on localhost only, so those jobs and their alerts are off. Prometheus
// keeps its data on an encrypted gp3 EBS volume, so a restart loses nothing.
import { HELM_CHARTS } from '../../src/data/versions.ts';
import { helmChart, notOn } from './helpers.ts';
import type { AddonModule } from './types.ts';

const ID = 'kube-prometheus-stack';
const GRAFANA_SECRET = 'grafana-admin';

export const kubePrometheusStack: AddonModule = {
  id: ID,
  title: 'Prometheus (kube-prometheus-stack)',
  description: 'Prometheus, Alertmanager and Grafana with Kubernetes dashboards and alerts',
  when: notOn({
    fargate: 'node-exporter is a DaemonSet, and Fargate runs no DaemonSets',
    'auto-mode': 'Prometheus keeps its data on an EBS volume from the aws-ebs-csi-driver add-on and its gp3 StorageClass, which Auto Mode does not take',
  }),
  dependsOn: ['aws-ebs-csi-driver'],
  conflictsWith: [],
  questions: [],
  install: (_ctx) => {
    const ns = HELM_CHARTS[ID].namespace;
    return helmChart(
      ID,
      {
        grafanaSecret: GRAFANA_SECRET,
        // The encrypted gp3 default class of the EBS driver add-on.
        storageClass: 'gp3',
      },
      {
        before: [
          `kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`,
          `kubectl -n ${ns} get secret ${GRAFANA_SECRET} >/dev/null 2>&1 || kubectl -n ${ns} create secret generic ${GRAFANA_SECRET} --from-literal=admin-user=admin --from-literal=admin-password="$(openssl rand -base64 24)"`,
        ],
        note: `Grafana's admin password is random, in Secret ${ns}/${GRAFANA_SECRET}.`,
        // Prometheus's StatefulSet claims its volume; helm uninstall leaves the claim, and the EBS volume behind it.
        keepsClaims: true,
      },
    );
  },
};
