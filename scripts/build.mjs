// Bundles the CLI into dist/ so `npm create` installs nothing at run time. Code splitting keeps
// start-up fast: each command loads only what it needs. The built-in templates are precompiled
// here, and the short --help is composed here, so a run never does either.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import wabt from 'wabt';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const templatesRoot = path.join(root, 'templates');

const LOC = /,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g;

/** src/render/builtin-templates.ts, with each template's precompiled specification instead of its text. */
function precompiledTemplates() {
  const entries = readdirSync(templatesRoot, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort()
    .map((file) => {
      const rel = path.relative(templatesRoot, file).split(path.sep).join('/');
      // Each helper call's source position ("loc") is for a helper to read; none of ours does, and
      // it is a sixth of the precompiled code.
      const spec = Handlebars.precompile(readFileSync(file, 'utf8')).replace(LOC, '');
      if (spec.includes('"loc":')) throw new Error(`build: ${rel}: a helper call's position is left in its precompiled form`);
      return `[${JSON.stringify(rel)}, { spec: ${spec} }]`;
    });
  return `const T = new Map([\n${entries.join(',\n')}\n]);\nexport function builtinTemplates() { return T; }\n`;
}

// The Kubernetes schema map ships as dist/k8s-schema.json: the source and kinds on the first line,
// then one definition per line, parsed when first asked for. V8's JSON parser reads a line far
// faster than its JavaScript parser would read the map as code, and a run needs a few dozen lines.
const SCHEMA_OUT = 'k8s-schema.json';
// What a chunk requires from the launcher for an import() of an ES module outside the bundle.
const IMPORT_MODULE = 'create-eks-app:import-module';
// What a chunk requires from the launcher to ask it to leave the code cache as it is.
const CODE_CACHE = 'create-eks-app:code-cache';
function lazySchemaFile() {
  const { source, kinds, defs } = JSON.parse(readFileSync(path.join(root, 'src/validate/schemas/k8s.json'), 'utf8'));
  return [JSON.stringify({ source, kinds }), ...Object.entries(defs).map(([name, def]) => `${JSON.stringify(name)}:${JSON.stringify(def)}`), ''].join('\n');
}
// The file stays bytes (outside V8's heap); only the lines asked for become strings.
// Every chunk is in dist/, beside the file, and the launcher gives each its __dirname.
const LAZY_SCHEMA = `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const bytes = readFileSync(join(__dirname, '${SCHEMA_OUT}'));
const head = JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(10)));
export const SCHEMA_SOURCE = head.source;
export const BUILTIN_KINDS = head.kinds;
export function builtinDef(name) {
  const key = '\\n' + JSON.stringify(name) + ':';
  const at = bytes.indexOf(key);
  return at < 0 ? undefined : JSON.parse(bytes.toString('utf8', at + Buffer.byteLength(key), bytes.indexOf(10, at + 1)));
}
`;
const jsonAsString = {
  name: 'schema-as-json-lines',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]validate[\\/]schemas[\\/]k8s-bundle\.ts$/ }, () => {
      // The --help build (no outdir) never validates; it keeps the module as it is.
      if (!b.initialOptions.outdir) return undefined;
      writeFileSync(path.join(root, b.initialOptions.outdir, SCHEMA_OUT), lazySchemaFile());
      return { contents: LAZY_SCHEMA, loader: 'js' };
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
    b.onLoad({ filter: /[\\/]src[\\/]packs[\\/]import-module\.ts$/ }, () => ({
      contents: `export const importModule = (url) => require(${JSON.stringify(IMPORT_MODULE)})(url);`,
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]code-cache\.ts$/ }, () => ({
      contents: `export const readCodeCacheOnly = () => require(${JSON.stringify(CODE_CACHE)}).readOnly();`,
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]help-short\.ts$/ }, async () => ({
      contents: `export function shortHelp() { return ${JSON.stringify(await shortHelpText())}; }`,
      loader: 'js',
    }));
  },
};

// node-plop imports all of handlebars, its addMany action's globber and, for plop.load(), a module
// resolver. This tool runs only its own "render" action over precompiled templates, so plop gets the
// Handlebars runtime and stubs for the other two; the compiler loads separately
// (src/render/compile.ts) when a template pack brings text. The prompts' colour conversions, which
// nothing reads, stay out too.
const plopDiet = {
  name: 'plop-diet',
  setup(b) {
    b.onResolve({ filter: /^handlebars$/ }, (args) =>
      /node-plop/.test(args.importer) ? { path: path.join(root, 'node_modules/handlebars/runtime.js') } : undefined,
    );
    b.onResolve({ filter: /^tinyglobby$/ }, () => ({ path: path.join(root, 'scripts/stubs/plop-glob.js') }));
    b.onResolve({ filter: /^resolve$/ }, (args) => (/node-plop/.test(args.importer) ? { path: path.join(root, 'scripts/stubs/plop-resolve.js') } : undefined));
    // Its fs.promises proxy and its add action's node:fs/promises import load that module eagerly.
    b.onResolve({ filter: /^node:fs\/promises$|fs-promise-proxy\.js$/ }, (args) =>
      /node-plop/.test(args.importer) ? { path: path.join(root, 'scripts/stubs/plop-fs-promises.js') } : undefined,
    );
    b.onResolve({ filter: /^source-map$/ }, (args) =>
      /handlebars/.test(args.importer) ? { path: path.join(root, 'scripts/stubs/no-source-map.js') } : undefined,
    );
    // Its plopfile loader never runs here; were it to, its import() must go through the launcher.
    b.onLoad({ filter: /[\\/]node-plop[\\/]src[\\/]node-plop\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const site = 'await import(pathToFileURL(joinedPath).href)';
      // Its require (for a package.json) is made when first called: making it reads import.meta.url,
      // which costs a run Node's URL code.
      const made = 'const require = createRequire(import.meta.url);';
      for (const s of [site, made]) if (!text.includes(s)) throw new Error(`build: node-plop changed; ${s} not found in ${args.path}`);
      const helper = JSON.stringify(path.join(root, 'src/packs/import-module.ts'));
      const patched = text
        .replace(site, 'await importModule(pathToFileURL(joinedPath).href)')
        .replace(made, 'const require = (id) => createRequire(import.meta.url)(id);');
      return { contents: `import { importModule } from ${helper};\n${patched}`, loader: 'js' };
    });
    b.onResolve({ filter: /^color-convert$/ }, (args) =>
      /ansi-styles/.test(args.importer) ? { path: path.join(root, 'scripts/stubs/no-color-convert.js') } : undefined,
    );
  },
};

/** A WebAssembly text file, assembled with wabt, as base64. */
async function assemble(file) {
  const module = (await wabt()).parseWat(file, readFileSync(path.join(root, file), 'utf8'));
  try {
    module.validate();
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
mkdirSync(path.join(root, 'dist'), { recursive: true });
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// esbuild splits only ES modules; each chunk is then turned into CommonJS, which the launcher
// (dist/cli.js) compiles with V8's code cache.
const result = await build({
  absWorkingDir: root,
  entryPoints: { bin: 'src/cli/bin.ts' },
  outdir: 'dist',
  entryNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  plugins: [precomputed, plopDiet, jsonAsString],
  alias: { inquirer: './scripts/stubs/plop-inquirer.js' },
  external: [IMPORT_MODULE, CODE_CACHE],
  metafile: true,
});
/** Node's CommonJS wrapper, as node:module's wrap() gives it. */
const CJS_WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
let entry;
const buildHash = createHash('sha256');
for (const out of result.outputFiles) {
  const name = path.basename(out.path);
  if (!name.endsWith('.js')) {
    writeFileSync(out.path, out.contents);
    continue;
  }
  if (result.metafile.outputs[path.relative(root, out.path).split(path.sep).join('/')]?.entryPoint === 'src/cli/bin.ts') entry = name;
  const { code } = await transform(out.text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    // import.meta.url becomes a getter: working it out loads Node's URL code, which few runs need.
    define: { 'import.meta.url': '__importMeta.url' },
    // Node 20 cannot run import() in code compiled from a code cache: an import() of a chunk or of
    // a Node module becomes a require(), which the launcher serves (a chunk from its cache). An
    // add-on's import() goes to the launcher (src/packs/import-module.ts).
    supported: { 'dynamic-import': false },
  });
  if (/(?<![\w$.])import\(/.test(code)) throw new Error(`build: ${name} still holds an import(), which fails in code from the cache`);
  // esbuild turns an import() of a computed name into require(name), which cannot load a file URL
  // or an ES module: such a call belongs in src/packs/import-module.ts.
  const computed = /(?<![\w$.])require\((?!"[^"\\]*"\))/.exec(code);
  if (computed)
    throw new Error(`build: ${name} requires a computed name (${code.slice(computed.index, computed.index + 60)}); load it through src/packs/import-module.ts`);
  // An ES module's code is strict; it stays so as CommonJS. Each chunk is written inside Node's
  // CommonJS wrapper, so the launcher compiles the file as read: joining the wrapper at run time
  // makes V8 copy the whole source once more.
  const text = `${CJS_WRAPPER[0]}"use strict";${code.includes('__importMeta') ? 'var __importMeta={get url(){return require("node:url").pathToFileURL(__filename).href}};' : ''}${code}${CJS_WRAPPER[1]}`;
  buildHash.update(name).update(text);
  writeFileSync(out.path, text);
}
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/launcher.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: {
    __ENTRY__: JSON.stringify(entry),
    __VERSION__: JSON.stringify(pkg.version),
    // The cache folder's name carries a hash of every chunk as written: V8 checks a cached entry
    // against its source's length only, so an entry must never outlive its build.
    __BUILD__: JSON.stringify(buildHash.digest('hex').slice(0, 12)),
    __IMPORT_MODULE__: JSON.stringify(IMPORT_MODULE),
    __CODE_CACHE__: JSON.stringify(CODE_CACHE),
    __DIGEST_WASM__: JSON.stringify(await assemble('src/cli/digest.wat')),
  },
  banner: { js: '#!/usr/bin/env node' },
});
// The root package.json says "module"; the files of dist/ are CommonJS.
writeFileSync(path.join(root, 'dist', 'package.json'), '{ "type": "commonjs" }\n');
chmodSync(path.join(root, 'dist', 'cli.js'), 0o755);
// What each chunk holds (.tmp/meta.json), for looking into the bundle; `npm run bench` reads it.
writeFileSync(path.join(root, '.tmp/meta.json'), JSON.stringify(result.metafile));
