// The contract every add-on module fulfils. One module per add-on under generators/addons/<id>.ts,
// its templates under templates/addons/<id>/; the registry array in index.ts is the only list.
import type { Question } from '../../src/answers/registry.ts';
import type { Answers, PartialAnswers } from '../../src/answers/types.ts';
import type { AwsContext, PolicyDocument, ServiceAccountRef } from '../../src/plan/iam.ts';
import type { PlannedFile } from '../../src/plan/resolve.ts';
import type { Step } from '../../src/plan/steps.ts';

export interface AddonContext {
  answers: Answers;
  aws: AwsContext;
  podIdentity: boolean;
  /** Ids of every add-on in the project, after defaults and implied add-ons. */
  selected: ReadonlySet<string>;
}

/** An EKS managed add-on, written to the ClusterConfig's addons: list. */
export interface EksAddonInstall {
  method: 'eks-addon';
  name: string;
  version: string;
  /** Serialised to JSON for eksctl's configurationValues. */
  configurationValues?: Record<string, unknown>;
}

/** A Helm release, with its values in helm/<release>.values.yaml. */
export interface HelmInstall {
  method: 'helm';
  /** Key into HELM_CHARTS in src/data/versions.ts: repository, chart and version are pinned there. */
  chart: string;
  release: string;
  namespace: string;
  /** The values template, relative to templates/. */
  valuesTemplate: string;
  /** Data the values template reads as `values.*`. */
  values?: Record<string, unknown>;
}

export type AddonInstall = EksAddonInstall | HelmInstall;

/** An IAM role the add-on's pods assume, through Pod Identity or IRSA as the project uses. */
export interface AddonRole {
  /** Suffix; the role is named <cluster>-<suffix>. */
  suffix: string;
  purpose: string;
  serviceAccount: ServiceAccountRef;
  policy: PolicyDocument;
}

export interface AddonModule {
  id: string;
  title: string;
  description: string;
  /** Offered for these answers? Returns the reason it is not, or true. */
  when(a: PartialAnswers): true | string;
  dependsOn: string[];
  conflictsWith: string[];
  /** Questions of this add-on; keys are `addon.<camelId>.<field>`, flags `--addon-<id>-<field>`. */
  questions: Question[];
  defaults?: Record<string, (a: PartialAnswers, today: Date) => unknown>;
  rules?: Record<string, (value: any, a: PartialAnswers, today: Date) => string | undefined>;
  install(ctx: AddonContext): AddonInstall;
  roles?(ctx: AddonContext): AddonRole[];
  /** Extra files (manifests and the like) as plop add actions. */
  actions?(ctx: AddonContext): PlannedFile[];
  /** README steps after its install, in dependency order. */
  steps?(ctx: AddonContext): Step[];
}
