// The part of semver packs need: versions, comparison and npm-style ranges (^ ~ x, comparators,
// hyphen ranges, ||). Written here rather than bundling `semver` for ~60 lines.
export type Version = [number, number, number, string];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(s: string): Version | undefined {
  const m = VERSION.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''] : undefined;
}

export function compareVersions(a: string | Version, b: string | Version): number {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  if (!x || !y) throw new Error(`not a version: ${!x ? a : b}`);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  // A prerelease sorts before its release; prereleases compare by their dot-separated parts.
  if (x[3] === y[3]) return 0;
  if (!x[3] || !y[3]) return x[3] ? -1 : 1;
  const p = x[3].split('.'),
    q = y[3].split('.');
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    if (p[i] === undefined || q[i] === undefined) return p[i] === undefined ? -1 : 1;
    const n = /^\d+$/.test(p[i]) && /^\d+$/.test(q[i]) ? Number(p[i]) - Number(q[i]) : p[i] < q[i] ? -1 : p[i] > q[i] ? 1 : 0;
    if (n !== 0) return n;
  }
  return 0;
}

type Comparator = { op: '<' | '<=' | '>' | '>=' | '='; v: Version };

/** A partial version such as 1, 1.2 or 1.x; missing parts are undefined. */
function partial(s: string): [number | undefined, number | undefined, number | undefined, string] | undefined {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(s);
  if (!m) return undefined;
  const n = (x?: string) => (x === undefined || /^[xX*]$/.test(x) ? undefined : Number(x));
  const [a, b, c] = [n(m[1]), n(m[2]), n(m[3])];
  if ((a === undefined && (b !== undefined || c !== undefined)) || (b === undefined && c !== undefined)) return undefined;
  return [a, b, c, m[4] ?? ''];
}

/** One space-separated term of a range, as comparators; undefined when it does not parse. */
function term(t: string): Comparator[] | undefined {
  const m = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(t)!;
  const op = m[1] ?? '';
  const p = partial(m[2]);
  if (!p) return undefined;
  const [a, b, c, pre] = p;
  const v = (x: number, y: number, z: number, r = ''): Version => [x, y, z, r];
  if (a === undefined) return op === '<' || op === '>' ? [{ op: '<', v: v(0, 0, 0) }] : [];
  const lo = v(a, b ?? 0, c ?? 0, pre);
  const exact = b !== undefined && c !== undefined;
  const next = b === undefined ? v(a + 1, 0, 0) : c === undefined ? v(a, b + 1, 0) : v(a, b, c + 1);
  switch (op) {
    case '^': {
      const hi = a > 0 || b === undefined ? v(a + 1, 0, 0) : b > 0 || c === undefined ? v(0, b + 1, 0) : v(0, 0, c + 1);
      return [
        { op: '>=', v: lo },
        { op: '<', v: hi },
      ];
    }
    case '~':
      return [
        { op: '>=', v: lo },
        { op: '<', v: b === undefined ? v(a + 1, 0, 0) : v(a, b + 1, 0) },
      ];
    case '>':
      return exact ? [{ op: '>', v: lo }] : [{ op: '>=', v: next }];
    case '<=':
      return exact ? [{ op: '<=', v: lo }] : [{ op: '<', v: next }];
    case '<':
    case '>=':
      return [{ op, v: lo }];
    default:
      return exact
        ? [{ op: '=', v: lo }]
        : [
            { op: '>=', v: lo },
            { op: '<', v: next },
          ];
  }
}

/** Parses an npm-style range into alternatives of comparator sets; undefined when malformed. */
export function parseRange(range: string): Comparator[][] | undefined {
  const alts = range
    .trim()
    .split('||')
    .map((s) => s.trim());
  const out: Comparator[][] = [];
  for (const alt of alts) {
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alt);
    const terms = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : alt === '' ? ['*'] : alt.replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/);
    const set: Comparator[] = [];
    for (const t of terms) {
      const c = term(t);
      if (!c) return undefined;
      set.push(...c);
    }
    out.push(set);
  }
  return out;
}

/** npm semantics: a prerelease version only matches a comparator set naming a prerelease of the same x.y.z. */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  const alts = parseRange(range);
  if (!v || !alts) return false;
  return alts.some((set) => {
    const ok = set.every(({ op, v: w }) => {
      const c = compareVersions(v, w);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : c === 0;
    });
    return ok && (!v[3] || set.some(({ v: w }) => w[3] !== '' && w[0] === v[0] && w[1] === v[1] && w[2] === v[2]));
  });
}
