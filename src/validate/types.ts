export type Severity = 'error' | 'warning' | 'unchecked';

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  /** JSON path inside the document, e.g. `spec.template.spec.containers[0].image`; '' for the whole document. */
  path: string;
  message: string;
  /** 0-based index of the YAML document inside a multi-document file. */
  doc?: number;
}

export interface ValidateOptions {
  /** "1.34" etc.; selects which API versions exist. Defaults to the newest one we know. */
  kubernetesVersion?: string;
  /** Lint findings become errors. */
  strict?: boolean;
  /** Every namespace with workloads must have a NetworkPolicy. */
  networkPolicyEnabled?: boolean;
  /** Chart name and version per Helm release, as recorded in .eks-app.json. */
  helmCharts?: Record<string, { chart: string; version?: string }>;
  /** Check only this file; the others are read for what it refers to. */
  focus?: string;
}

export interface FileInput {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  content: string;
}

export interface ValidateResult {
  findings: Finding[];
  resources: number;
  files?: number;
}

/** A parsed Kubernetes object with where it came from. */
export interface K8sDoc {
  file: string;
  doc: number;
  obj: Record<string, any>;
  apiVersion: string;
  kind: string;
  name: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
}

export type Report = (rule: string, path: string, message: string, severity?: Severity) => void;
