// A realistic corpus for `npm run bench`: n resources spread over multi-document files, one
// namespace per app with the workloads, services and policies create-eks-app writes, plus an eksctl
// ClusterConfig, IAM policies and Helm values.
import type { FileInput } from './types.ts';

function app(i: number): string[] {
  const ns = `team-${i}`;
  const labels = `{app.kubernetes.io/name: api-${i}, app.kubernetes.io/part-of: shop}`;
  const container = (name: string, image: string, port: number) => `
      - name: ${name}
        image: ${image}
        imagePullPolicy: IfNotPresent
        ports: [{name: http, containerPort: ${port}, protocol: TCP}]
        env:
        - {name: LOG_LEVEL, valueFrom: {configMapKeyRef: {name: api-${i}-config, key: logLevel}}}
        - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: api-${i}-db, key: password}}}
        resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}
        readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 10}
        livenessProbe: {httpGet: {path: /healthz, port: http}, initialDelaySeconds: 10}
        securityContext: {runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        volumeMounts: [{name: tmp, mountPath: /tmp}]`;
  return [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {pod-security.kubernetes.io/enforce: restricted}`,
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api-${i}\n  namespace: ${ns}\n  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/api-${i}"}`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api-${i}-config, namespace: ${ns}}\ndata: {logLevel: info, region: us-west-2}`,
    `apiVersion: v1\nkind: Secret\nmetadata: {name: api-${i}-db, namespace: ${ns}}\ntype: Opaque\nstringData: {password: change-me}`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-${i}
  namespace: ${ns}
  labels: ${labels}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: api-${i}
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, fsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: ${labels}}}
      containers:${container('api', `public.ecr.aws/shop/api:1.${i}.0`, 8080)}
      volumes: [{name: tmp, emptyDir: {sizeLimit: 64Mi}}]`,
    `apiVersion: v1\nkind: Service\nmetadata: {name: api-${i}, namespace: ${ns}}\nspec:\n  type: ClusterIP\n  selector: ${labels}\n  ports: [{name: http, port: 80, targetPort: http, protocol: TCP}]`,
    `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api-${i}
  namespace: ${ns}
  annotations: {alb.ingress.kubernetes.io/scheme: internet-facing, alb.ingress.kubernetes.io/target-type: ip}
spec:
  ingressClassName: alb
  rules:
  - host: api-${i}.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: api-${i}, port: {number: 80}}}}`,
    `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api-${i}, namespace: ${ns}}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: ${labels}}`,
    `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api-${i}, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api-${i}}
  minReplicas: 3
  maxReplicas: 10
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${ns}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}], ports: [{port: 8080, protocol: TCP}]}]
  egress: [{ports: [{port: 53, protocol: UDP}, {port: 443, protocol: TCP}]}]`,
  ];
}

const CLUSTER = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: shop, region: us-west-2, version: "1.34"}
accessConfig: {authenticationMode: API}
iam:
  withOIDC: true
managedNodeGroups:
- {name: system, instanceTypes: [m7g.large], minSize: 2, maxSize: 4, desiredCapacity: 2, amiFamily: AmazonLinux2023, privateNetworking: true}
addons: [{name: vpc-cni}, {name: coredns}, {name: kube-proxy}, {name: eks-pod-identity-agent}]
`;

const trust = (i: number) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub': `system:serviceaccount:team-${i}:api-${i}`,
              'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
            },
          },
        },
      ],
    },
    null,
    2,
  );

/** At least `n` resources (each app contributes 10). */
export function makeCorpus(n: number): FileInput[] {
  const files: FileInput[] = [{ path: 'eksctl/cluster.yaml', content: CLUSTER }];
  let count = 1;
  for (let i = 0; count < n; i++) {
    const docs = app(i);
    files.push({ path: `k8s/team-${i}.yaml`, content: `${docs.join('\n---\n')}\n` });
    files.push({ path: `iam/api-${i}-trust.json`, content: trust(i) });
    count += docs.length + 1;
  }
  return files;
}
