// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { noteHtml, zoteroItem, type ZoteroItem } from '../../lib/zotero/item';
import { ZOTERO_ORIGIN, outcomeMessage, sendToZotero, type SendOptions } from '../../lib/zotero/connector';
import { startZoteroServer, type ZoteroServerOptions, type ZoteroTestServer } from '../tools/zoteroServer';
import type { SavedPaper } from '../../lib/types';
import { namesFromByline } from '../../lib/names';

const arxivPaper: SavedPaper = {
  id: 'arxiv:2311.16452',
  title: 'Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine',
  authors: 'Harsha Nori, Yin Tat Lee et al.',
  authorList: namesFromByline('Harsha Nori, Yin Tat Lee et al.'),
  venue: 'arXiv',
  year: 2023,
  month: 11,
  categories: ['Evaluating General-Purpose LLMs in Medicine via Prompting'],
  links: [{ kind: 'paper', url: 'https://arxiv.org/abs/2311.16452', label: 'paper' }],
  ids: { arxiv: '2311.16452', repos: [] },
  titleKey: 'can generalist',
};

const journalPaper: SavedPaper = {
  id: 'doi:10.1038/s41586-023-06291-2',
  title: 'Large language models encode clinical knowledge',
  authors: 'Karan Singhal, Shekoofeh Azizi & Tao Tu',
  authorList: namesFromByline('Karan Singhal, Shekoofeh Azizi & Tao Tu'),
  venue: 'Nature.',
  year: 2023,
  categories: ['Evaluation › Benchmarks'],
  links: [{ kind: 'paper', url: 'https://www.nature.com/articles/s41586-023-06291-2', label: 'paper' }],
  ids: { arxiv: '2212.13138', doi: '10.1038/s41586-023-06291-2', pmid: '37438534', repos: [] },
  titleKey: 'large language models encode',
};

describe('zoteroItem', () => {
  it('writes an arXiv preprint as Zotero’s arXiv translator does', () => {
    const item = zoteroItem({ id: arxivPaper.id, paper: arxivPaper, tags: ['prompting', 'GPT-4'], note: 'Medprompt <3\n\nsecond & last' });
    expect(item).toEqual({
      id: 'arxiv:2311.16452',
      itemType: 'preprint',
      title: arxivPaper.title,
      creators: [
        { creatorType: 'author', firstName: 'Harsha', lastName: 'Nori' },
        { creatorType: 'author', firstName: 'Yin Tat', lastName: 'Lee' },
      ],
      date: '2023-11',
      DOI: '10.48550/arXiv.2311.16452',
      repository: 'arXiv',
      number: 'arXiv:2311.16452',
      archiveID: 'arXiv:2311.16452',
      extra: 'arXiv:2311.16452',
      libraryCatalog: 'arXiv.org',
      url: 'https://arxiv.org/abs/2311.16452',
      tags: [{ tag: 'prompting' }, { tag: 'GPT-4' }],
      notes: [{ note: '<p>Medprompt &lt;3</p><p>second &amp; last</p>' }],
      attachments: [],
    } satisfies ZoteroItem);
  });

  it('writes a journal article with its journal DOI, the arXiv id in extra, PubMed ids, and the category as a tag when asked', () => {
    const item = zoteroItem({ id: journalPaper.id, paper: journalPaper, tags: ['Benchmarks'] }, { categoryTags: true });
    expect(item.itemType).toBe('journalArticle');
    expect(item.publicationTitle).toBe('Nature');
    expect(item.DOI).toBe('10.1038/s41586-023-06291-2');
    expect(item.extra).toBe('arXiv:2212.13138\nPMID: 37438534');
    expect(item.archiveID).toBeUndefined();
    expect(item.date).toBe('2023');
    expect(item.creators.map((c) => c.lastName)).toEqual(['Singhal', 'Azizi', 'Tu']);
    // The category's leaf is already a user tag (case-insensitively): kept once.
    expect(item.tags).toEqual([{ tag: 'Benchmarks' }]);
    expect(item.notes).toEqual([]);
  });

  it('escapes notes into HTML without letting markup through', () => {
    expect(noteHtml('<img src=x onerror=alert(1)>\nline')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;<br>line</p>');
  });
});

let server: ZoteroTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendWith(serverOptions: ZoteroServerOptions | null, items: ZoteroItem[], extra: Partial<SendOptions> = {}) {
  if (serverOptions) server = await startZoteroServer(serverOptions);
  let n = 0;
  const base = server?.url ?? 'http://127.0.0.1:9';
  return sendToZotero(items, {
    // The client always talks to Zotero's own port; the test points that at its own server.
    fetch: (url, init) => fetch(url.replace(ZOTERO_ORIGIN, base), { ...init, headers: { ...(init.headers as Record<string, string>), 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome' } }),
    newSessionId: () => `session-${++n}`,
    ...extra,
  });
}

const many = (count: number): ZoteroItem[] =>
  Array.from({ length: count }, (_, i) => zoteroItem({ id: `arxiv:2401.${String(i).padStart(5, '0')}`, paper: { ...arxivPaper, id: `arxiv:2401.${String(i).padStart(5, '0')}`, ids: { arxiv: `2401.${String(i).padStart(5, '0')}`, repos: [] } } }));

describe('outcomeMessage', () => {
  it('counts papers in plain words, one paper and thousands alike', () => {
    expect(outcomeMessage(1, 0, undefined)).toBe('Sent 1 paper to Zotero.');
    expect(outcomeMessage(1204, 0, undefined, 'Reading')).toBe('Sent 1,204 papers to Zotero (Reading).');
    expect(outcomeMessage(1, 1203, { kind: 'not-running' })).toMatch(/^Only 1 paper of 1,204 papers reached Zotero; 1,203 papers did not: /);
  });
});

describe('sendToZotero against a connector server that follows Zotero’s endpoints', () => {
  it('pings, saves in batches with the API version header, tags each session, and reports all sent', async () => {
    const items = many(30);
    const outcome = await sendWith({ collection: { id: 7, name: 'Reading' } }, items, { sessionTags: ['Lantern'], batchSize: 25 });
    expect(outcome.failure).toBeUndefined();
    expect(outcome.sent).toEqual(items.map((i) => i.id));
    expect(outcome.message).toBe('Sent 30 papers to Zotero (Reading).');
    expect(server!.requests.map((r) => `${r.path} ${r.answer}`)).toEqual([
      '/connector/ping 200',
      '/connector/getSelectedCollection 200',
      '/connector/saveItems 201',
      '/connector/updateSession 200',
      '/connector/saveItems 201',
      '/connector/updateSession 200',
    ]);
    for (const r of server!.requests) expect(r.headers['x-zotero-connector-api-version']).toBe('3');
    expect(server!.sessions.map((s) => [s.items.length, s.target, s.tags])).toEqual([
      [25, 'C7', 'Lantern'],
      [5, 'C7', 'Lantern'],
    ]);
    expect(server!.sessions[0]!.items[0]).toEqual(JSON.parse(JSON.stringify(items[0])));
  });

  it('says Zotero isn’t running when nothing listens, and sends nothing', async () => {
    const outcome = await sendWith(null, many(2));
    expect(outcome).toMatchObject({ sent: [], notSent: many(2).map((i) => i.id), failure: { kind: 'not-running' } });
    expect(outcome.message).toBe('Zotero isn’t running. Start it and try again. Nothing was sent.');
  });

  it('tells an old Zotero apart, before sending anything', async () => {
    const outcome = await sendWith({ apiVersion: 2, zoteroVersion: '4.0.29' }, many(1));
    expect(outcome.failure).toEqual({ kind: 'old-zotero', version: '4.0.29' });
    expect(outcome.message).toContain('too old');
    expect(server!.sessions).toEqual([]);
    expect(server!.requests.map((r) => r.path)).toEqual(['/connector/ping']);
  });

  it('reports a refusal (read-only target) in plain words and marks nothing sent', async () => {
    const outcome = await sendWith({ readOnly: true }, many(3));
    expect(outcome.sent).toEqual([]);
    expect(outcome.failure).toEqual({ kind: 'read-only' });
    expect(outcome.message).toContain('read-only');
  });

  it('on a partial save lists exactly the batches Zotero took, and stops there', async () => {
    const items = many(60);
    const outcome = await sendWith({ failSaveNumbers: [2] }, items, { batchSize: 25 });
    expect(outcome.sent).toEqual(items.slice(0, 25).map((i) => i.id));
    expect(outcome.notSent).toEqual(items.slice(25).map((i) => i.id));
    expect(outcome.failure).toEqual({ kind: 'refused', status: 500 });
    expect(outcome.message).toBe('Only 25 papers of 60 papers reached Zotero (My Library); 35 papers did not: Zotero refused the papers (it answered 500). Send again to try the rest.');
    expect(server!.requests.filter((r) => r.path === '/connector/saveItems')).toHaveLength(2);
  });

  it('the test server, like Zotero, answers a browser request without the API header with a closed connection', async () => {
    server = await startZoteroServer();
    await expect(
      fetch(`${server.url}/connector/ping`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/5.0' }, body: '{}' }),
    ).rejects.toThrow();
    expect(server.requests[0]!.answer).toBe('closed');
  });
});
