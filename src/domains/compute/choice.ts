// The compute choice itself; each type's own questions live in its module, and its hint here.
import { COMPUTE_TYPES } from '../../answers/types.ts';
import { oneOf } from '../../plan/rules.ts';
import type { ComputeModule, DomainQuestion } from '../contract.ts';

/** The question that picks a compute type, its choices hinted by each type's module. */
export const computeQuestion = (modules: Readonly<Record<(typeof COMPUTE_TYPES)[number], ComputeModule>>): DomainQuestion => ({
  key: 'compute',
  kind: 'choice',
  group: 'compute',
  prompted: true,
  message: 'How nodes run',
  hint: 'managed node groups are patched and replaced by EKS',
  choices: () => COMPUTE_TYPES.map((value) => ({ value, hint: modules[value].hint })),
  default: () => 'managed',
  rule: oneOf(COMPUTE_TYPES),
});
