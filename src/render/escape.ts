// Escaping helpers: every value a template writes passes through one of these, so no user input
// can end a string, start a new key or a comment, or break a document.

const YAML_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

// What a double-quoted scalar cannot hold as it is. With the u flag, the surrogate range matches a
// lone surrogate only; a pair is one code point outside it.
const YAML_UNSAFE = /[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/gu;

/** A YAML double-quoted scalar; control and line-separator characters are escaped by code point. */
export function yamlString(s: string): string {
  return `"${s.replace(YAML_UNSAFE, (ch) => YAML_ESCAPES[ch] ?? `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`)}"`;
}

/** Any JSON-compatible value as a one-line YAML flow node (JSON is valid YAML flow syntax). */
export function yamlValue(v: unknown): string {
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} to YAML`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(yamlValue).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${yamlString(k)}: ${yamlValue(x)}`)
      .join(', ')}}`;
  }
  throw new Error(`cannot write a value of type ${typeof v} to YAML`);
}

/** Pretty JSON with U+2028/U+2029 escaped, so the file is safe to embed anywhere. */
export function jsonValue(v: unknown): string {
  return JSON.stringify(v, null, 2).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Markdown inline text: emphasis, code, link, table and HTML characters are backslash-escaped, as is a block marker at the start. */
export function mdText(s: unknown): string {
  return String(s)
    .replace(/[\\`*_[\]<>|]/g, '\\$&')
    .replace(/^([#+-]|\d+\.(?=\s))/, '\\$1')
    .replace(/[\r\n]+/g, ' ');
}

/** A single-quoted POSIX shell word; safe inside README command blocks. */
export function shellWord(s: unknown): string {
  const str = String(s);
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(str) ? str : `'${str.replace(/'/g, `'\\''`)}'`;
}

/** Text inside a fenced code block: only a line of backticks could end the block early. */
export function codeText(s: unknown): string {
  return String(s).replace(/`{3,}/g, (m) => m.split('').join('\u200b'));
}
