// One file's three-way merge: base (what the tool rendered last time), ours (the file on disk now),
// theirs (the new render). Lines first; where lines conflict or the result no longer parses, YAML and
// JSON merge structurally; only then is it a conflict.
import { parseAllDocuments } from 'yaml';
import { merge3, type MergeLabels } from './diff3.ts';
import { mergeStructured, StructuralConflict } from './structural.ts';

export type Outcome =
  | { kind: 'keep' }
  | { kind: 'write'; content: string; how: 'added' | 'updated' | 'merged' }
  | { kind: 'delete' }
  /** `content` is the file with conflict markers, `rej` the new render for a non-text file; neither when the file is left as it is. */
  | { kind: 'conflict'; reason: string; content?: string; rej?: string };

export function parses(file: string, text: string): boolean {
  try {
    if (/\.json$/i.test(file)) JSON.parse(text);
    else if (/\.ya?ml$/i.test(file)) return parseAllDocuments(text, { uniqueKeys: true }).every((d) => d.errors.length === 0);
    return true;
  } catch {
    return false;
  }
}

const binary = (s: string) => s.includes('\u0000');

export function mergeFile(file: string, base: string | undefined, ours: string | undefined, theirs: string | undefined, labels: MergeLabels): Outcome {
  if (theirs === undefined) {
    if (ours === undefined || base === undefined) return { kind: 'keep' };
    return ours === base
      ? { kind: 'delete' }
      : { kind: 'conflict', reason: 'no longer generated, but you changed it; kept as it is (delete it if you do not need it)' };
  }
  if (ours === undefined) {
    if (base === undefined) return { kind: 'write', content: theirs, how: 'added' };
    return theirs === base ? { kind: 'keep' } : { kind: 'conflict', reason: 'you deleted it and the new version changes it; left deleted' };
  }
  if (ours === theirs || theirs === base) return { kind: 'keep' };
  if (ours === base) return { kind: 'write', content: theirs, how: 'updated' };
  if (binary(ours) || binary(theirs) || (base !== undefined && binary(base))) {
    return { kind: 'conflict', reason: 'not a text file and changed on both sides; the new version is in the .rej file', rej: theirs };
  }
  const text = merge3(base ?? '', ours, theirs, labels);
  if (text.conflicts === 0 && parses(file, text.text)) return { kind: 'write', content: text.text, how: 'merged' };
  let reason = base === undefined ? 'you created this file and the new version generates it too' : 'your edits and the new version change the same lines';
  try {
    const structured = mergeStructured(file, base ?? '', ours, theirs);
    if (structured !== undefined && parses(file, structured)) return { kind: 'write', content: structured, how: 'merged' };
  } catch (e) {
    if (!(e instanceof StructuralConflict)) throw e;
    reason = `both change ${e.message}`;
  }
  // A clean line merge that does not parse still needs the user: show both sides whole.
  const content =
    text.conflicts > 0
      ? text.text
      : `<<<<<<< ${labels.ours}\n${ours}${ours.endsWith('\n') ? '' : '\n'}=======\n${theirs}${theirs.endsWith('\n') ? '' : '\n'}>>>>>>> ${labels.theirs}\n`;
  const line = content.split('\n').findIndex((l) => l.startsWith('<<<<<<< ')) + 1;
  return { kind: 'conflict', reason: `${reason} (first conflict at line ${line})`, content };
}
