// The release path, with the real npm: the package npm packs from a fresh checkout, installed into
// an empty prefix, run through npm exec, and run through `npm create` exactly as the README writes
// it, against a stand-in registry (test/support/npm-registry.ts) that serves that tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execa } from 'execa';
import { startStandInRegistry, type StandInRegistry } from './support/npm-registry.ts';
import { tempDir } from './support/project.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** npm's cache and user config in one throwaway folder, so nothing is read from or left in ~/.npm. */
function npmEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  // This machine's npmrc says yes=false; a person answers npm's "Ok to proceed?" with y, a test with this.
  return {
    npm_config_cache: path.join(dir, 'cache'),
    npm_config_yes: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}

let tarball = '';

test('npm pack in a fresh checkout builds the bundle (prepack) and packs only what runs', () => {
  const checkout = path.join(tempDir('eks-app-checkout-'), 'create-eks-app');
  // The files a commit would hold, as they are now, without dist/ (git-ignored), as a clone has them.
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of tracked) if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(checkout, f));
  assert.not.ok(existsSync(path.join(checkout, 'dist')), 'a fresh checkout has no dist/');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(checkout, 'node_modules'));
  const out = tempDir('eks-app-pack-');
  const r = run('npm', ['pack', '--json', '--pack-destination', out], checkout);
  assert.is(r.code, 0, r.stderr);
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  const files: string[] = info.files.map((f: { path: string }) => f.path);
  assert.ok(files.includes('dist/cli.js'), 'the bin is packed');
  assert.equal(
    files.filter((f) => !/^(dist\/[\w.-]+\.(js|json)|package\.json|README\.md|LICENSE)$/.test(f)),
    [],
    'nothing but the bundle, package.json, README and LICENSE',
  );
  tarball = path.join(out, info.filename);
  console.log(
    `packed ${info.filename}: ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`,
  );
});

test('the tarball installs into an empty prefix; the installed bin generates and validates a project', () => {
  const prefix = tempDir('eks-app-prefix-');
  const env = npmEnv(prefix);
  const install = run('npm', ['install', '--global', '--prefix', prefix, '--offline', tarball], prefix, env);
  assert.is(install.code, 0, install.stderr);
  const bin = path.join(prefix, 'bin', 'create-eks-app');
  assert.ok(existsSync(bin), 'bin linked');
  const cwd = tempDir('eks-app-use-');
  const created = run(bin, ['my-cluster', '--yes'], cwd, { CI: 'true' });
  assert.is(created.code, 0, created.stderr);
  for (const f of ['eksctl/cluster.yaml', 'README.md', '.eks-app.json', 'k8s/web/20-deployment.yaml'])
    assert.ok(existsSync(path.join(cwd, 'my-cluster', f)), f);
  const checked = run(bin, ['validate', 'my-cluster'], cwd, { CI: 'true', HOME: cwd });
  assert.is(checked.code, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /✔ 0 errors/);
  const version = run(bin, ['--version'], cwd);
  assert.is(version.stdout.trim(), PKG.version);
});

test('npm exec --package <tarball> -- create-eks-app --help', () => {
  const dir = tempDir('eks-app-exec-');
  const r = run('npm', ['exec', '--package', tarball, '--', 'create-eks-app', '--help'], dir, npmEnv(dir));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^create-eks-app \d+\.\d+\.\d+: /);
  assert.match(r.stdout, /npm create eks-app@latest my-cluster -- --yes/);
});

let registry: StandInRegistry;
/** npm create, run asynchronously: the stand-in registry answers from this same process. */
async function npmCreate(args: string[], cwd: string): Promise<Run> {
  const r = await execa('npm', ['create', 'eks-app@latest', ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: '1', ...npmEnv(cwd, { npm_config_registry: registry.url }) },
    timeout: 180_000,
  });
  return { code: r.exitCode ?? null, stdout: r.stdout, stderr: r.stderr };
}

test('npm create eks-app@latest my-cluster -- --yes, exactly as the README writes it', async () => {
  registry = await startStandInRegistry(tarball, { name: PKG.name, version: PKG.version, bin: { 'create-eks-app': 'dist/cli.js' }, engines: PKG.engines });
  const cwd = tempDir('eks-app-create-');
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes('npm create eks-app@latest my-cluster -- --yes'), 'the README has this line');
  const r = await npmCreate(['my-cluster', '--', '--yes'], cwd);
  assert.is(r.code, 0, r.stderr);
  assert.ok(
    registry.requests.some((x) => x.endsWith('.tgz')),
    'npm fetched the tarball from the registry',
  );
  assert.ok(existsSync(path.join(cwd, 'my-cluster', 'eksctl', 'cluster.yaml')));
  assert.match(r.stdout, /Created my-cluster/);
});

test('options npm keeps for itself (before --) are named in one line, with the form that works; nothing is written', async () => {
  const cwd = tempDir('eks-app-eaten-');
  let r = await npmCreate(['my-cluster', '--yes'], cwd);
  assert.is(r.code, 1);
  const ours = r.stderr.split('\n').filter((l) => l.startsWith('error '));
  assert.is(ours.length, 1, r.stderr);
  assert.match(
    ours[0],
    /^error missing answers and no terminal to ask them: --region .*; npm keeps a --yes written before -- for itself, so write: npm create eks-app@latest my-cluster -- --yes$/,
  );
  r = await npmCreate(['my-cluster', '--region', 'eu-west-1', '--app-port', '9090'], cwd);
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    /^error npm kept --app-port and --region for itself \(it takes the options written before --\); write: npm create eks-app@latest my-cluster -- --app-port <value> --region <value>$/m,
  );
  assert.equal(
    readdirSync(cwd).filter((f) => f !== 'cache'),
    [],
  );
});

/** The user-facing part of the README (before the contributors' section): each shell command in it. */
function readmeCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('## Developing create-eks-app')[0];
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1].split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

test('every npm create and npx example of the README runs as written', async () => {
  const commands = readmeCommands().filter((c) => /^(npm create eks-app@latest|npx create-eks-app) /.test(c));
  assert.ok(commands.length >= 5, commands.join('\n'));
  let project = '';
  for (const command of commands) {
    const npx = command.startsWith('npx ');
    const cwd = npx && project ? project : tempDir('eks-app-readme-');
    // The answers file the example names; any valid answers do.
    if (command.includes('--answers answers.yaml')) writeFileSync(path.join(cwd, 'answers.yaml'), 'region: eu-west-1\napp:\n  port: 8080\n');
    const r = await execa(command, {
      shell: true,
      cwd,
      reject: false,
      env: { NO_COLOR: '1', CI: 'true', HOME: cwd, ...npmEnv(cwd, { npm_config_registry: registry.url }) },
      timeout: 180_000,
    });
    assert.is(r.exitCode, 0, `${command}\n${r.stdout}\n${r.stderr}`);
    const folder = / (my-cluster)\b/.exec(command)?.[1];
    if (folder && !/--(dry-run|help)\b/.test(command) && !npx) {
      assert.ok(existsSync(path.join(cwd, folder, 'eksctl', 'cluster.yaml')), `${command} wrote the project`);
      project ||= path.join(cwd, folder);
    }
  }
});

test('after', async () => {
  await registry?.close();
  mkdirSync(tempDir(), { recursive: true });
});

test.run();
