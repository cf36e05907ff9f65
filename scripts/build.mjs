// Bundles the CLI into dist/ so `npm create` installs nothing at run time. Code splitting keeps
// start-up fast: each command loads only what it needs. The built-in templates are precompiled
// here, and the short --help is composed here, so a run never does either.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

// The Kubernetes schema map ships as dist/k8s-schema.json, read when the validator loads: V8's JSON
// parser reads it far faster than the JavaScript parser would read it as code.
const SCHEMA_OUT = 'k8s-schema.json';
const jsonAsString = {
  name: 'schema-as-json-file',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]validate[\\/]schemas[\\/]k8s\.json$/ }, (args) => {
      if (b.initialOptions.outdir)
        writeFileSync(path.join(root, b.initialOptions.outdir, SCHEMA_OUT), JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))));
      else return { contents: readFileSync(args.path, 'utf8'), loader: 'json' };
      return {
        contents: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(new URL('./${SCHEMA_OUT}', import.meta.url), 'utf8'));`,
        loader: 'js',
      };
    });
  },
};

/** The short --help, composed from the registry once, here (it does not depend on the date). */
async function shortHelpText() {
  const out = path.join(root, '.tmp', 'help-build.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/help.ts'],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    plugins: [jsonAsString],
  });
  const text = (await import(`${pathToFileURL(out).href}?t=${Date.now()}`)).shortHelp();
  rmSync(out, { force: true });
  return text;
}

const precomputed = {
  name: 'precomputed',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]render[\\/]builtin-templates\.ts$/ }, () => ({ contents: precompiledTemplates(), loader: 'js' }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]help-short\.ts$/ }, async () => ({
      contents: `export function shortHelp() { return ${JSON.stringify(await shortHelpText())}; }`,
      loader: 'js',
    }));
  },
};

// node-plop imports all of handlebars, its addMany action's globber and, for plop.load(), a module
// resolver. This tool runs only its own "render" action over precompiled templates, so plop gets the
// Handlebars runtime and stubs for the other two; the compiler loads separately
// (src/render/compile.ts) when a template pack brings text.
const plopDiet = {
  name: 'plop-diet',
  setup(b) {
    b.onResolve({ filter: /^handlebars$/ }, (args) =>
      /node-plop/.test(args.importer) ? { path: path.join(root, 'node_modules/handlebars/runtime.js') } : undefined,
    );
    b.onResolve({ filter: /^tinyglobby$/ }, () => ({ path: path.join(root, 'scripts/stubs/plop-glob.js') }));
    b.onResolve({ filter: /^resolve$/ }, (args) => (/node-plop/.test(args.importer) ? { path: path.join(root, 'scripts/stubs/plop-resolve.js') } : undefined));
    b.onResolve({ filter: /^source-map$/ }, (args) =>
      /handlebars/.test(args.importer) ? { path: path.join(root, 'scripts/stubs/no-source-map.js') } : undefined,
    );
  },
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
mkdirSync(path.join(root, 'dist'), { recursive: true });
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [precomputed, plopDiet, jsonAsString],
  alias: { inquirer: './scripts/stubs/plop-inquirer.js' },
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  metafile: Boolean(process.env.BUILD_META),
});
chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
// BUILD_META=1: what each chunk holds, for looking into the bundle (.tmp/meta.json).
if (result.metafile) writeFileSync(path.join(root, '.tmp/meta.json'), JSON.stringify(result.metafile));
