// The domain modules, each listed once. The registry asks their questions, defaults and answer
// rules read their defaults and rules, and resolve(), the README steps and its prose call their hooks.
import type { Compute } from '../answers/types.ts';
import { autoMode } from './compute/auto-mode.ts';
import { fargate } from './compute/fargate.ts';
import { karpenter } from './compute/karpenter/index.ts';
import { managed } from './compute/managed.ts';
import { selfManaged } from './compute/self-managed.ts';
import type { ComputeModule, DomainModule, DomainQuestion } from './contract.ts';
import { nodeGroup } from './node-group.ts';

export const COMPUTE_MODULES: Readonly<Record<Compute, ComputeModule>> = {
  managed,
  'self-managed': selfManaged,
  fargate,
  karpenter,
  'auto-mode': autoMode,
};

/** Every domain module; their problems run in this order. */
export const DOMAINS: readonly DomainModule[] = [nodeGroup, ...Object.values(COMPUTE_MODULES)];

/** Every question a domain module owns, by key. */
export const DOMAIN_QUESTIONS: ReadonlyMap<string, DomainQuestion> = new Map(DOMAINS.flatMap((d) => d.questions.map((q) => [q.key, q])));

export { nodeGroup, fargate, karpenter, autoMode };
