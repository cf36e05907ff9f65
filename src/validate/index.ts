// Offline validation of a create-eks-app project.
//
// Schema source: Kubernetes built-in kinds come from schemas/k8s.json, a 135 KB field/type/required
// map that scripts/gen-schemas.ts generates from the models @kubernetes/client-node ships (generated
// by the Kubernetes project from its OpenAPI; release 1.36, a superset of the EKS versions we target).
// We chose it over `kubernetes-models` (ships compiled ajv validators only, 18 MB, Node >= 22, no
// strict unknown-field mode) and over a generic JSON-Schema engine: our own walker (schema.ts) does
// strict unknown-field detection. The bundle ships the generated JSON beside the code
// (dist/k8s-schema.json); client-node is a dev dependency of the generator only. CRDs, eksctl and Helm
// key lists are written by us (schemas/*.ts). YAML is read by ./yaml.ts. Load this module lazily
// (`await import(...)`): only commands that validate pay for it. The engine is core.ts; this module
// checks with every check, and path.ts loads file-checks.ts only when a file needs it.
import { checkFiles } from './core.ts';
import { EKSCTL_RULES } from './eksctl-rules.ts';
import { FILE_CHECKS } from './file-checks.ts';
import type { FileInput, ValidateOptions, ValidateResult } from './types.ts';

export type { FileInput, Finding, Severity, ValidateOptions, ValidateResult } from './types.ts';
export { SCHEMA_SOURCE } from './k8s.ts';
export { APPLY_TIME_SAMPLES } from './core.ts';
export { optionsFromAnswers, validatePath } from './path.ts';
export { formatHuman, formatJson, summarize } from './report.ts';

/** Every rule id this validator can report. */
export const RULES = [
  'parse-error',
  'k8s-schema',
  'k8s-unknown-field',
  'k8s-enum',
  'k8s-name',
  'k8s-label',
  'k8s-port-range',
  'k8s-selector-mismatch',
  'k8s-duplicate-container',
  'k8s-request-exceeds-limit',
  'k8s-volume-mount',
  'k8s-field-combination',
  'k8s-removed-api',
  'k8s-alpha-api',
  'xref-service-selects-nothing',
  'xref-unschedulable',
  'xref-ingress-backend',
  'xref-missing-serviceaccount',
  'xref-missing-configmap',
  'xref-missing-secret',
  'xref-missing-pvc',
  'xref-missing-storageclass',
  'xref-missing-namespace',
  'xref-pod-identity-trust',
  'xref-irsa-trust',
  'fargate-unselected',
  'fargate-daemonset',
  'fargate-privileged',
  'fargate-ebs',
  'eksctl-schema',
  'eksctl-unknown-field',
  'eksctl-enum',
  'eksctl-version',
  'eksctl-addon-config',
  'iam-json',
  'iam-version',
  'iam-action-format',
  'iam-unknown-service',
  'iam-wildcard-action',
  'iam-wildcard-resource',
  'iam-trust-principal',
  'iam-trust-scope',
  'cfn-template',
  'helm-unknown-key',
  'helm-unknown-chart',
  'lint-run-as-non-root',
  'lint-read-only-rootfs',
  'lint-privilege-escalation',
  'lint-capabilities',
  'lint-resources',
  'lint-probes',
  'lint-latest-tag',
  'lint-pdb',
  'lint-network-policy',
  'pss-admission',
  'ecr-lifecycle',
  'gh-workflow',
  'unchecked-kind',
  ...EKSCTL_RULES.map((r) => r.id),
];

/** Every file checked as one project, with every check. */
export function validateFiles(input: FileInput[], opts: ValidateOptions = {}): ValidateResult {
  return checkFiles(input, opts, FILE_CHECKS);
}
