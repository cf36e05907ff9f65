// Cross-resource checks: references between manifests, the eksctl ClusterConfig and the IAM trust
// policies, which no per-object schema can make.
import type { TrustInfo } from './iam.ts';
import { containersOf, podSpecOf, selectorMatches } from './k8s.ts';
import { unschedulable } from './schedule.ts';
import type { K8sDoc, Severity } from './types.ts';

export type XReport = (file: string, doc: number | undefined, rule: string, path: string, msg: string, sev?: Severity) => void;
export interface Cluster {
  file: string;
  doc: number;
  cfg: any;
}
export interface Trust {
  file: string;
  role: string;
  info: TrustInfo | undefined;
}

const SYSTEM_NS = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
/** StorageClasses that exist on a new EKS cluster. */
const BUILTIN_SC = new Set(['gp2']);
const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const glob = (pat: string, s: string) =>
  new RegExp(
    `^${pat
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(s);

export function crossCheck(docs: K8sDoc[], clusters: Cluster[], trusts: Trust[], report: XReport): void {
  const r = (d: K8sDoc, rule: string, path: string, msg: string, sev?: Severity) => report(d.file, d.doc, rule, path, msg, sev);
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const names = (kind: string) => new Set(byKind(kind).map((d) => `${d.namespace}/${d.name}`));
  const sas = names('ServiceAccount'),
    cms = names('ConfigMap'),
    secrets = names('Secret'),
    pvcs = names('PersistentVolumeClaim');
  const namespaces = new Set(byKind('Namespace').map((d) => d.name));
  const storageClasses = new Map(byKind('StorageClass').map((d) => [d.name, d.obj]));
  for (const spc of byKind('SecretProviderClass'))
    for (const so of arr(spc.obj.spec?.secretObjects)) if (so?.secretName) secrets.add(`${spc.namespace}/${so.secretName}`);
  const cluster = clusters[0]?.cfg;
  // eksctl creates service accounts for IRSA entries (unless roleOnly) and for pod identity associations that ask for it
  for (const sa of arr(cluster?.iam?.serviceAccounts))
    if (!sa?.roleOnly && sa?.metadata?.name) sas.add(`${sa.metadata.namespace ?? 'default'}/${sa.metadata.name}`);
  for (const pia of arr(cluster?.iam?.podIdentityAssociations)) if (pia?.createServiceAccount) sas.add(`${pia.namespace}/${pia.serviceAccountName}`);
  // The Argo CD capability installs Argo CD in the namespace its configuration names.
  for (const c of clusters.flatMap((x) => arr(x.cfg?.capabilities))) if (c?.type === 'ARGOCD') namespaces.add(c.configuration?.argocd?.namespace ?? 'argocd');

  if (cluster) for (const u of unschedulable(docs, cluster)) r(u.doc, 'xref-unschedulable', u.path, u.message);

  const workloads = docs.filter((d) => podSpecOf(d.kind, d.obj));
  const podLabels = (d: K8sDoc) => podSpecOf(d.kind, d.obj)?.meta?.labels;

  for (const d of docs) {
    if (d.namespace && !SYSTEM_NS.has(d.namespace) && !namespaces.has(d.namespace))
      r(
        d,
        'xref-missing-namespace',
        'metadata.namespace',
        `namespace "${d.namespace}" is not created by any file here; add a Namespace manifest (kind: Namespace, name: ${d.namespace})`,
      );
  }

  // Services and Ingresses
  const services = new Map(byKind('Service').map((d) => [`${d.namespace}/${d.name}`, d]));
  for (const s of services.values()) {
    const sel = s.obj.spec?.selector;
    if (!isObj(sel) || !Object.keys(sel).length || s.obj.spec?.type === 'ExternalName') continue;
    if (!workloads.some((w) => w.namespace === s.namespace && selectorMatches({ matchLabels: sel }, podLabels(w))))
      r(
        s,
        'xref-service-selects-nothing',
        'spec.selector',
        `Service "${s.name}" selects ${JSON.stringify(sel)} but no pod template in namespace "${s.namespace}" has these labels; fix the selector or the pod labels`,
        'warning',
      );
  }
  for (const ing of byKind('Ingress')) {
    const check = (b: any, path: string) => {
      const svc = b?.service;
      if (!isObj(svc) || typeof svc.name !== 'string') return;
      const target = services.get(`${ing.namespace}/${svc.name}`);
      if (!target) return r(ing, 'xref-ingress-backend', `${path}.service.name`, `Service "${svc.name}" does not exist in namespace "${ing.namespace}"`);
      const ports = arr(target.obj.spec?.ports);
      const p = svc.port;
      if (isObj(p) && p.number !== undefined && !ports.some((x) => x?.port === p.number))
        r(
          ing,
          'xref-ingress-backend',
          `${path}.service.port.number`,
          `Service "${svc.name}" has no port ${p.number} (it has ${ports.map((x) => x?.port).join(', ') || 'none'})`,
        );
      if (isObj(p) && p.name !== undefined && !ports.some((x) => x?.name === p.name))
        r(
          ing,
          'xref-ingress-backend',
          `${path}.service.port.name`,
          `Service "${svc.name}" has no port named "${p.name}" (it has ${
            ports
              .map((x) => x?.name)
              .filter(Boolean)
              .join(', ') || 'no named ports'
          })`,
        );
    };
    check(ing.obj.spec?.defaultBackend, 'spec.defaultBackend');
    arr(ing.obj.spec?.rules).forEach((rule, i) => arr(rule?.http?.paths).forEach((p, j) => check(p?.backend, `spec.rules[${i}].http.paths[${j}].backend`)));
  }

  // References from pod specs
  const pvcClass = new Map<string, string | undefined>();
  for (const p of byKind('PersistentVolumeClaim')) {
    pvcClass.set(`${p.namespace}/${p.name}`, p.obj.spec?.storageClassName);
    checkClass(p.obj.spec?.storageClassName, p, 'spec.storageClassName');
  }
  function checkClass(sc: unknown, d: K8sDoc, path: string) {
    if (typeof sc === 'string' && sc && !storageClasses.has(sc) && !BUILTIN_SC.has(sc))
      r(
        d,
        'xref-missing-storageclass',
        path,
        `StorageClass "${sc}" is not defined here and is not one EKS creates (gp2); add a StorageClass manifest or use an existing class`,
      );
  }
  for (const w of workloads) {
    const ps = podSpecOf(w.kind, w.obj)!;
    const spec = ps.spec,
      p = ps.path,
      ns = w.namespace;
    const need = (set: Set<string>, name: unknown, rule: string, path: string, what: string) => {
      if (typeof name === 'string' && name && !set.has(`${ns}/${name}`))
        r(w, rule, path, `${what} "${name}" does not exist in namespace "${ns}"; add it or fix the name`);
    };
    const sa = spec.serviceAccountName ?? spec.serviceAccount;
    if (sa !== 'default') need(sas, sa, 'xref-missing-serviceaccount', `${p}.serviceAccountName`, 'ServiceAccount');
    arr(spec.imagePullSecrets).forEach((s, i) => need(secrets, s?.name, 'xref-missing-secret', `${p}.imagePullSecrets[${i}].name`, 'Secret'));
    arr(spec.volumes).forEach((v, i) => {
      const vp = `${p}.volumes[${i}]`;
      if (v?.configMap && !v.configMap.optional && v.configMap.name !== 'kube-root-ca.crt')
        need(cms, v.configMap.name, 'xref-missing-configmap', `${vp}.configMap.name`, 'ConfigMap');
      if (v?.secret && !v.secret.optional) need(secrets, v.secret.secretName, 'xref-missing-secret', `${vp}.secret.secretName`, 'Secret');
      if (v?.persistentVolumeClaim)
        need(pvcs, v.persistentVolumeClaim.claimName, 'xref-missing-pvc', `${vp}.persistentVolumeClaim.claimName`, 'PersistentVolumeClaim');
      arr(v?.projected?.sources).forEach((s, j) => {
        if (s?.configMap && !s.configMap.optional && s.configMap.name !== 'kube-root-ca.crt')
          need(cms, s.configMap.name, 'xref-missing-configmap', `${vp}.projected.sources[${j}].configMap.name`, 'ConfigMap');
        if (s?.secret && !s.secret.optional) need(secrets, s.secret.name, 'xref-missing-secret', `${vp}.projected.sources[${j}].secret.name`, 'Secret');
      });
    });
    for (const [c, cp] of containersOf(spec, p)) {
      arr(c.env).forEach((e, i) => {
        const cm = e?.valueFrom?.configMapKeyRef,
          sk = e?.valueFrom?.secretKeyRef;
        if (cm && !cm.optional) need(cms, cm.name, 'xref-missing-configmap', `${cp}.env[${i}].valueFrom.configMapKeyRef.name`, 'ConfigMap');
        if (sk && !sk.optional) need(secrets, sk.name, 'xref-missing-secret', `${cp}.env[${i}].valueFrom.secretKeyRef.name`, 'Secret');
      });
      arr(c.envFrom).forEach((e, i) => {
        if (e?.configMapRef && !e.configMapRef.optional)
          need(cms, e.configMapRef.name, 'xref-missing-configmap', `${cp}.envFrom[${i}].configMapRef.name`, 'ConfigMap');
        if (e?.secretRef && !e.secretRef.optional) need(secrets, e.secretRef.name, 'xref-missing-secret', `${cp}.envFrom[${i}].secretRef.name`, 'Secret');
      });
    }
    if (w.kind === 'StatefulSet')
      arr(w.obj.spec?.volumeClaimTemplates).forEach((t, i) =>
        checkClass(t?.spec?.storageClassName, w, `spec.volumeClaimTemplates[${i}].spec.storageClassName`),
      );
  }

  // IRSA: the role's trust policy must name this service account
  const trustByRole = new Map(trusts.map((t) => [t.role, t]));
  for (const sa of byKind('ServiceAccount')) {
    const arn = sa.obj.metadata?.annotations?.['eks.amazonaws.com/role-arn'];
    if (typeof arn !== 'string') continue;
    const role = arn.slice(arn.lastIndexOf('/') + 1);
    const t = trustByRole.get(role);
    if (!t?.info) continue;
    const subject = `system:serviceaccount:${sa.namespace}:${sa.name}`;
    const path = 'metadata.annotations["eks.amazonaws.com/role-arn"]';
    if (t.info.kind !== 'irsa')
      r(
        sa,
        'xref-irsa-trust',
        path,
        `role "${role}" (${t.file}) does not trust the cluster's OIDC provider, so IRSA cannot assume it${t.info.kind === 'pod-identity' ? '; it is set up for EKS Pod Identity: use a pod identity association instead of this annotation' : ''}`,
      );
    else if (!t.info.subjects.some((s) => glob(s, subject)))
      r(
        sa,
        'xref-irsa-trust',
        path,
        `role "${role}" trusts ${t.info.subjects.join(', ') || 'no subject'}, not ${subject}; fix the namespace/name here or the :sub condition in ${t.file}`,
      );
  }

  for (const c of clusters) clusterChecks(c, docs, sas, namespaces, trustByRole, storageClasses, pvcClass, report);
}

function clusterChecks(
  c: Cluster,
  docs: K8sDoc[],
  sas: Set<string>,
  namespaces: Set<string>,
  trusts: Map<string, Trust>,
  scs: Map<string, any>,
  pvcClass: Map<string, string | undefined>,
  report: XReport,
): void {
  const cfg = c.cfg;
  const r = (rule: string, path: string, msg: string, sev?: Severity) => report(c.file, c.doc, rule, path, msg, sev);
  const haveManifests = docs.length > 0;
  const podIdentity: [any, string][] = arr(cfg.iam?.podIdentityAssociations).map((p, i) => [p, `iam.podIdentityAssociations[${i}]`]);
  arr(cfg.addons).forEach((a, i) => arr(a?.podIdentityAssociations).forEach((p, j) => podIdentity.push([p, `addons[${i}].podIdentityAssociations[${j}]`])));
  for (const [p, path] of podIdentity) {
    if (!isObj(p)) continue;
    const role = p.roleName ?? (typeof p.roleARN === 'string' ? p.roleARN.slice(p.roleARN.lastIndexOf('/') + 1) : undefined);
    const t = role ? trusts.get(role) : undefined;
    if (t?.info && t.info.kind !== 'pod-identity')
      r(
        'xref-pod-identity-trust',
        `${path}.${p.roleName ? 'roleName' : 'roleARN'}`,
        `role "${role}" (${t.file}) does not trust pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession, so the association cannot use it`,
      );
    // the service account must exist when its namespace is one of ours
    if (
      haveManifests &&
      !p.createServiceAccount &&
      path.startsWith('iam.') &&
      namespaces.has(p.namespace) &&
      !sas.has(`${p.namespace}/${p.serviceAccountName}`)
    )
      r(
        'xref-pod-identity-trust',
        `${path}.serviceAccountName`,
        `ServiceAccount "${p.serviceAccountName}" does not exist in namespace "${p.namespace}"; add it, fix the name, or set createServiceAccount: true`,
      );
  }

  // Fargate
  const profiles = arr(cfg.fargateProfiles);
  if (!profiles.length) return;
  const fargateOnly = !arr(cfg.nodeGroups).length && !arr(cfg.managedNodeGroups).length && !cfg.autoModeConfig?.enabled && !cfg.karpenter;
  const selected = (ns: string, labels: Record<string, unknown> | undefined) =>
    profiles.some((pr) =>
      arr(pr?.selectors).some(
        (s) => typeof s?.namespace === 'string' && glob(s.namespace, ns) && Object.entries(s.labels ?? {}).every(([k, v]) => labels?.[k] === v),
      ),
    );
  for (const d of docs) {
    const ps = podSpecOf(d.kind, d.obj);
    if (!ps) continue;
    const xr = (rule: string, path: string, msg: string, sev?: Severity) => report(d.file, d.doc, rule, path, msg, sev);
    if (d.kind === 'DaemonSet') {
      if (fargateOnly)
        xr(
          'fargate-daemonset',
          'kind',
          `DaemonSet "${d.name}" cannot run on Fargate, and this cluster has only Fargate profiles; run it as a sidecar or add a node group`,
        );
      else if (selected(d.namespace, ps.meta?.labels))
        xr('fargate-daemonset', 'kind', `DaemonSet "${d.name}" is in a namespace a Fargate profile selects; its pods will not run on Fargate nodes`, 'warning');
      continue;
    }
    const onFargate = selected(d.namespace, ps.meta?.labels);
    if (!onFargate) {
      if (fargateOnly && !['kube-system'].includes(d.namespace))
        xr(
          'fargate-unselected',
          `${ps.metaPath}.labels`,
          `no Fargate profile selects namespace "${d.namespace}"${ps.meta?.labels ? ` with labels ${JSON.stringify(ps.meta.labels)}` : ''}, and the cluster has no nodes: its pods would stay Pending; add a selector to a Fargate profile in ${c.file}`,
        );
      continue;
    }
    const spec = ps.spec;
    if (spec.hostNetwork) xr('fargate-privileged', `${ps.path}.hostNetwork`, 'Fargate does not support hostNetwork');
    for (const [ct, cp] of containersOf(spec, ps.path)) {
      if (ct.securityContext?.privileged)
        xr('fargate-privileged', `${cp}.securityContext.privileged`, `container "${ct.name}" is privileged; Fargate does not run privileged containers`);
      arr(ct.ports).forEach((pt, i) => {
        if (pt?.hostPort) xr('fargate-privileged', `${cp}.ports[${i}].hostPort`, 'Fargate does not support hostPort');
      });
    }
    arr(spec.volumes).forEach((v, i) => {
      const vp = `${ps.path}.volumes[${i}]`;
      if (v?.hostPath) xr('fargate-privileged', `${vp}.hostPath`, 'Fargate does not support hostPath volumes');
      if (v?.awsElasticBlockStore) xr('fargate-ebs', `${vp}.awsElasticBlockStore`, 'Fargate cannot mount EBS volumes; use EFS');
      const claim = v?.persistentVolumeClaim?.claimName;
      if (typeof claim === 'string' && pvcClass.has(`${d.namespace}/${claim}`)) {
        const sc = pvcClass.get(`${d.namespace}/${claim}`) ?? '';
        const prov = scs.get(sc)?.provisioner ?? (BUILTIN_SC.has(sc) ? 'kubernetes.io/aws-ebs' : '');
        if (/ebs\.csi\.aws\.com|aws-ebs/.test(prov))
          xr('fargate-ebs', `${vp}.persistentVolumeClaim.claimName`, `PVC "${claim}" uses StorageClass "${sc}" (EBS); Fargate pods can only mount EFS volumes`);
      }
    });
    if (d.kind === 'StatefulSet')
      arr(d.obj.spec?.volumeClaimTemplates).forEach((t, i) => {
        const sc = t?.spec?.storageClassName ?? '';
        const prov = scs.get(sc)?.provisioner ?? (BUILTIN_SC.has(sc) ? 'kubernetes.io/aws-ebs' : '');
        if (/ebs\.csi\.aws\.com|aws-ebs/.test(prov))
          xr('fargate-ebs', `spec.volumeClaimTemplates[${i}].spec.storageClassName`, `StorageClass "${sc}" is EBS; Fargate pods can only mount EFS volumes`);
      });
  }
}
