// import() of an ES module from outside the bundle: a pack's add-on. The built launcher supplies
// its own (scripts/build.mjs): Node 20 cannot run import() in code compiled from V8's code cache.
export function importModule(url: string): Promise<Record<string, unknown>> {
  return import(url);
}
