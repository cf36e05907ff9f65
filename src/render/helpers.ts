import { codeText, jsonValue, mdText, shellWord, yamlValue } from './escape.ts';
import { Prose } from './prose.ts';

// Handlebars HTML-escapes plain helper output; these formats need the exact text, so each result
// is marked safe. Only these helpers may write values (a test scans the templates for others).
const safe = (s: string) => ({ toHTML: () => s, toString: () => s });

export const TEMPLATE_HELPERS = {
  yaml: (v: unknown) => safe(yamlValue(v)),
  json: (v: unknown) => safe(jsonValue(v)),
  md: (v: unknown) => safe(mdText(v)),
  sh: (v: unknown) => safe(shellWord(v)),
  code: (v: unknown) => safe(codeText(v)),
  // Markdown composed in TypeScript, whose values were escaped there; anything else is refused.
  prose: (v: unknown) => {
    if (!(v instanceof Prose)) throw new Error(`prose: expected text composed with md\`...\`, got ${typeof v}`);
    return safe(v.markdown);
  },
} as const;

export const ALLOWED_MUSTACHES = ['yaml', 'json', 'md', 'sh', 'code', 'prose', '#if', '/if', '#unless', '/unless', '#each', '/each', 'else', '>'];
