import { describe, expect, it } from 'vitest';
import { allowedSenders, dispatch, mayBeSentBy, senderKind, validators, type Handlers, type Sender } from '../../lib/messages';
import type { PageIdentity } from '../../lib/types';

/** Handlers that remember what reached them, so tests can tell validated from rejected messages. */
function recordingHandlers(): { handlers: Handlers; seen: string[] } {
  const seen: string[] = [];
  const handlers = {} as Record<string, (data: unknown) => unknown>;
  for (const type of Object.keys(validators)) {
    handlers[type] = (data) => {
      seen.push(type);
      return { echoed: data };
    };
  }
  return { handlers: handlers as unknown as Handlers, seen };
}

const env = (type: unknown, data: unknown) => ({ lantern: 1, type, data });
const sender: Sender = { kind: 'extension', url: 'chrome-extension://lantern/popup.html' };
const page: PageIdentity = { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452', title: 'A title', authors: ['A. Author'], year: 2023 };

describe('dispatch', () => {
  it('runs the handler of a valid message and wraps its value', async () => {
    const { handlers, seen } = recordingHandlers();
    expect(await dispatch(handlers, env('matchPage', page), sender)).toEqual({ ok: true, value: { echoed: page } });
    expect(await dispatch(handlers, env('getStatus', {}), sender)).toMatchObject({ ok: true });
    expect(await dispatch(handlers, env('setSaved', { paperId: 'arxiv:2311.16452', saved: true, page }), sender)).toMatchObject({ ok: true });
    expect(seen).toEqual(['matchPage', 'getStatus', 'setSaved']);
  });

  it('ignores what is not a Lantern message (other extensions’ traffic on the same channel)', async () => {
    const { handlers, seen } = recordingHandlers();
    for (const raw of [null, undefined, 'getStatus', 42, [], { type: 'getStatus', data: {} }, { lantern: 2, type: 'getStatus', data: {} }, { lantern: 1, type: 7 }]) {
      expect(await dispatch(handlers, raw, sender)).toBeUndefined();
    }
    expect(seen).toEqual([]);
  });

  it('answers an unknown type with an error, including inherited object keys', async () => {
    const { handlers, seen } = recordingHandlers();
    for (const type of ['deleteEverything', 'toString', '__proto__', 'constructor', 'x'.repeat(100_000)]) {
      const reply = await dispatch(handlers, env(type, {}), sender);
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^Unknown message/) });
      if (reply && !reply.ok) expect(reply.error.length).toBeLessThan(100);
    }
    expect(seen).toEqual([]);
  });

  it.each([
    ['getStatus', { extra: 1 }],
    ['getStatus', null],
    ['getStatus', []],
    ['matchPage', {}],
    ['matchPage', { url: 42 }],
    ['matchPage', { url: 'https://x.org', arxiv: 5 }],
    ['matchPage', { url: 'https://x.org', title: 'x'.repeat(5000) }],
    ['matchPage', { url: 'https://x.org/' + 'a'.repeat(10_000) }],
    ['matchPage', { url: 'https://x.org', year: 2023.5 }],
    ['matchPage', { url: 'https://x.org', authors: 'One Author' }],
    ['matchPage', { url: 'https://x.org', authors: Array(201).fill('A') }],
    ['matchPage', { url: 'https://x.org', authors: ['ok', 3] }],
    ['setSaved', { paperId: 'arxiv:1', saved: 'yes' }],
    ['setSaved', { saved: true }],
    ['setSaved', { paperId: 'x'.repeat(2000), saved: true }],
    ['setSaved', { paperId: 'arxiv:1', saved: true, page: { title: 'no url' } }],
    ['setSaved', { paperId: 'arxiv:1', saved: true, status: 'done' }],
    ['setSaved', { paperId: 'arxiv:1', saved: true, status: 1 }],
    ['saveListed', { paperId: 'arxiv:1', saved: true, status: 'finished' }],
    ['saveListed', { paperId: 'arxiv:1', saved: true, status: ['read'] }],
    ['getTabPaper', { tabId: -1 }],
    ['getTabPaper', { tabId: 1.5 }],
    ['loadBadgeUi', { extra: 1 }],
    ['refreshLists', { listIds: 'seed' }],
    ['refreshLists', { listIds: ['x'.repeat(3000)] }],
    ['refreshLists', { listIds: ['seed'], acceptShrink: 'yes' }],
    ['addList', { url: 42 }],
    ['addList', { url: 'javascript:alert(1)' }],
    ['addList', { url: 'file:///etc/passwd' }],
    ['addList', { url: 'github.com/owner/list' }],
    ['addList', { url: 'https://example.org/' + 'a'.repeat(3000) }],
    ['removeList', {}],
    ['setListEnabled', { listId: 'seed', enabled: 'yes' }],
    ['getRefreshState', { extra: 1 }],
    ['setRefreshSchedule', { intervalHours: '24' }],
    ['setRefreshSchedule', { intervalHours: Number.NaN }],
    ['markEntriesSeen', { extra: 1 }],
    ['readingListChanged', { extra: 1 }],
  ])('rejects %s with %j as data, without running its handler', async (type, data) => {
    const { handlers, seen } = recordingHandlers();
    expect(await dispatch(handlers, env(type, data), sender)).toEqual({ ok: false, error: `Invalid data for “${type}”.` });
    expect(seen).toEqual([]);
  });

  it('turns a handler that throws into an error answer', async () => {
    const { handlers } = recordingHandlers();
    const failing: Handlers = {
      ...handlers,
      getStatus: () => {
        throw new Error('Your browser’s storage for Lantern is full.');
      },
      matchPage: async () => Promise.reject('a string, not an Error'),
    };
    expect(await dispatch(failing, env('getStatus', {}), sender)).toEqual({ ok: false, error: 'Your browser’s storage for Lantern is full.' });
    expect(await dispatch(failing, env('matchPage', page), sender)).toEqual({ ok: false, error: 'a string, not an Error' });
  });
});

describe('who may send what', () => {
  const fromPage: Sender = { kind: 'content', tabId: 4, url: 'https://arxiv.org/abs/2311.16452' };
  /** One valid request per message, so only the sender rule can refuse it. */
  const valid: { [K in keyof typeof validators]: unknown } = {
    getStatus: {},
    matchPage: page,
    setSaved: { paperId: 'arxiv:2311.16452', saved: false },
    getTabPaper: { tabId: 9 },
    loadBadgeUi: {},
    refreshLists: {},
    addList: { url: 'https://raw.githubusercontent.com/o/r/main/README.md' },
    removeList: { listId: 'x' },
    setListEnabled: { listId: 'seed', enabled: false },
    getRefreshState: {},
    setRefreshSchedule: { intervalHours: 24 },
    markEntriesSeen: {},
    readingListChanged: {},
    lookupListed: { items: [{ arxiv: '2311.16452' }], read: 'listing', first: true },
    loadListingReader: {},
    marksCapped: {},
    getListedPaper: { paperId: 'arxiv:2311.16452' },
    saveListed: { paperId: 'arxiv:2311.16452', saved: true, status: 'reading' },
    getTabListed: { tabId: 9 },
    sendToZotero: { paperIds: ['arxiv:2311.16452'] },
    getInZotero: { paperIds: ['arxiv:2311.16452'] },
  };
  const fromContent = ['matchPage', 'setSaved', 'loadBadgeUi', 'lookupListed', 'loadListingReader', 'marksCapped', 'getListedPaper', 'saveListed', 'sendToZotero', 'getInZotero'];

  it.each(Object.keys(validators))('answers %s from an extension page', async (type) => {
    const { handlers, seen } = recordingHandlers();
    expect(await dispatch(handlers, env(type, valid[type as keyof typeof valid]), sender)).toMatchObject({ ok: true });
    expect(seen).toEqual([type]);
  });

  it.each(Object.keys(validators))('lets a content script send %s only when declared for content scripts', async (type) => {
    const { handlers, seen } = recordingHandlers();
    const reply = await dispatch(handlers, env(type, valid[type as keyof typeof valid]), fromPage);
    if (fromContent.includes(type)) {
      expect(reply).toMatchObject({ ok: true });
      expect(seen).toEqual([type]);
    } else {
      expect(reply).toEqual({ ok: false, error: `“${type}” is answered for Lantern’s own pages only.` });
      expect(seen).toEqual([]);
    }
  });

  it('declares content scripts for exactly matchPage, setSaved, loadBadgeUi, the listing lookups and the badge’s Zotero messages', () => {
    const declared = Object.entries(allowedSenders).filter(([, who]) => who === 'content').map(([type]) => type);
    expect(declared.sort()).toEqual([...fromContent].sort());
    expect(Object.keys(allowedSenders).sort()).toEqual(Object.keys(validators).sort());
  });

  it('counts a sender as an extension page only on the extension’s own origin', () => {
    const origin = 'chrome-extension://abcdef/';
    expect(senderKind('chrome-extension://abcdef/library.html', origin)).toBe('extension');
    expect(senderKind('chrome-extension://abcdef/popup.html?x=1#y', origin)).toBe('extension');
    expect(senderKind('https://arxiv.org/abs/2311.16452', origin)).toBe('content');
    expect(senderKind('chrome-extension://another/popup.html', origin)).toBe('content');
    expect(senderKind('chrome-extension://abcdefg/popup.html', origin)).toBe('content');
    expect(senderKind('https://abcdef.example/chrome-extension://abcdef', origin)).toBe('content');
    expect(senderKind(undefined, origin)).toBe('content');
    expect(senderKind('not a url', origin)).toBe('content');
    expect(mayBeSentBy('addList', 'content')).toBe(false);
    expect(mayBeSentBy('matchPage', 'content')).toBe(true);
  });
});
