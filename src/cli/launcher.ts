// dist/cli.js: loads the bundle's CommonJS chunks with V8's code cache, so a second run skips
// compiling what the first one compiled. Node 20 has no built-in cache (module.enableCompileCache
// came in 22.1), so the launcher keeps one itself, per user, beside other tools' caches. It is only
// a cache: a missing, unreadable or rejected entry means compiling as usual, and
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

declare const __ENTRY__: string;
declare const __VERSION__: string;
declare const __IMPORT_MODULE__: string;

interface Chunk {
  exports: unknown;
}

const nodeRequire = createRequire(__filename);
/** Source length from which a chunk's compiled code is cached. */
const WORTH_CACHING = 8192;
const chunks = new Map<string, Chunk>();
const compiled: [name: string, script: Script][] = [];

/** The user's cache folder for this version and this V8, or undefined when none is safe to use. */
function cacheDir(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  let base = process.env.XDG_CACHE_HOME;
  try {
    base ||= process.platform === 'win32' ? process.env.LOCALAPPDATA : path.join(homedir(), '.cache');
  } catch {
    return undefined;
  }
  if (!base || !path.isAbsolute(base)) return undefined;
  return path.join(base, 'create-eks-app', `${__VERSION__}-v8-${process.versions.v8}-${process.arch}`);
}

const dir = cacheDir();
// Code read from the cache runs as this user: only a folder that this user alone can write is
// read, and a folder that exists but is not such a one is left alone.
const state = ((): 'trusted' | 'absent' | 'refused' => {
  if (!dir) return 'refused';
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) return 'refused';
    return process.platform === 'win32' || (st.uid === process.getuid?.() && (st.mode & 0o022) === 0) ? 'trusted' : 'refused';
  } catch {
    return 'absent';
  }
})();

function cached(name: string): Buffer | undefined {
  if (state !== 'trusted') return undefined;
  try {
    return readFileSync(path.join(dir!, name));
  } catch {
    return undefined;
  }
}

/** A chunk of dist/ by file name, compiled with its cached code when there is some. */
function load(name: string): unknown {
  const known = chunks.get(name);
  if (known) return known.exports;
  const chunk: Chunk = { exports: {} };
  chunks.set(name, chunk);
  const filename = path.join(__dirname, name);
  const source = readFileSync(filename, 'utf8');
  // A small chunk compiles faster than its cache entry can be read.
  const worth = source.length >= WORTH_CACHING;
  const cachedData = worth ? cached(name) : undefined;
  const script = new Script(wrap(source), { filename, cachedData });
  if (worth && state !== 'refused' && (!cachedData || script.cachedDataRejected)) compiled.push([name, script]);
  script.runInThisContext().call(chunk.exports, chunk.exports, chunkRequire, chunk, filename, __dirname);
  return chunk.exports;
}

// Node 20 cannot run import() in code compiled from a code cache, so a chunk that loads an ES module
// from outside the bundle (a pack's add-on) asks for this one, compiled by Node itself.
const importModule = (url: string): Promise<unknown> => import(url);

function chunkRequire(id: string): unknown {
  if (id === __IMPORT_MODULE__) return importModule;
  return id.startsWith('./') ? load(id.slice(2)) : nodeRequire(id);
}

/** Writes what this run compiled (with the functions it ran), each file whole or not at all. */
function saveCache(): void {
  if (!compiled.length || !dir) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const current = new Set(readdirSync(__dirname));
    for (const [name, script] of compiled) {
      const tmp = path.join(dir, `.${name}.${process.pid}`);
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, script.createCachedData());
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path.join(dir, name));
    }
    // Chunks of an earlier build of this version are never loaded again, nor is a partial write.
    for (const name of readdirSync(dir)) if (!current.has(name)) rmSync(path.join(dir, name), { force: true });
  } catch {
    /* a cache that cannot be written costs the next run its compile time, nothing else */
  }
}

process.once('exit', saveCache);
load(__ENTRY__);
