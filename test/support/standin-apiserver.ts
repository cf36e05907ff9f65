// A LOOPBACK STAND-IN for a Kubernetes API server, because no real API server can run here.
// It answers the requests `kubectl apply --dry-run=server --validate=strict` makes: discovery,
// the OpenAPI v3 index kubectl reads to learn that fieldValidation is supported, GETs (404) and
// dry-run POSTs. Like a real server it rejects unknown fields with 400 (strict decoding error),
// invalid values with 422 and field causes, and objects in namespaces that do not exist with 404.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

interface Resource { name: string; kind: string; namespaced: boolean; group: string; version: string }

const RESOURCES: Resource[] = [
  { name: 'namespaces', kind: 'Namespace', namespaced: false, group: '', version: 'v1' },
  { name: 'services', kind: 'Service', namespaced: true, group: '', version: 'v1' },
  { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, group: '', version: 'v1' },
  { name: 'configmaps', kind: 'ConfigMap', namespaced: true, group: '', version: 'v1' },
  { name: 'deployments', kind: 'Deployment', namespaced: true, group: 'apps', version: 'v1' },
  { name: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, group: 'policy', version: 'v1' },
];

// Fields the stand-in knows, enough to reject a misspelt one the way strict decoding does.
const KNOWN_SPEC_FIELDS: Record<string, string[]> = {
  Deployment: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
  Service: ['type', 'selector', 'ports', 'clusterIP', 'clusterIPs', 'sessionAffinity', 'externalTrafficPolicy', 'internalTrafficPolicy', 'ipFamilies', 'ipFamilyPolicy', 'loadBalancerClass'],
};

const gvPath = (r: Resource) => (r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`);

export interface StandIn {
  url: string;
  kubeconfig: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startStandInApiServer(dir: string, namespaces = ['default', 'kube-system']): Promise<StandIn> {
  const requests: string[] = [];
  const send = (res: http.ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const status = (code: number, reason: string, message: string, details?: unknown) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://standin');
      requests.push(`${req.method} ${u.pathname}${u.search}`);
      const p = u.pathname.replace(/^\//, '');
      if (p === 'version') return send(res, 200, { major: '1', minor: '34', gitVersion: 'v1.34.2-standin' });
      if (p === 'api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'] });
      if (p === 'apis') {
        const groups = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];
        return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } })) });
      }
      const gvResources = RESOURCES.filter((r) => gvPath(r) === p);
      if (gvResources.length > 0) {
        return send(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: p.replace(/^apis?\//, '').replace(/^v1$/, 'v1'), resources: gvResources.map((r) => ({ name: r.name, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['create', 'get', 'list', 'patch'] })) });
      }
      if (p === 'openapi/v3') {
        return send(res, 200, { paths: Object.fromEntries([...new Set(RESOURCES.map(gvPath))].map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=standin` }])) });
      }
      if (p.startsWith('openapi/v3/')) {
        const gv = p.slice('openapi/v3/'.length);
        const paths: Record<string, unknown> = {};
        for (const r of RESOURCES.filter((x) => gvPath(x) === gv)) {
          const base = r.namespaced ? `/${gv}/namespaces/{namespace}/${r.name}` : `/${gv}/${r.name}`;
          const op = { 'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind }, parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string' } }], responses: {} };
          paths[base] = { post: op };
          paths[`${base}/{name}`] = { patch: op };
        }
        return send(res, 200, { openapi: '3.0.0', info: { title: 'stand-in', version: 'v1.34' }, paths, components: { schemas: {} } });
      }
      if (req.method === 'GET') return send(res, 404, status(404, 'NotFound', 'not found'));
      if (req.method !== 'POST' || u.searchParams.get('dryRun') !== 'All') return send(res, 405, status(405, 'MethodNotAllowed', 'the stand-in only answers dry runs'));
      const obj = JSON.parse(body);
      const ns = /namespaces\/([^/]+)\//.exec(p)?.[1];
      const r = RESOURCES.find((x) => p.endsWith(`/${x.name}`))!;
      if (ns && !namespaces.includes(ns)) return send(res, 404, status(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }));
      const unknown = Object.keys(obj.spec ?? {}).find((k) => KNOWN_SPEC_FIELDS[r.kind] && !KNOWN_SPEC_FIELDS[r.kind].includes(k));
      if (unknown && u.searchParams.get('fieldValidation') === 'Strict') {
        return send(res, 400, status(400, 'BadRequest', `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: strict decoding error: unknown field "spec.${unknown}"`));
      }
      if (r.kind === 'Deployment' && typeof obj.spec?.replicas === 'number' && obj.spec.replicas < 0) {
        const msg = `Invalid value: ${obj.spec.replicas}: must be greater than or equal to 0`;
        const fq = `${r.kind}.${r.group}`;
        return send(res, 422, status(422, 'Invalid', `${fq} "${obj.metadata.name}" is invalid: spec.replicas: ${msg}`, { name: obj.metadata.name, group: r.group, kind: r.kind, causes: [{ reason: 'FieldValueInvalid', message: msg, field: 'spec.replicas' }] }));
      }
      return send(res, 201, obj);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = path.join(dir, 'standin.kubeconfig');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: standin',
    'clusters:', '- name: standin', '  cluster:', `    server: ${url}`,
    'contexts:', '- name: standin', '  context:', '    cluster: standin', '    user: standin',
    'users:', '- name: standin', '  user:', '    token: stand-in-token', '',
  ].join('\n'));
  return { url, kubeconfig, requests, close: () => new Promise((ok) => server.close(() => ok())) };
}
