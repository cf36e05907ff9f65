// Handlebars' compiler, loaded only when a template arrives as text: a template pack's, or the
// built-in ones when running from source. The bundle precompiles the built-in templates instead.
import FullHandlebars from 'handlebars/dist/cjs/handlebars.js';

/** The precompiled specification of a template, as the runtime's `template()` takes it. */
export function precompileText(text: string): object {
  const source = (FullHandlebars as unknown as { precompile(t: string): string }).precompile(text);
  return new Function(`return ${source};`)() as object;
}
