// Line diffs and the three-way merge `update` and `add` apply: an LCS matching of base to each side,
// then the diff3 walk between lines all three share (as GNU diff3 and git's merge-file do).

/** Lines with their terminators, so a missing final newline survives the merge. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** For each line of `a`, the index of the line of `b` it is matched to, or -1 (longest common subsequence). */
export function matchLines(a: string[], b: string[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) match[lo] = lo++;
  let ea = a.length,
    eb = b.length;
  while (ea > lo && eb > lo && a[ea - 1] === b[eb - 1]) match[--ea] = --eb;
  const n = ea - lo,
    m = eb - lo;
  if (n === 0 || m === 0) return match;
  // Suffix LCS lengths over the middle part only; files here are a few hundred lines.
  const w = m + 1;
  const dp = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[lo + i] === b[lo + j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[lo + i] === b[lo + j]) {
      match[lo + i] = lo + j;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
    else j++;
  }
  return match;
}

export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export interface TextMerge {
  text: string;
  conflicts: number;
}

const same = (x: string[], y: string[]) => x.length === y.length && x.every((l, i) => l === y[i]);
const withNewline = (lines: string[]) => lines.map((l, i) => (i === lines.length - 1 && !l.endsWith('\n') ? `${l}\n` : l));

/**
 * Three-way merge of lines. Chunks changed on one side only take that side; chunks changed the same
 * way on both take it once; the rest become conflicts with standard markers (diff3 style, with the
 * base), trimmed of lines both sides agree on at either end.
 */
export function merge3(base: string, ours: string, theirs: string, labels: MergeLabels): TextMerge {
  const b = splitLines(base),
    o = splitLines(ours),
    t = splitLines(theirs);
  const mo = matchLines(b, o),
    mt = matchLines(b, t);
  const out: string[] = [];
  let conflicts = 0;
  let i = 0,
    j = 0,
    k = 0;
  while (i < b.length || j < o.length || k < t.length) {
    if (i < b.length && mo[i] === j && mt[i] === k) {
      out.push(b[i]);
      i++;
      j++;
      k++;
      continue;
    }
    // Next base line both sides still have, past their current positions: the end of this chunk.
    let s = i;
    while (s < b.length && !(mo[s] >= j && mt[s] >= k)) s++;
    const je = s < b.length ? mo[s] : o.length,
      ke = s < b.length ? mt[s] : t.length;
    const cb = b.slice(i, s),
      co = o.slice(j, je),
      ct = t.slice(k, ke);
    if (same(co, cb)) out.push(...ct);
    else if (same(ct, cb) || same(co, ct)) out.push(...co);
    else {
      let p = 0;
      while (p < co.length && p < ct.length && co[p] === ct[p]) p++;
      let q = 0;
      while (q < co.length - p && q < ct.length - p && co[co.length - 1 - q] === ct[ct.length - 1 - q]) q++;
      out.push(...co.slice(0, p));
      out.push(`<<<<<<< ${labels.ours}\n`, ...withNewline(co.slice(p, co.length - q)));
      out.push(`||||||| ${labels.base}\n`, ...withNewline(cb));
      out.push('=======\n', ...withNewline(ct.slice(p, ct.length - q)), `>>>>>>> ${labels.theirs}\n`);
      out.push(...co.slice(co.length - q));
      conflicts++;
    }
    i = s;
    j = je;
    k = ke;
  }
  return { text: out.join(''), conflicts };
}

/** A unified diff (3 lines of context), for --dry-run. Empty when the texts are equal. */
export function unifiedDiff(before: string, after: string, from: string, to: string): string {
  if (before === after) return '';
  const a = splitLines(before),
    b = splitLines(after);
  const m = matchLines(a, b);
  // Edit script as [kind, line] with kind ' ', '-' or '+'.
  const ops: [string, string][] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (m[i] < 0) {
      ops.push(['-', a[i]]);
      continue;
    }
    while (j < m[i]) ops.push(['+', b[j++]]);
    ops.push([' ', a[i]]);
    j++;
  }
  while (j < b.length) ops.push(['+', b[j++]]);
  const out = [`--- ${from}\n`, `+++ ${to}\n`];
  const C = 3;
  let x = 0;
  while (x < ops.length) {
    if (ops[x][0] === ' ') {
      x++;
      continue;
    }
    let start = Math.max(0, x - C),
      end = x;
    // Extend the hunk while the next change is within 2*C lines of context.
    for (;;) {
      while (end < ops.length && ops[end][0] !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next][0] === ' ') next++;
      if (next < ops.length && next - end <= 2 * C) end = next;
      else {
        end = Math.min(ops.length, end + C);
        break;
      }
    }
    const before0 = ops.slice(0, start).filter((op) => op[0] !== '+').length;
    const after0 = ops.slice(0, start).filter((op) => op[0] !== '-').length;
    const hunk = ops.slice(start, end);
    const na = hunk.filter((op) => op[0] !== '+').length,
      nb = hunk.filter((op) => op[0] !== '-').length;
    out.push(`@@ -${before0 + (na ? 1 : 0)},${na} +${after0 + (nb ? 1 : 0)},${nb} @@\n`);
    for (const [kind, line] of hunk) out.push(kind + (line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`));
    x = end;
  }
  return out.join('');
}
