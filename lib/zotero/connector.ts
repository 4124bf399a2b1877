/**
 * Talking to the Zotero desktop app's local connector server, as Zotero's own browser connector
 * does (endpoints as defined in Zotero's chrome/content/zotero/xpcom/server/server_connector.js):
 *
 * - every request carries `X-Zotero-Connector-API-Version`: Zotero closes the connection, without
 *   an answer, on a browser request that lacks it (so that web pages cannot probe for Zotero);
 * - `POST /connector/ping` answers 200; every answer carries Zotero's own
 *   `X-Zotero-Connector-API-Version` (3 since Zotero 5.0.x's connector protocol);
 * - `POST /connector/getSelectedCollection` names where Zotero will save (a library "L<n>" or a
 *   collection "C<n>"), which `/connector/updateSession` needs as its target;
 * - `POST /connector/saveItems {sessionID, uri, items}` answers 201 when saved; 400
 *   `CONNECTOR_VERSION_OUTDATED`, 409 `SESSION_EXISTS`, 500 `{libraryEditable:false}` or 500;
 * - `POST /connector/updateSession {sessionID, target, tags}` sets the session's collection and
 *   adds tags (comma-separated) to its items; 200, or 400 with `{error}`.
 */
import type { ZoteroItem } from './item';
import { plural } from '../words';

export const ZOTERO_ORIGIN = 'http://127.0.0.1:23119';
/**
 * The host permission Lantern asks for (optional) before it talks to Zotero. No port in it:
 * Firefox's match patterns have no ports, and one with a port ("http://127.0.0.1:23119/*") is
 * granted there but never matches the connector's address, so every request is refused as
 * cross-origin; a pattern without a port matches every port in both browsers.
 */
export const ZOTERO_PERMISSION = 'http://127.0.0.1/*';
/** The connector protocol this code speaks. */
export const CONNECTOR_API_VERSION = 3;
/** Items per saveItems request: a failure loses at most one batch, and the rest stay counted. */
export const ZOTERO_BATCH = 25;

export type ZoteroFailure =
  | { kind: 'not-running' }
  | { kind: 'old-zotero'; version?: string }
  | { kind: 'outdated-connector' }
  | { kind: 'read-only' }
  | { kind: 'refused'; status: number; detail?: string };

/** What happened to a send: ids Zotero confirmed, ids not sent, and why (when not all went). */
export interface ZoteroOutcome {
  sent: string[];
  notSent: string[];
  failure?: ZoteroFailure;
  /** Where Zotero saved them ("My Library", a collection's name), when it said. */
  target?: string;
  /** For the user, in plain words: what was sent and what was not. */
  message: string;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

class ConnectorError extends Error {
  constructor(readonly failure: ZoteroFailure) {
    super(failure.kind);
  }
}

async function post(fetcher: Fetch, path: string, body: unknown): Promise<Response> {
  try {
    return await fetcher(`${ZOTERO_ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Zotero-Connector-API-Version': String(CONNECTOR_API_VERSION) },
      body: JSON.stringify(body),
    });
  } catch {
    // Nothing listening, or Zotero closed the connection: to a fetch both look the same.
    throw new ConnectorError({ kind: 'not-running' });
  }
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: unknown; libraryEditable?: unknown };
    if (body.libraryEditable === false) return 'LIBRARY_NOT_EDITABLE';
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

async function failureOf(response: Response): Promise<ZoteroFailure> {
  const code = await errorCode(response);
  if (code === 'CONNECTOR_VERSION_OUTDATED') return { kind: 'outdated-connector' };
  if (code === 'LIBRARY_NOT_EDITABLE') return { kind: 'read-only' };
  return { kind: 'refused', status: response.status, ...(code ? { detail: code } : {}) };
}

/** Zotero answers; an answer from a Zotero whose connector protocol is older than ours is an "old Zotero". */
async function ping(fetcher: Fetch): Promise<void> {
  const response = await post(fetcher, '/connector/ping', {});
  const version = response.headers.get('X-Zotero-Connector-API-Version');
  if (version === null || !(Number(version) >= CONNECTOR_API_VERSION)) {
    const app = response.headers.get('X-Zotero-Version');
    throw new ConnectorError({ kind: 'old-zotero', ...(app ? { version: app } : {}) });
  }
  if (!response.ok) throw new ConnectorError(await failureOf(response));
}

/** Where Zotero saves now, as updateSession's target ("L1", "C23") and its name. */
async function selectedTarget(fetcher: Fetch): Promise<{ id: string; name: string } | undefined> {
  const response = await post(fetcher, '/connector/getSelectedCollection', {});
  if (!response.ok) return undefined;
  try {
    const body = (await response.json()) as { libraryID?: unknown; id?: unknown; name?: unknown };
    const name = typeof body.name === 'string' ? body.name : '';
    if (typeof body.id === 'number') return { id: `C${body.id}`, name };
    if (typeof body.libraryID === 'number') return { id: `L${body.libraryID}`, name };
  } catch {
    // No target named: the session keeps Zotero's default, which is what the user sees selected.
  }
  return undefined;
}

export interface SendOptions {
  fetch: Fetch;
  /** A new session id per saveItems request (Zotero refuses a reused one with 409). */
  newSessionId: () => string;
  /** Tags for every item sent, set through updateSession (the session's tags). */
  sessionTags?: readonly string[];
  batchSize?: number;
}

function failureWords(failure: ZoteroFailure): string {
  switch (failure.kind) {
    case 'not-running':
      return 'Zotero isn’t running. Start it and try again.';
    case 'old-zotero':
      return `This Zotero${failure.version ? ` (${failure.version})` : ''} is too old to take papers from Lantern. Update Zotero (version 7 or later) and try again.`;
    case 'outdated-connector':
      return 'Zotero expects a newer connector than this version of Lantern. Update Lantern and try again.';
    case 'read-only':
      return 'Zotero refused the papers: the library or collection selected in Zotero is read-only. Select one you can edit in Zotero and try again.';
    case 'refused':
      return `Zotero refused the papers (it answered ${failure.status}${failure.detail ? `, ${failure.detail}` : ''}).`;
  }
}

/** The sentence the UI shows for an outcome. */
export function outcomeMessage(sent: number, notSent: number, failure: ZoteroFailure | undefined, target?: string): string {
  const where = target ? ` (${target})` : '';
  if (!failure) return `Sent ${plural(sent, 'paper')} to Zotero${where}.`;
  if (sent === 0) return `${failureWords(failure)} Nothing was sent.`;
  return `Only ${plural(sent, 'paper')} of ${plural(sent + notSent, 'paper')} reached Zotero${where}; ${plural(notSent, 'paper')} did not: ${failureWords(failure)} Send again to try the rest.`;
}

/**
 * Sends items to Zotero in batches: ping first (not running / too old), then one saveItems per
 * batch, each in its own session, and updateSession with the session tags. A batch counts as
 * sent only when Zotero answered 201; after the first failed batch nothing more is tried, so the
 * outcome lists exactly what Zotero has. Never throws.
 */
export async function sendToZotero(items: readonly ZoteroItem[], options: SendOptions): Promise<ZoteroOutcome> {
  const sent: string[] = [];
  const batchSize = options.batchSize ?? ZOTERO_BATCH;
  let failure: ZoteroFailure | undefined;
  let target: { id: string; name: string } | undefined;
  try {
    await ping(options.fetch);
    target = await selectedTarget(options.fetch);
    for (let start = 0; start < items.length; start += batchSize) {
      const batch = items.slice(start, start + batchSize);
      const sessionID = options.newSessionId();
      const response = await post(options.fetch, '/connector/saveItems', { sessionID, uri: ZOTERO_ORIGIN, items: batch });
      if (response.status !== 201) throw new ConnectorError(await failureOf(response));
      sent.push(...batch.map((item) => item.id));
      const tags = (options.sessionTags ?? []).map((t) => t.trim()).filter((t) => t !== '' && !t.includes(','));
      if (tags.length > 0 && target) {
        // The items are in Zotero already: a failed tagging does not unsend them.
        await post(options.fetch, '/connector/updateSession', { sessionID, target: target.id, tags: tags.join(', ') }).catch(() => undefined);
      }
    }
  } catch (e) {
    failure = e instanceof ConnectorError ? e.failure : { kind: 'refused', status: 0, detail: e instanceof Error ? e.message : String(e) };
  }
  const sentSet = new Set(sent);
  const notSent = items.map((i) => i.id).filter((id) => !sentSet.has(id));
  const targetName = target?.name || undefined;
  return {
    sent,
    notSent,
    ...(failure ? { failure } : {}),
    ...(targetName ? { target: targetName } : {}),
    message: outcomeMessage(sent.length, notSent.length, failure, targetName),
  };
}
