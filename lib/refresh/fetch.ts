/**
 * Fetches a list's markdown with a conditional request (ETag / Last-Modified; 304 means
 * unchanged) and a timeout covering headers and body, reporting bytes as they arrive. Pure
 * apart from the injected `fetch`; never throws: failures come back classified.
 */
import type { RefreshFailure } from './failure';
import { byteOrderMark, decodeImportBytes, isUtf16, normalizeImportText } from '../formats/importResult';

export interface FetchListOptions {
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  /** Larger bodies are refused (no awesome list comes close). */
  maxBytes?: number;
  onProgress?: (received: number, total: number | undefined) => void;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

export type FetchListResult =
  | { kind: 'unchanged' }
  | { kind: 'fetched'; text: string; bytes: number; etag?: string; lastModified?: string }
  | { kind: 'failed'; failure: RefreshFailure };

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Epoch ms the server asks us to wait until, from Retry-After (seconds or date) or X-RateLimit-Reset (epoch s). */
export function retryAtFrom(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return now + Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return date;
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Number(reset) * 1000;
  return undefined;
}

/** The failure an HTTP error status means. */
export function classifyStatus(status: number, headers: Headers, now: number): RefreshFailure {
  const limited = status === 429 || (status === 403 && (headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after')));
  if (limited) {
    const retryAt = retryAtFrom(headers, now);
    return { kind: 'rate-limited', status, ...(retryAt !== undefined && { retryAt }) };
  }
  if (status === 404 || status === 410) return { kind: 'not-found', status };
  return { kind: 'http', status };
}

/** What a body that is not markdown looks like, from its content type and first bytes; undefined when it may be a list. */
export function notAListReason(contentType: string, head: Uint8Array): Extract<RefreshFailure, { kind: 'not-a-list' }>['looksLike'] | undefined {
  const type = contentType.toLowerCase();
  if (!isUtf16(head) && head.includes(0)) return 'a binary file';
  if (/^(image|audio|video|font)\/|application\/(octet-stream|zip|gzip|pdf|x-)/.test(type)) return 'a binary file';
  const start = decodeImportBytes(head.subarray(0, 512)).trimStart().toLowerCase();
  if (type.includes('html') || start.startsWith('<!doctype html') || start.startsWith('<html')) return 'a web page';
  if (type.includes('json')) return 'JSON data';
  return undefined;
}

/**
 * The list's text, so that a Latin-1 list does not come out with "�" for every accented letter:
 * a byte order mark decides (as the Encoding Standard has it), then the charset the server
 * declares, else the bytes are read as an imported file is (decodeImportBytes: UTF-16, UTF-8,
 * else Windows-1252).
 */
export function decodeListBody(body: Uint8Array, contentType: string): string {
  const declared = /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (declared && !byteOrderMark(body)) {
    try {
      return normalizeImportText(new TextDecoder(declared).decode(body));
    } catch {
      // A charset the browser does not know: read the bytes as if none were declared.
    }
  }
  return decodeImportBytes(body);
}

function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function readBody(
  response: Response,
  maxBytes: number,
  onProgress: FetchListOptions['onProgress'],
): Promise<Uint8Array | 'too-large'> {
  const lengthHeader = Number(response.headers.get('content-length'));
  const total = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
  if (total !== undefined && total > maxBytes) return 'too-large';
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
    onProgress?.(received, total);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function fetchListSource(url: string, options: FetchListOptions = {}): Promise<FetchListResult> {
  const {
    etag,
    lastModified,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxBytes = DEFAULT_MAX_BYTES,
    onProgress,
    fetch = globalThis.fetch.bind(globalThis),
    now = Date.now,
  } = options;
  const headers: Record<string, string> = { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1' };
  if (etag) headers['if-none-match'] = etag;
  if (lastModified) headers['if-modified-since'] = lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // no-store: the validators are ours; the HTTP cache must not answer 200 from a stale copy.
    const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
    if (response.status === 304) return { kind: 'unchanged' };
    if (!response.ok) return { kind: 'failed', failure: classifyStatus(response.status, response.headers, now()) };
    const body = await readBody(response, maxBytes, onProgress);
    if (body === 'too-large') return { kind: 'failed', failure: { kind: 'not-a-list', looksLike: 'a file too large' } };
    const looksLike = notAListReason(response.headers.get('content-type') ?? '', body.subarray(0, 8192));
    if (looksLike) return { kind: 'failed', failure: { kind: 'not-a-list', looksLike } };
    const text = decodeListBody(body, response.headers.get('content-type') ?? '');
    if (looksLikeJson(text)) return { kind: 'failed', failure: { kind: 'not-a-list', looksLike: 'JSON data' } };
    return {
      kind: 'fetched',
      text,
      bytes: body.byteLength,
      ...(response.headers.get('etag') && { etag: response.headers.get('etag')! }),
      ...(response.headers.get('last-modified') && { lastModified: response.headers.get('last-modified')! }),
    };
  } catch {
    if (controller.signal.aborted) return { kind: 'failed', failure: { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) } };
    // fetch rejects (TypeError) only when no response came at all: offline, DNS, refused, CORS.
    return { kind: 'failed', failure: { kind: 'offline' } };
  } finally {
    clearTimeout(timer);
  }
}
