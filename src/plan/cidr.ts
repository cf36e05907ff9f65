// CIDR parsing and arithmetic with BigInt, so IPv4 and IPv6 share one code path.
export interface Cidr {
  version: 4 | 6;
  base: bigint;
  prefix: number;
  canonical: string;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s) || (s.match(/::/g) ?? []).length > 1) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? h.length !== 8 : missing < 1) return undefined;
  const groups = [...h, ...Array(tail === undefined ? 0 : missing).fill('0'), ...t];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

function formatV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function formatV6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((n >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Returns the parsed CIDR, or a message saying what is wrong and how to write it. */
export function parseCidr(input: unknown): Cidr | string {
  if (typeof input !== 'string') return `${JSON.stringify(input)} is not a CIDR`;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(input);
  if (!m) return `${JSON.stringify(input)} is not a CIDR; write it as address/prefix, e.g. 10.0.0.0/16`;
  const isV6 = m[1].includes(':');
  const base = isV6 ? parseV6(m[1]) : parseV4(m[1]);
  const bits = isV6 ? 128 : 32;
  const prefix = Number(m[2]);
  if (base === undefined || prefix > bits) return `${JSON.stringify(input)} is not a valid IPv${isV6 ? 6 : 4} CIDR`;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const network = base & ~hostMask;
  const canonical = `${isV6 ? formatV6(network) : formatV4(network)}/${prefix}`;
  if (network !== base) return `${input} has host bits set; the network is ${canonical}`;
  return { version: isV6 ? 6 : 4, base: network, prefix, canonical };
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.version !== b.version) return false;
  const bits = a.version === 4 ? 32 : 128;
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = ~((1n << BigInt(bits - prefix)) - 1n);
  return (a.base & mask) === (b.base & mask);
}

export function addressCount(c: Cidr): bigint {
  return 1n << BigInt((c.version === 4 ? 32 : 128) - c.prefix);
}
