// The short --help. From source it is composed from the registry on each call; the bundle replaces
// this module with the text it composes at build time (scripts/build.mjs), so --help loads nothing else.
export { shortHelp } from './help.ts';
