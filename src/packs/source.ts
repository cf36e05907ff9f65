// Where a pack comes from: a folder, an npm package already installed (node_modules, searched upwards),
// or an npm package fetched with npm into a temporary folder (install scripts are not run).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onInterrupt } from '../write/interrupt.ts';
import { MANIFEST, PackError } from './manifest.ts';
import { satisfies } from './semver.ts';

export interface PackLocation {
  dir: string;
  kind: 'path' | 'npm';
  /** Installed from the registry for this run (as opposed to found in node_modules). */
  fetched?: boolean;
  /** The package name for npm packs (recorded so `update` finds the newest); the folder for paths. */
  name: string;
  dispose(): void;
}

const NPM_SPEC = /^((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)(?:@(.+))?$/;

/** Only `npm:<spec>` fetches from the registry, so a mistyped folder never installs (and runs) a stranger's package. */
const FETCH_PREFIX = 'npm:';

export function isPathSpec(spec: string, cwd: string): boolean {
  if (spec.startsWith(FETCH_PREFIX)) return false;
  return /^(\.|\/|~|[A-Za-z]:[\\/])/.test(spec) || existsSync(path.resolve(cwd, spec)) || !NPM_SPEC.test(spec);
}

export async function locatePack(spec: string, opts: { cwd: string; searchFrom: string[]; env: Record<string, string | undefined> }): Promise<PackLocation> {
  const none = () => {};
  if (isPathSpec(spec, opts.cwd)) {
    const dir = path.resolve(opts.cwd, spec.replace(/^~(?=$|\/)/, os.homedir()));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PackError(`--template ${spec}: no such folder (${dir})`);
    return { dir, kind: 'path', name: dir, dispose: none };
  }
  const fetchSpec = spec.startsWith(FETCH_PREFIX) ? spec.slice(FETCH_PREFIX.length) : undefined;
  const [, name, range] = NPM_SPEC.exec(fetchSpec ?? spec) ?? [];
  for (const from of name ? opts.searchFrom : []) {
    for (let d = path.resolve(from); ; d = path.dirname(d)) {
      const dir = path.join(d, 'node_modules', name);
      if (existsSync(path.join(dir, MANIFEST))) {
        const version = readVersion(dir);
        if (!range || (version && satisfies(version, range))) return { dir, kind: 'npm', name, dispose: none };
      }
      if (path.dirname(d) === d) break;
    }
  }
  if (fetchSpec === undefined) {
    throw new PackError(`--template ${spec}: no such folder, and no installed package of that name; to fetch it from npm, write --template npm:${spec}`);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'create-eks-app-pack-'));
  const remove = () => rmSync(tmp, { recursive: true, force: true });
  const unregister = onInterrupt(remove);
  const dispose = () => {
    unregister();
    remove();
  };
  const args = ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', tmp, fetchSpec];
  try {
    await new Promise<void>((ok, ko) =>
      execFile('npm', args, { env: opts.env as NodeJS.ProcessEnv, shell: process.platform === 'win32' }, (err, _out, stderr) => {
        if (err)
          ko(
            new Error(
              stderr
                .trim()
                .split('\n')
                .find((l) => /err/i.test(l)) ?? err.message,
            ),
          );
        else ok();
      }),
    );
  } catch (e) {
    dispose();
    throw new PackError(`--template ${spec}: not installed here, and npm could not fetch it: ${(e as Error).message.split('\n')[0]}`);
  }
  // A tarball or git spec names no package up front: take the one package npm installed.
  const installed = name ?? readdirSync(path.join(tmp, 'node_modules')).find((n) => !n.startsWith('.')) ?? '';
  const dir = path.join(tmp, 'node_modules', installed);
  if (!existsSync(path.join(dir, MANIFEST))) {
    dispose();
    throw new PackError(`--template ${spec}: the npm package has no ${MANIFEST} at its root, so it is not a template pack`);
  }
  return { dir, kind: 'npm', name: name ?? installed, fetched: true, dispose };
}

function readVersion(dir: string): string | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')).version;
  } catch {
    return undefined;
  }
}
