// The launcher's code cache (src/cli/launcher.ts), as a command sees it. Run from source there is
// no launcher and nothing to do; the bundle replaces this module (scripts/build.mjs) with one that
// asks the launcher.

/**
 * This run takes cached code but leaves no new entries: for `validate`, the entries would save a
 * later run less than they cost this one to write, and the commands that render a project cache
 * the same chunks (the YAML parser and the checks) anyway.
 */
export function readCodeCacheOnly(): void {}
