// The pack of one run: from --template, or the one a project recorded. Its add-ons are registered for
// the run and unregistered by dispose(), with any folder npm fetched it into.
import path from 'node:path';
import { loadPack, type Pack } from './manifest.ts';
import { registerAddons } from './addons.ts';
import { locatePack, type PackLocation } from './source.ts';

export interface PackSession {
  pack?: Pack;
  location?: PackLocation;
  /** How .eks-app.json records the pack's origin for a project in `projectDir`. */
  sourceFor(projectDir: string): string | undefined;
  dispose(): void;
}

export const NO_PACK: PackSession = { sourceFor: () => undefined, dispose: () => {} };

export async function openPack(
  spec: string,
  opts: { cwd: string; searchFrom: string[]; env: Record<string, string | undefined> },
  today: Date,
): Promise<PackSession> {
  const location = await locatePack(spec, opts);
  let pack: Pack;
  try {
    pack = await loadPack(location.dir, today);
  } catch (e) {
    location.dispose();
    throw e;
  }
  const unregister = registerAddons(pack.addons);
  return {
    pack,
    location,
    sourceFor: (projectDir) => {
      // A package fetched from the registry is recorded with npm: so later runs may fetch it again.
      if (location.kind === 'npm') return location.fetched ? `npm:${location.name}` : location.name;
      // Relative when project and pack share a folder below the root (a repository), so clones elsewhere work.
      const from = path.resolve(projectDir);
      const top = (p: string) => p.split(path.sep)[1] ?? '';
      if (top(from) === '' || top(from) !== top(location.dir)) return location.dir;
      const rel = path.relative(from, location.dir).split(path.sep).join('/');
      // Always path-like, so a recorded folder is never mistaken for an npm package name.
      return path.isAbsolute(rel) ? rel : rel.startsWith('.') ? rel : `./${rel}`;
    },
    dispose: () => {
      unregister();
      location.dispose();
    },
  };
}
