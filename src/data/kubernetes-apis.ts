// Kubernetes APIs by the version that removes or deprecates them (the Kubernetes deprecated API
// migration guide; the release notes of 1.33 for Endpoints). validate refuses removed ones; upgrade
// looks for them in the project, and in a live cluster, before it moves to a new minor version.

/** API group versions removed from Kubernetes, with the version that removed them and what replaces them. */
export const REMOVED_APIS: readonly [RegExp, string, string][] = [
  [/^extensions\/v1beta1$/, '1.22', 'apps/v1 or networking.k8s.io/v1'],
  [/^apps\/v1beta[12]$/, '1.16', 'apps/v1'],
  [/^networking\.k8s\.io\/v1beta1$/, '1.22', 'networking.k8s.io/v1'],
  [
    /^(rbac\.authorization|admissionregistration|apiextensions|apiregistration|authentication|authorization|certificates|coordination|scheduling)\.k8s\.io\/v1beta1$/,
    '1.22',
    'the v1 API',
  ],
  [/^batch\/v1beta1$/, '1.25', 'batch/v1'],
  [/^policy\/v1beta1$/, '1.25', 'policy/v1 (PodSecurityPolicy has no replacement: use Pod Security Admission)'],
  [/^autoscaling\/v2beta1$/, '1.25', 'autoscaling/v2'],
  [/^autoscaling\/v2beta2$/, '1.26', 'autoscaling/v2'],
  [/^(discovery|events|node)\.k8s\.io\/v1beta1$/, '1.25', 'the v1 API'],
  [/^storage\.k8s\.io\/v1beta1$/, '1.27', 'storage.k8s.io/v1'],
  [/^flowcontrol\.apiserver\.k8s\.io\/v1beta[12]$/, '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
  [/^flowcontrol\.apiserver\.k8s\.io\/v1beta3$/, '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
];
/** APIs still served but deprecated: [apiVersion, kind, since, what replaces it]. */
export const DEPRECATED_APIS: readonly [string, string, string, string][] = [['v1', 'Endpoints', '1.33', 'discovery.k8s.io/v1 EndpointSlice']];

/** 1.35 → 1035, for ordering minor versions. */
export const minorNumber = (v: string): number => {
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  return m ? +m[1] * 1000 + +m[2] : Number.NaN;
};

/** Why an object of this apiVersion and kind is a problem on Kubernetes `version`, or undefined. */
export function apiProblem(apiVersion: string, kind: string, version: string): { removed: boolean; message: string } | undefined {
  const removed = REMOVED_APIS.find(([re]) => re.test(apiVersion));
  if (removed && minorNumber(version) >= minorNumber(removed[1]))
    return { removed: true, message: `${apiVersion} ${kind} was removed in Kubernetes ${removed[1]}; use ${removed[2]}` };
  const dep = DEPRECATED_APIS.find(([v, k]) => v === apiVersion && k === kind);
  if (dep && minorNumber(version) >= minorNumber(dep[2]))
    return { removed: false, message: `${apiVersion} ${kind} is deprecated since Kubernetes ${dep[2]}; use ${dep[3]}` };
  return undefined;
}
