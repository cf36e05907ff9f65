// import() of an ES module from outside the bundle: a pack's add-on, by URL. The bundle replaces
// this module (scripts/build.mjs) with one that asks the launcher: Node 20 cannot run import() in
// code compiled from V8's code cache, and the launcher's own import() is compiled by Node.
export function importModule(url: string): Promise<Record<string, unknown>> {
  return import(url);
}
