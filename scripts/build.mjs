// Bundles the CLI into dist/ so `npm create` installs nothing at run time. Code splitting keeps
// --help fast: the renderer, prompts and validator load only when a command needs them. The
// built-in templates are precompiled here, so a run never parses one.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const templatesRoot = path.join(root, 'templates');

/** src/render/builtin-templates.ts, with each template's precompiled specification instead of its text. */
function precompiledTemplates() {
  const entries = readdirSync(templatesRoot, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort()
    .map((file) => {
      const rel = path.relative(templatesRoot, file).split(path.sep).join('/');
      return `[${JSON.stringify(rel)}, { spec: ${Handlebars.precompile(readFileSync(file, 'utf8'))} }]`;
    });
  return `const T = new Map([\n${entries.join(',\n')}\n]);\nexport function builtinTemplates() { return T; }\n`;
}

const precompile = {
  name: 'precompile-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]render[\\/]builtin-templates\.ts$/ }, () => ({ contents: precompiledTemplates(), loader: 'js' }));
  },
};

// A large JSON module as one JSON.parse of a string: V8 reads that much faster than an object literal.
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]validate[\\/]schemas[\\/]k8s\.json$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

// node-plop imports all of handlebars and its addMany action's globber. This tool runs only its own
// "render" action over precompiled templates, so plop gets the Handlebars runtime and a globber stub;
// the compiler loads separately (src/render/compile.ts) when a template pack brings text.
const plopDiet = {
  name: 'plop-diet',
  setup(b) {
    b.onResolve({ filter: /^handlebars$/ }, (args) => (/node-plop/.test(args.importer) ? { path: path.join(root, 'node_modules/handlebars/runtime.js') } : undefined));
    b.onResolve({ filter: /^tinyglobby$/ }, () => ({ path: path.join(root, 'scripts/stubs/plop-glob.js') }));
  },
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/run.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [precompile, plopDiet, jsonAsString],
  alias: { inquirer: './scripts/stubs/plop-inquirer.js' },
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  metafile: Boolean(process.env.BUILD_META),
});
// BUILD_META=1: what each chunk holds, for looking into the bundle (.tmp/meta.json).
if (result.metafile) {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  writeFileSync(path.join(root, '.tmp/meta.json'), JSON.stringify(result.metafile));
}
