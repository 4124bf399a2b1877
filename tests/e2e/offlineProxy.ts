/**
 * The Firefox harness's offline network: Firefox sends every request through this local
 * proxy (its proxy preferences), which answers routed URLs and drops every other connection
 * (the page sees a network error, as offline). Unlike WebDriver BiDi's request interception,
 * which only sees requests of tabs, a proxy also serves the extension's background page (list
 * refreshes). https is answered over TLS with the test certificate in tests/e2e/tls/, which
 * Firefox accepts because the harness starts it with `acceptInsecureCerts`.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo, Socket } from 'node:net';

const TLS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'tls');

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** True for a tab's top-level or frame navigation (Sec-Fetch-Mode: navigate). */
  navigation: boolean;
  /** The request body (empty for GET). */
  body: Buffer;
}

/** What a route answers: a response, or `null` to fail the request as a network error. */
export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export type ProxyRouter = (request: ProxiedRequest) => ProxyResponse | null | Promise<ProxyResponse | null>;

export interface OfflineProxy {
  port: number;
  /** Called for every request with what it is and what it was answered. */
  onRequest(listener: (request: ProxiedRequest) => void): () => void;
  close(): Promise<void>;
}

/** Starts the proxy on a free local port; `route` answers each request. */
export async function startOfflineProxy(route: ProxyRouter): Promise<OfflineProxy> {
  const listeners = new Set<(request: ProxiedRequest) => void>();
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const answer = (scheme: 'http' | 'https') => async (req: IncomingMessage, res: ServerResponse) => {
    const url = scheme === 'http' ? (req.url ?? '') : `https://${req.headers.host ?? ''}${req.url ?? '/'}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ProxiedRequest = {
      url,
      method: req.method ?? 'GET',
      headers,
      navigation: headers['sec-fetch-mode'] === 'navigate',
      body: Buffer.concat(chunks),
    };
    for (const listener of listeners) listener(request);
    let response: ProxyResponse | null = null;
    try {
      response = await route(request);
    } catch {
      response = null;
    }
    if (!response) {
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, { ...response.headers, connection: 'close' });
    res.end(response.body);
  };

  const tlsServer = createHttpsServer(
    { key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) },
    answer('https'),
  );
  tlsServer.on('tlsClientError', () => undefined);
  const proxy = createHttpServer(answer('http'));
  proxy.on('connection', track);
  // https: Firefox asks for a tunnel (CONNECT host:443), and the tunnel is handed to the TLS server.
  proxy.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => tlsServer.emit('connection', socket));
  });
  proxy.on('clientError', (_e, socket) => socket.destroy());

  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
