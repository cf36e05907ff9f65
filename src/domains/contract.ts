// The contract of a domain module (node groups, each compute type): the add-on contract, for the
// parts of a cluster every project has. A module owns its questions, each with its default and its
// rule; the problems that need several of its answers; and for a compute type what it adds to the
// plan, its files, its README steps and its sentence in "Choices made for you".
import type { Question } from '../answers/registry.ts';
import type { Answers, Compute, PartialAnswers } from '../answers/types.ts';
import type { ComputeType } from '../plan/compute-types.ts';
import type { ComputePlan, NodeGroups } from '../plan/compute.ts';
import type { AwsContext } from '../plan/iam.ts';
import type { KV } from '../plan/compute.ts';
import type { HelmRelease } from '../plan/addons.ts';
import type { IamRole, KarpenterPlan, NodeRole, Plan, PlannedFile } from '../plan/resolve.ts';
import type { Problem, Rule } from '../plan/rules.ts';
import type { Step } from '../plan/steps.ts';
import type { Prose } from '../render/prose.ts';

export type DefaultFn = (a: PartialAnswers, today: Date) => unknown;

/** A question with the default it takes when not given and the rule its answer must meet. */
export interface DomainQuestion extends Question {
  default: DefaultFn;
  rule?: Rule;
  /** Fills what a given answer leaves out (the fields of a node group), so the saved answers are whole. */
  complete?: (value: unknown, a: PartialAnswers) => unknown;
}

export interface DomainModule {
  id: string;
  questions: DomainQuestion[];
  /** Problems that need several answers; run once every field rule passed. */
  problems?(a: Answers): Problem[];
  /** Its sentences in the README's "Choices made for you, and why". */
  readme?(p: ReadmePlan): Prose[];
}

/** The plan as the README's prose sees it. */
export type ReadmePlan = Omit<Plan, 'readme'>;

/** What a compute type adds to the plan beyond its node groups and Fargate profiles. */
export interface ComputeAdditions {
  karpenter?: KarpenterPlan;
  roles?: IamRole[];
  nodeRoles?: NodeRole[];
  helmReleases?: HelmRelease[];
}

export interface ComputeContext {
  answers: Answers;
  aws: AwsContext;
  tags: KV[];
  /** maxPods of node groups, set to match prefix delegation or custom networking. */
  maxPodsPerNode: number | undefined;
  /** maxPods of Karpenter's nodes. */
  nodePoolMaxPods: number | undefined;
}

type PlanSoFar = Omit<Plan, 'files' | 'applyTimeFiles' | 'steps' | 'maintenance' | 'teardown' | 'upgrade' | 'readme' | 'service' | 'delivery'>;

/** One per compute type: its row of the traits table, and everything only it writes or says. */
export interface ComputeModule extends DomainModule {
  id: Compute;
  traits: ComputeType;
  /** A line for the compute choice in the wizard. */
  hint: string;
  /** What cluster.yaml describes for this compute type, for the file's purpose. */
  configures(c: ComputePlan): string;
  /** What `eksctl create cluster` makes for it, for the README step. */
  created(c: ComputePlan): string;
  /** Its node groups; none for Fargate and Auto Mode. */
  groups?(ctx: ComputeContext): NodeGroups;
  additions?(ctx: ComputeContext): ComputeAdditions;
  files?(plan: PlanSoFar): PlannedFile[];
  /** README steps: before the cluster exists, once kubectl reaches it, and later operations. */
  steps?(plan: Plan): { beforeCluster?: Step[]; afterCluster?: Step[]; maintenance?: Step[] };
  readme(p: ReadmePlan): Prose[];
}
