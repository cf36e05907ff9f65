// node-plop reads fs.promises when it loads (its file actions keep the functions), and node:fs/promises
// costs each run a dozen more of Node's own modules. This tool runs only its own "render" action, so
// the bundle gives node-plop the same functions, each looked up when called.
import fs from 'node:fs';

export const makeDir = (p) => fs.promises.mkdir(p, { recursive: true });
export const readdir = (...args) => fs.promises.readdir(...args);
export const stat = (...args) => fs.promises.stat(...args);
export const chmod = (...args) => fs.promises.chmod(...args);
export const readFile = (p) => fs.promises.readFile(p, 'utf8');
export const writeFile = (p, data) => fs.promises.writeFile(p, data, 'utf8');
export const readFileRaw = (p) => fs.promises.readFile(p, null);
export const writeFileRaw = (p, data) => fs.promises.writeFile(p, data, null);
export const fileExists = (p) =>
  fs.promises.access(p).then(
    () => true,
    () => false,
  );
export const constants = fs.constants;
export const rm = (...args) => fs.promises.rm(...args);
