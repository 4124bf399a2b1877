/**
 * A loopback HTTPS server that serves the refresh bench's lists as a network would: the browser
 * resolves the lists' host to it (`chromiumArgs`) and reads the body from a socket, instead of
 * from request interception, which hands the whole body to the browser over the DevTools pipe
 * while the extension waits (2.3-5.5 s for the 17.7 MB list of 100k entries, against 0.4-1.0 s
 * from this server, on a 2-core machine at load 2-11).
 *
 *   const server = await startListServer();
 *   server.serve('https://raw.githubusercontent.com/bench/list/main/list.md', markdown);
 *   const ext = await launchExtension({ passThrough: ['https://raw.githubusercontent.com/'], chromiumArgs: server.chromiumArgs(['raw.githubusercontent.com']) });
 *
 * TLS uses the E2E suite's test certificate (tests/e2e/tls/, also the Firefox harness's proxy's),
 * which names no real host: Chromium accepts it because `chromiumArgs` ignores certificate errors.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TLS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../e2e/tls');

export interface ListServer {
  /** The port on 127.0.0.1 it listens on. */
  port: number;
  /**
   * Serves `body` at `url` (its path; any host the browser maps here) from now on, replacing an
   * earlier body, with a new ETag and Last-Modified as a new commit of the list would have.
   */
  serve(url: string, body: string): void;
  /** Chromium switches that send `hosts` (port 443) here and accept the test certificate. */
  chromiumArgs(hosts: readonly string[]): string[];
  close(): Promise<void>;
}

interface Served {
  body: Buffer;
  etag: string;
  lastModified: string;
}

/**
 * Starts the server on a free port of 127.0.0.1. Answers GET of a served path with 200 and
 * `text/plain; charset=utf-8` (as raw.githubusercontent.com does), `content-length`, `etag` and
 * `last-modified`; 304 when `if-none-match` names the current ETag; 404 for any other path.
 * Rejects if the server cannot listen.
 */
export async function startListServer(): Promise<ListServer> {
  const served = new Map<string, Served>();
  const server = createServer({ key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) }, (req, res) => {
    const list = served.get(new URL(req.url ?? '/', 'https://list.invalid').pathname);
    if (!list || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404: Not Found');
      return;
    }
    const validators = { etag: list.etag, 'last-modified': list.lastModified };
    if (req.headers['if-none-match'] === list.etag) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': list.body.byteLength, ...validators });
    res.end(list.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    serve(url, text) {
      const body = Buffer.from(text, 'utf8');
      served.set(new URL(url).pathname, {
        body,
        etag: `"${createHash('sha256').update(body).digest('hex')}"`,
        lastModified: new Date().toUTCString(),
      });
    },
    chromiumArgs: (hosts) => [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')}`, '--ignore-certificate-errors'],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
