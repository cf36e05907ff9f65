// Markdown sentences composed in TypeScript: the literal parts are the tool's own markdown, and every
// value put into them is escaped, as the template helpers escape values. Templates place a Prose with
// {{prose x}}, which refuses anything else.
import { codeText, mdText } from './escape.ts';

export class Prose {
  constructor(readonly markdown: string) {}
  toString(): string {
    return this.markdown;
  }
}

const piece = (v: unknown): string => (v instanceof Prose ? v.markdown : Array.isArray(v) ? v.map(piece).join('') : mdText(v));

/** A markdown sentence: interpolated values are escaped as inline text, Prose is kept as it is. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Prose {
  let out = strings[0];
  values.forEach((v, i) => {
    out += piece(v) + strings[i + 1];
  });
  return new Prose(out);
}

/** An inline code span. */
export const code = (v: unknown): Prose => new Prose(`\`${codeText(v)}\``);

/** Items joined by `sep`, the last two by `last`. */
export function join(items: Prose[], sep = ', ', last = sep): Prose {
  return new Prose(items.map((p, i) => (i === 0 ? '' : i === items.length - 1 ? last : sep) + p.markdown).join(''));
}

/** Nothing: for a part a condition leaves out. */
export const none = new Prose('');
