// YAML as kubectl reads it: sigs.k8s.io/yaml decodes YAML 1.1, so yes/no/on/off are booleans, 0755
// is octal and `<<` merges, while timestamps stay strings. Parsed with js-yaml, which reads a
// project's manifests several times faster than the document-preserving parser the merge uses.
import {
  binaryTag,
  boolYaml11Tag,
  defineMappingTag,
  defineScalarTag,
  defineSequenceTag,
  FAILSAFE_SCHEMA,
  floatYaml11Tag,
  intYaml11Tag,
  loadAll,
  mapTag,
  mergeTag,
  nullYaml11Tag,
  Schema,
  seqTag,
} from 'js-yaml';

// Local tags (CloudFormation's !Sub, !Ref, !GetAtt) read as the plain node they tag, so a template is
// checked as the data it describes.
const localScalar = defineScalarTag('!', { matchByTagPrefix: true, resolve: (source) => source, identify: () => false });
const localSequence = defineSequenceTag('!', { matchByTagPrefix: true, create: seqTag.create, addItem: seqTag.addItem, identify: () => false });
const localMapping = defineMappingTag('!', {
  matchByTagPrefix: true,
  create: mapTag.create,
  addPair: mapTag.addPair,
  has: mapTag.has,
  keys: mapTag.keys,
  get: mapTag.get,
  identify: () => false,
});

export const KUBE_YAML = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
  binaryTag,
  localScalar,
  localSequence,
  localMapping,
]);

/** Limits that keep a hostile file from hanging the tool: alias count, nesting, and what aliases expand to. */
export const YAML_LIMITS = { aliases: 10_000, depth: 200, expandedValues: 2_000_000 } as const;

export interface YamlProblem {
  message: string;
  /** 1-based line, when the parser knows it. */
  line?: number;
}

export type Parsed = { docs: unknown[]; problem?: undefined } | { docs?: undefined; problem: YamlProblem };

/** Values a document holds once its aliases are expanded, counted without expanding them (shared nodes are counted once per use). */
function expandedSize(root: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, 1); // a cycle counts once; js-yaml builds none, but a limit must not recurse forever
    let n = 1;
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      n += size(x);
      if (n > limit) break;
    }
    memo.set(v, n);
    return n;
  };
  return size(root);
}

/** Every document of a YAML stream, or the first problem, with its line. Empty documents are null. */
export function parseYaml(text: string): Parsed {
  let docs: unknown[];
  try {
    docs = loadAll(text, { schema: KUBE_YAML, maxAliases: YAML_LIMITS.aliases, maxDepth: YAML_LIMITS.depth });
  } catch (e) {
    const err = e as Error & { reason?: string; mark?: { line: number } };
    return { problem: { message: err.reason ?? err.message.split('\n')[0], line: err.mark ? err.mark.line + 1 : undefined } };
  }
  for (const d of docs) {
    if (expandedSize(d, YAML_LIMITS.expandedValues) > YAML_LIMITS.expandedValues) {
      return {
        problem: {
          message: `aliases expand to more than ${YAML_LIMITS.expandedValues.toLocaleString('en')} values (a "billion laughs" document); write the values out`,
        },
      };
    }
  }
  return { docs };
}
