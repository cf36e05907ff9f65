// dist/cli.js: loads the bundle's CommonJS chunks with V8's code cache, so a second run skips
// compiling what the first one compiled. Node 20 has no built-in cache (module.enableCompileCache
// came in 22.1), so the launcher keeps one itself, per user, beside other tools' caches. It is only
// a cache: a missing, unreadable or rejected entry means compiling as usual, and
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off.
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';

declare const __ENTRY__: string;
declare const __VERSION__: string;
declare const __BUILD__: string;
declare const __IMPORT_MODULE__: string;
declare const __CODE_CACHE__: string;
/** src/cli/digest.wat, assembled by the build (base64). */
declare const __DIGEST_WASM__: string;

interface Chunk {
  exports: unknown;
}

// The launcher is CommonJS: its own require loads Node's modules for the chunks. node:module and
// node:os are left unloaded; each costs a run more than the line that replaces it.
const nodeRequire = require;
/** Source length from which a chunk's compiled code is cached: a small chunk compiles faster than its entry reads. */
const WORTH_CACHING = 8192;
const chunks = new Map<string, Chunk>();
const compiled: [name: string, made: string, script: Script][] = [];
/** Whether this run writes what it compiled (src/cli/code-cache.ts). */
let writes = true;
const codeCache = {
  readOnly: () => {
    writes = false;
  },
};

// Code read from the cache runs as this user, so the cache folders and every entry must be this
// user's alone. Windows has no owner bits here; its folder is the user's own %LOCALAPPDATA%.
const uid = process.getuid?.();
const gid = process.getgid?.();
const own = (st: Stats) => uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);
/** The folder the cache goes in: this user's, and writable by no other (its group may be the user's own). */
const ownBase = (st: Stats) => uid === undefined || (st.uid === uid && (st.mode & 0o002) === 0 && ((st.mode & 0o020) === 0 || st.gid === gid));

function folder(p: string, trust: (st: Stats) => boolean): 'own' | 'absent' | 'foreign' {
  try {
    const st = statSync(p);
    return st.isDirectory() && trust(st) ? 'own' : 'foreign';
  } catch {
    return 'absent';
  }
}

const base = (() => {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    const b =
      process.platform === 'win32'
        ? process.env.LOCALAPPDATA
        : process.env.XDG_CACHE_HOME || path.join(process.env.HOME || nodeRequire('node:os').homedir(), '.cache');
    return b && path.isAbsolute(b) ? b : undefined;
  } catch {
    return undefined;
  }
})();
const root = base && path.join(base, 'create-eks-app');
// One folder per build, and each entry records the chunk file it was made from.
const dir = root && path.join(root, `${__VERSION__}-${__BUILD__}-v8-${process.versions.v8}-${process.arch}`);
// 'absent': nothing to read, and the folders may be made. A base that is not this user's (a run as
// root with another user's HOME, a shared folder) is never written into.
const state = ((): 'trusted' | 'absent' | 'refused' => {
  if (!dir) return 'refused';
  // A missing ~/.cache may be made in a home that is this user's.
  const b = folder(base!, ownBase);
  if (b !== 'own') return b === 'absent' && folder(path.dirname(base!), ownBase) === 'own' ? 'absent' : 'refused';
  for (const p of [root!, dir]) {
    const f = folder(p, own);
    if (f !== 'own') return f === 'absent' ? 'absent' : 'refused';
  }
  return 'trusted';
})();

interface Digester {
  m: WebAssembly.Memory;
  h(start: number, end: number, seed: bigint): bigint;
}
/** The WebAssembly digest, or null where there is none (node --jitless, an address-space limit). */
let wasm: Digester | null | undefined;
let spare: Buffer | undefined;

/** The digest's module, compiled off the main thread while a run that writes entries does its work. */
let compiledModule: WebAssembly.Module | undefined;

function precompileDigester(): void {
  if (wasm !== undefined || typeof WebAssembly !== 'object') return;
  WebAssembly.compile(Buffer.from(__DIGEST_WASM__, 'base64')).then(
    (m) => {
      compiledModule = m;
    },
    () => {},
  );
}

function digester(): Digester | null {
  if (wasm === undefined)
    try {
      wasm = new WebAssembly.Instance(compiledModule ?? new WebAssembly.Module(Buffer.from(__DIGEST_WASM__, 'base64'))).exports as unknown as Digester;
    } catch {
      wasm = null;
    }
  return wasm;
}

/** Memory at least `size` bytes long (and 8 more) that entries are read into and digested in place: the digest's own. */
function scratch(size: number): Uint8Array {
  const w = digester();
  if (!w) {
    if (!spare || spare.length < size + 8) spare = Buffer.allocUnsafe(size + 8);
    return spare.subarray(0, size);
  }
  const have = w.m.buffer.byteLength;
  if (have < size + 8) w.m.grow(Math.ceil((size + 8 - have) / 65536));
  return new Uint8Array(w.m.buffer, 0, size);
}

/**
 * The digest of bytes [start, end) of the scratch memory, which tells damaged bytes apart: the
 * WebAssembly one (src/cli/digest.wat), since node:crypto costs a run about 8 ms to load; where
 * there is no WebAssembly, MD5 (SHA-256 under FIPS). Its first letter names which.
 */
function digest(start: number, end: number): string {
  const w = digester();
  if (w) {
    new Uint8Array(w.m.buffer).fill(0, end, end + 8);
    return `w${BigInt.asUintN(64, w.h(start, end, BigInt(end - start)))
      .toString(16)
      .padStart(16, '0')}`;
  }
  const { hash } = nodeRequire('node:crypto') as typeof import('node:crypto');
  const data = spare!.subarray(start, end);
  try {
    return `m${hash('md5', data, 'hex')}`;
  } catch {
    return `s${hash('sha256', data, 'hex')}`; // a FIPS build of OpenSSL has no MD5
  }
}

/**
 * The cached code of a chunk, when its entry is this user's, was made from the chunk file as it is
 * now, and is whole. An entry starts with the identity of the file it was made from (V8 compares
 * only the source's length; size and modification time alone match after tar or cp -p, the inode
 * and change time do not) and the digest of the cached code (V8 does not check it, and a damaged
 * entry can crash it), then spaces and a newline, which end at a multiple of eight bytes.
 */
function cached(name: string, source: string): Buffer | undefined {
  if (state !== 'trusted') return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path.join(dir!, name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || !own(st)) return undefined;
    // Valid until the next entry is read, which is after V8 has taken this one.
    const data = scratch(st.size);
    for (let at = 0; at < data.length; ) {
      const n = readSync(fd, data, at, data.length - at, at);
      if (n === 0) return undefined;
      at += n;
    }
    const end = data.indexOf(0x0a);
    if (end <= 0) return undefined;
    const [made, whole] = Buffer.from(data.buffer, data.byteOffset, end).toString('latin1').split(' ');
    return made === source && whole === digest(end + 1, data.length) ? Buffer.from(data.buffer, data.byteOffset + end + 1, data.length - end - 1) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A chunk of dist/ by file name, compiled with its cached code when there is some. */
function load(name: string): unknown {
  const known = chunks.get(name);
  if (known) return known.exports;
  const chunk: Chunk = { exports: {} };
  chunks.set(name, chunk);
  try {
    const filename = path.join(__dirname, name);
    const fd = openSync(filename, 'r');
    let source: string;
    let made: string;
    try {
      const st = fstatSync(fd, { bigint: true });
      made = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
      source = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
    const worth = source.length >= WORTH_CACHING;
    const cachedData = worth ? cached(name, made) : undefined;
    // The build wrote each chunk inside Node's CommonJS wrapper (scripts/build.mjs).
    const script = new Script(source, { filename, cachedData });
    if (worth && writes && state !== 'refused' && (!cachedData || script.cachedDataRejected)) {
      if (!compiled.length) precompileDigester();
      compiled.push([name, made, script]);
    }
    script.runInThisContext().call(chunk.exports, chunk.exports, chunkRequire, chunk, filename, __dirname);
  } catch (e) {
    // As Node's own loaders do: a chunk that failed is loaded afresh, not served half made.
    chunks.delete(name);
    throw e;
  }
  return chunk.exports;
}

// Node 20 cannot run import() in code compiled from a code cache, so a chunk that loads an ES module
// from outside the bundle (a pack's add-on) asks for this one, compiled by Node itself.
const importModule = (url: string): Promise<unknown> => import(url);

function chunkRequire(id: string): unknown {
  if (id === __IMPORT_MODULE__) return importModule;
  if (id === __CODE_CACHE__) return codeCache;
  return id.startsWith('./') ? load(id.slice(2)) : nodeRequire(id);
}

const STALE_WRITE_MS = 10 * 60_000;

/** Writes what this run compiled (with the functions it ran), each entry whole or not at all. */
function saveCache(): void {
  if (!writes || !compiled.length || !dir) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (folder(dir, own) !== 'own') return;
    for (const [name, made, script] of compiled) {
      const tmp = path.join(dir, `.${name}.${process.pid}`);
      const code = script.createCachedData();
      scratch(code.length).set(code);
      // Spaces pad the header to a multiple of eight bytes: V8 takes cached code in place only when
      // it is so aligned, and copies it otherwise.
      const line = `${made} ${digest(0, code.length)}`;
      const header = `${line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1)}\n`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        // Two writes, not one of a joined copy: fresh memory costs more to touch than a write call.
        writeSync(fd, header, null, 'latin1');
        writeSync(fd, code);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path.join(dir, name));
    }
  } catch {
    return; // a cache that cannot be written costs the next run its compile time, nothing else
  }
  // Other builds of this version (a rebuilt checkout) are never loaded again, nor is a write that
  // stopped part way; other versions may still be installed, and keep theirs.
  const remove = (p: string) => {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      /* another run may be removing it too */
    }
  };
  const list = (p: string) => {
    try {
      return readdirSync(p);
    } catch {
      return [];
    }
  };
  const sameVersion = new RegExp(`^${__VERSION__.replace(/[.+]/g, '\\$&')}-(?!${__BUILD__}-)[0-9a-f]{12}-v8-`);
  for (const other of list(root!)) if (sameVersion.test(other) && path.join(root!, other) !== dir) remove(path.join(root!, other));
  for (const name of list(dir))
    if (name.startsWith('.'))
      try {
        if (Date.now() - statSync(path.join(dir, name)).mtimeMs > STALE_WRITE_MS) remove(path.join(dir, name));
      } catch {
        /* renamed into place meanwhile */
      }
}

process.once('exit', saveCache);
load(__ENTRY__);
