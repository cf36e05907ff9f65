// A STAND-IN npm registry on loopback: it serves one package, our own tarball, under a dist-tag.
// The real npm talks to it exactly as to registry.npmjs.org (packument, then tarball), so
// `npm create eks-app@latest` runs as a user runs it, without publishing anything.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRegistry {
  url: string;
  /** Paths npm asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startStandInRegistry(
  tarball: string,
  pkg: { name: string; version: string; bin: Record<string, string>; engines?: Record<string, string> },
): Promise<StandInRegistry> {
  const data = readFileSync(tarball);
  const integrity = `sha512-${createHash('sha512').update(data).digest('base64')}`;
  const shasum = createHash('sha1').update(data).digest('hex');
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = decodeURIComponent(req.url ?? '');
    if (url === `/${pkg.name}`) {
      const packument = {
        name: pkg.name,
        'dist-tags': { latest: pkg.version },
        versions: {
          [pkg.version]: {
            name: pkg.name,
            version: pkg.version,
            bin: pkg.bin,
            engines: pkg.engines,
            dist: { tarball: `${base}/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`, integrity, shasum },
          },
        },
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(packument));
    } else if (url === `/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
      res.end(data);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/`, requests, close: () => new Promise((ok) => server.close(() => ok())) };
}
