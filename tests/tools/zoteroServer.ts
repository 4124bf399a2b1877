/**
 * A stand-in for the Zotero desktop app's connector server, for tests: it follows the endpoints
 * as Zotero's chrome/content/zotero/xpcom/server/server.js and server_connector.js define them
 * (written from reading them, not copied) and records every request it receives.
 *
 * - A request whose User-Agent starts with "Mozilla/" or that has an Origin, without
 *   X-Zotero-Connector-API-Version (or Zotero-Allowed-Request), gets no answer: the connection
 *   is closed, as Zotero does.
 * - A POST without Content-Length → 400; a body that is not JSON → 400.
 * - Every answer carries X-Zotero-Version and X-Zotero-Connector-API-Version.
 * - /connector/ping (GET/POST) → 200; /connector/getSelectedCollection → the selected target;
 *   /connector/saveItems → 201, 400 CONNECTOR_VERSION_OUTDATED when the request's API version is
 *   older than the server's, 409 SESSION_EXISTS for a reused session id, 500 libraryEditable:false
 *   for a read-only target; /connector/updateSession → 200 {}, or 400 SESSION_ID_NOT_PROVIDED /
 *   SESSION_NOT_FOUND / COLLECTION_NOT_FOUND.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZoteroServerOptions {
  /** 0 for a free port (the default); 23119 is Zotero's own. */
  port?: number;
  /** The connector protocol version the server speaks (Zotero 7: 3); an "old Zotero" is lower. */
  apiVersion?: number;
  zoteroVersion?: string;
  /** The selected target is read-only: saveItems answers 500 {libraryEditable: false}. */
  readOnly?: boolean;
  /** saveItems requests (1-based) answered 500 instead of saved: a partial save. */
  failSaveNumbers?: number[];
  /** A selected collection (else My Library). */
  collection?: { id: number; name: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The status answered, or "closed" when the connection was cut without an answer. */
  answer: number | 'closed';
}

export interface SavedSession {
  sessionID: string;
  items: Record<string, unknown>[];
  target?: string;
  tags?: string;
}

export interface ZoteroTestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Sessions whose items Zotero "saved", in order. */
  sessions: SavedSession[];
  options: ZoteroServerOptions;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export async function startZoteroServer(options: ZoteroServerOptions = {}): Promise<ZoteroTestServer> {
  const apiVersion = options.apiVersion ?? 3;
  const requests: RecordedRequest[] = [];
  const sessions: SavedSession[] = [];
  const byId = new Map<string, SavedSession>();
  let saveCount = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const record: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body: undefined, answer: 'closed' };
    requests.push(record);
    const answer = (status: number, body?: unknown, type = 'application/json') => {
      record.answer = status;
      res.writeHead(status, {
        'X-Zotero-Version': options.zoteroVersion ?? '7.0.15',
        'X-Zotero-Connector-API-Version': String(apiVersion),
        ...(body === undefined ? { 'Content-Length': '0' } : { 'Content-Type': type }),
      });
      res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    };
    const text = req.method === 'POST' ? await readBody(req) : '';
    const known = ['/connector/ping', '/connector/saveItems', '/connector/updateSession', '/connector/getSelectedCollection'];
    if (!known.includes(path)) return answer(404, 'No endpoint found\n', 'text/plain');
    if (req.method === 'HEAD' || req.method === 'OPTIONS') return answer(200);
    if (req.method === 'POST' && !/^[0-9]+$/.test(req.headers['content-length'] ?? '')) return answer(400, 'Content-length not provided\n', 'text/plain');
    const isBrowser = (req.headers['user-agent'] ?? '').startsWith('Mozilla/') || 'origin' in req.headers;
    const navigatesToPing = path === '/connector/ping' && req.headers['sec-fetch-mode'] === 'navigate';
    if (isBrowser && !req.headers['x-zotero-connector-api-version'] && !req.headers['zotero-allowed-request'] && !navigatesToPing) {
      req.socket.destroy();
      return;
    }
    if (path === '/connector/ping' && req.method === 'GET') return answer(200, '<!DOCTYPE html><html><body>Zotero is running</body></html>', 'text/html');
    if (req.method !== 'POST') return answer(400, 'Endpoint does not support method\n', 'text/plain');
    let data: Record<string, unknown> = {};
    if ((req.headers['content-type'] ?? '').split(';')[0] === 'application/json') {
      try {
        data = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return answer(400, 'Invalid JSON provided\n', 'text/plain');
      }
    } else {
      return answer(400, 'Endpoint does not support content-type\n', 'text/plain');
    }
    record.body = data;

    const target = options.collection ? `C${options.collection.id}` : 'L1';
    switch (path) {
      case '/connector/ping':
        return answer(200, { prefs: { automaticSnapshots: true, downloadAssociatedFiles: true, supportsAttachmentUpload: true } });
      case '/connector/getSelectedCollection':
        return answer(200, {
          libraryID: 1,
          libraryName: 'My Library',
          libraryEditable: !options.readOnly,
          filesEditable: true,
          editable: !options.readOnly,
          id: options.collection?.id ?? null,
          name: options.collection?.name ?? 'My Library',
          targets: [{ id: 'L1', name: 'My Library', level: 0 }],
        });
      case '/connector/saveItems': {
        const requestVersion = Number(req.headers['x-zotero-connector-api-version']);
        if (req.headers['x-zotero-connector-api-version'] && requestVersion < apiVersion) return answer(400, { error: 'CONNECTOR_VERSION_OUTDATED' });
        const sessionID = String(data.sessionID ?? '');
        if (byId.has(sessionID)) return answer(409, { error: 'SESSION_EXISTS' });
        saveCount++;
        if (options.readOnly) return answer(500, { libraryEditable: false });
        if (options.failSaveNumbers?.includes(saveCount)) return answer(500);
        const session: SavedSession = { sessionID, items: (data.items as Record<string, unknown>[]) ?? [], target };
        byId.set(sessionID, session);
        sessions.push(session);
        return answer(201);
      }
      case '/connector/updateSession': {
        if (!data.sessionID) return answer(400, { error: 'SESSION_ID_NOT_PROVIDED' });
        const session = byId.get(String(data.sessionID));
        if (!session) return answer(400, { error: 'SESSION_NOT_FOUND' });
        const wanted = String(data.target);
        if (wanted.startsWith('C') && wanted !== target) return answer(400, { error: 'COLLECTION_NOT_FOUND' });
        session.target = wanted;
        if (typeof data.tags === 'string') session.tags = data.tags;
        return answer(200, {});
      }
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    sessions,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
