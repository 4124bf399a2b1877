/**
 * A page whose address is exactly one of an entry's listed links is that entry, even when the
 * page names no identifier (an organisation's page on Hugging Face that a list gives as the code,
 * a project page): the badge shows it. A link several entries share names all of them (the badge
 * says so), never just one; an address under such a link, or next to it, is none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, type ExtensionSession } from './harness';
import { sendFromExtensionPage, waitForAnswer, waitForBadge, waitForSeed } from './badge.page';
import { closedShadow } from './devtools';
import { writeListMarkdown } from '../fixtures/lists/writeList';
import type { CatalogEntry } from '../../lib/types';

/** A list on a host Lantern may always read (the seed list's), whose two entries give one organisation page as their code. */
const SHARED_LIST = 'https://raw.githubusercontent.com/example-lab/papers/main/README.md';
const SHARED_ORG = 'https://huggingface.co/ToolkitLab';

function listed(title: string, arxiv: string): CatalogEntry {
  return {
    id: `arxiv:${arxiv}`,
    title,
    authors: 'Ada Lovelace et al.',
    authorList: { names: [{ family: 'Lovelace', given: 'Ada' }], etAl: true },
    venue: 'arXiv',
    year: 2024,
    month: 2,
    categories: ['Toolkits'],
    links: [
      { kind: 'paper', url: `https://arxiv.org/abs/${arxiv}`, label: 'paper' },
      { kind: 'code', url: SHARED_ORG, label: 'code' },
    ],
    ids: { arxiv, repos: [] },
    titleKey: '',
    line: 1,
  };
}

const FIRST = listed('ToolkitMed: Clinical Tooling for Language Models', '2402.11111');
const SECOND = listed('ToolkitMed-2: Evaluating Clinical Tooling at Scale', '2402.22222');

/** An organisation's page as Hugging Face serves it: a name, no paper metadata. */
function orgPage(name: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${name} (${name})</title>
<meta property="og:title" content="${name} (${name})"></head><body><main><h1>${name}</h1><p>Models and datasets.</p></main></body></html>`;
}

let ext: ExtensionSession;

async function open(url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url);
  return page;
}

/** The badge's note naming the other entries an address is listed for; null when it has none. */
const sharedNote = (page: Page) => closedShadow(page).evaluate('lantern-badge', (root) => root.querySelector('[data-shared]')?.textContent ?? null);

describe('a page at exactly a listed link', () => {
  beforeAll(async () => {
    ext = await launchExtension();
    ext.routePages({
      'https://huggingface.co/wanglab': { body: orgPage('wanglab') },
      'https://huggingface.co/wanglab-other': { body: orgPage('wanglab-other') },
      'https://starmpcc.github.io/CAMEL/': { body: orgPage('CAMEL') },
      [SHARED_ORG]: { body: orgPage('ToolkitLab') },
      [`${SHARED_ORG}/toolkit-7b`]: { body: orgPage('ToolkitLab/toolkit-7b') },
      [SHARED_LIST]: { body: writeListMarkdown('Toolkits', [FIRST, SECOND]), contentType: 'text/plain' },
    });
    await waitForSeed(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('is that entry, though the page names no identifier: an organisation given as the code, a project page', async () => {
    // Clinical Camel's code link in the seed list is its lab's page on Hugging Face.
    const org = await open('https://huggingface.co/wanglab');
    const badge = await waitForBadge(org, 'arxiv:2305.12031');
    expect(badge.title).toMatch(/^Clinical Camel/);
    expect(await sharedNote(org)).toBeNull();
    await org.close();

    const project = await open('https://starmpcc.github.io/CAMEL/');
    expect((await waitForBadge(project)).paperId).toBe('title:camel clinically adapted model enhanced from llama');
    await project.close();

    // Only exactly that address: another organisation whose name starts the same is not the entry.
    const other = await open('https://huggingface.co/wanglab-other');
    await waitForAnswer(ext, other);
    expect(await other.locator('lantern-badge').count()).toBe(0);
    await other.close();
  });

  it('names every entry a shared link is listed for, and none on a page under it', async () => {
    const added = (await sendFromExtensionPage(ext, 'addList', { url: SHARED_LIST })) as { ok: boolean; value: { ok: boolean } };
    expect(added).toMatchObject({ ok: true, value: { ok: true } });

    const page = await open(SHARED_ORG);
    await page.setViewportSize({ width: 1280, height: 800 });
    const badge = await waitForBadge(page);
    const titles = [FIRST.title, SECOND.title];
    expect([FIRST.id, SECOND.id]).toContain(badge.paperId);
    expect(titles).toContain(badge.title);
    const other = titles.find((title) => title !== badge.title)!;
    expect(await sharedNote(page)).toBe(`This address is listed for 2 papers: this one and “${other}”.`);
    for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'badge-shared-link', { colorScheme: scheme, fullPage: false });
    await page.close();

    // A model under the organisation is a repository of its own, listed for neither.
    const model = await open(`${SHARED_ORG}/toolkit-7b`);
    await waitForAnswer(ext, model);
    expect(await model.locator('lantern-badge').count()).toBe(0);
    await model.close();
  });
});
