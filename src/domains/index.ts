// The domain modules, each listed once. The registry asks their questions in the order below,
// defaults and answer rules read the defaults and rules attached to them, and resolve(), the README
// steps and its prose call the compute modules' hooks.
import type { Compute } from '../answers/types.ts';
import { access } from './access.ts';
import { app } from './app.ts';
import { cluster } from './cluster.ts';
import { edge } from './edge.ts';
import { gitops } from './gitops.ts';
import { autoMode } from './compute/auto-mode.ts';
import { computeQuestion } from './compute/choice.ts';
import { fargate } from './compute/fargate.ts';
import { karpenter } from './compute/karpenter/index.ts';
import { managed } from './compute/managed.ts';
import { selfManaged } from './compute/self-managed.ts';
import type { ComputeModule, DomainModule, DomainQuestion } from './contract.ts';
import { identity } from './identity.ts';
import { cni, vpc } from './network.ts';
import { nodeGroup } from './node-group.ts';
import { storage } from './storage.ts';
import { service } from './service.ts';

export const COMPUTE_MODULES: Readonly<Record<Compute, ComputeModule>> = {
  managed,
  'self-managed': selfManaged,
  fargate,
  karpenter,
  'auto-mode': autoMode,
};

/** Every domain's questions, in the order the wizard asks them: each after the answers its `when` and default read. */
export const DOMAIN_QUESTION_LIST: readonly DomainQuestion[] = [
  service.first,
  ...cluster.questions,
  ...access.questions,
  ...vpc.questions,
  computeQuestion(COMPUTE_MODULES),
  ...nodeGroup.questions,
  ...karpenter.questions,
  ...autoMode.questions,
  ...identity.questions,
  ...cni.questions,
  ...app.questions,
  ...service.questions,
  ...fargate.questions,
  ...storage.questions,
];

/** Questions asked after the add-ons, because they read add-on answers (the load balancer's scheme, external-dns). */
export const LATE_DOMAIN_QUESTION_LIST: readonly DomainQuestion[] = [...edge.questions, ...gitops.questions];

/** Every domain's questions by key. */
export const DOMAIN_QUESTIONS: ReadonlyMap<string, DomainQuestion> = new Map([...DOMAIN_QUESTION_LIST, ...LATE_DOMAIN_QUESTION_LIST].map((q) => [q.key, q]));

/** Every domain module; their problems across answers are reported in this order. */
export const DOMAINS: readonly DomainModule[] = [
  access,
  identity,
  nodeGroup,
  ...Object.values(COMPUTE_MODULES),
  cluster,
  app,
  service,
  edge,
  gitops,
  vpc,
  cni,
  storage,
];

/** The README's choices, in the order a reader meets them; 'compute' is the chosen type's module. */
export const README_ORDER: readonly (DomainModule | 'compute')[] = [access, cluster, vpc, cni, storage, 'compute', identity, app, service, edge, gitops];

export { nodeGroup };
export { podIdentityBlocker } from './identity.ts';
