// The answers contract: a plain, serialisable object. Every later step is a pure function of it.

export const COMPUTE_TYPES = ['managed'] as const;
export const IDENTITY_MODES = ['pod-identity', 'irsa'] as const;
export const ENDPOINT_MODES = ['private', 'public-private', 'public'] as const;

export type Compute = (typeof COMPUTE_TYPES)[number];
export type Identity = (typeof IDENTITY_MODES)[number];
export type Endpoint = (typeof ENDPOINT_MODES)[number];

export interface AppAnswers {
  name: string;
  namespace: string;
  image: string;
  port: number;
  replicas: number;
}

export interface Answers {
  name: string;
  region: string;
  /** 12 digits; when empty, ARNs carry ${AWS_ACCOUNT_ID} and the README substitutes it. */
  accountId: string;
  kubernetesVersion: string;
  compute: Compute;
  instanceTypes: string[];
  nodeMin: number;
  nodeMax: number;
  nodeDesired: number;
  identity: Identity;
  endpoint: Endpoint;
  publicAccessCidrs: string[];
  /** Recorded only when the user explicitly accepted an API endpoint open to the internet. */
  allowPublicInternet: boolean;
  tags: Record<string, string>;
  app: AppAnswers;
  /** Optional add-ons by id (generators/addons). */
  addons: string[];
  /** Options of add-ons, keyed by the add-on's camelCase id. */
  addon: Record<string, Record<string, unknown>>;
}

/** What the user has given so far: any subset, with `app` possibly partial too. */
export type PartialAnswers = Partial<Omit<Answers, 'app' | 'addon'>> & { app?: Partial<AppAnswers>; addon?: Record<string, Record<string, unknown>> };

export type AnswerKind = 'string' | 'integer' | 'boolean' | 'choice' | 'list' | 'map';
