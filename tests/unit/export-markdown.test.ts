/** Markdown export, read back by Lantern's own awesome-list parser: a reading list can become a list. */
import { describe, expect, it } from 'vitest';
import { parseAwesomeList } from '../../lib/catalog/parse';
import { toMarkdown } from '../../lib/formats/markdown';
import type { CatalogEntry, SavedItem } from '../../lib/types';
import { savedItem, trickyItems } from '../fixtures/imports/savedItems';

function entryFor(entries: CatalogEntry[], item: SavedItem): CatalogEntry {
  const entry = entries.find((candidate) => candidate.titleKey === item.paper.titleKey);
  expect(entry, item.paper.title).toBeDefined();
  return entry!;
}

/**
 * The list parser (lib/catalog/markdown.ts plainText) reads backticks as code spans even when
 * backslash-escaped, unlike CommonMark, so titles here are the tricky ones without backticks.
 */
function withoutBackticks(item: SavedItem): SavedItem {
  return { ...item, paper: { ...item.paper, title: item.paper.title.replace(/`/g, "'") } };
}

describe('toMarkdown parsed back by parseAwesomeList', () => {
  const items = trickyItems().map(withoutBackticks);
  const markdown = toMarkdown(items, { title: 'My *Reading* List' });
  const parsed = parseAwesomeList(markdown);

  it('reads back the list name, every paper and no warnings', () => {
    expect(parsed.name).toBe('My *Reading* List');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.entries).toHaveLength(items.length);
  });

  it('keeps titles (markdown specials escaped), authors, venues and dates', () => {
    for (const item of items) {
      const entry = entryFor(parsed.entries, item);
      expect(entry.title).toBe(item.paper.title.replace(/\s+/g, ' ').trim());
      expect(entry.year).toBe(item.paper.year);
      expect(entry.month).toBe(item.paper.month);
      if (item.paper.authors) {
        expect(entry.authors).toBe(item.paper.authors.replace(/\.$/, '').replace(/ et al$/, ' et al.'));
        expect(entry.venue).toBe(item.paper.venue.replace(/\.$/, ''));
      }
    }
  });

  it('keeps the category headings, a paper in two categories under both', () => {
    for (const item of items) expect(entryFor(parsed.entries, item).categories).toEqual(item.paper.categories);
    expect(markdown).toContain('## Evaluation\n\n### Strategies\n');
  });

  it('keeps links with their kinds and the identifiers they carry', () => {
    for (const item of items) {
      const entry = entryFor(parsed.entries, item);
      for (const link of item.paper.links) expect(entry.links).toContainEqual(expect.objectContaining({ url: link.url, kind: link.kind }));
      if (item.paper.ids.arxiv) expect(entry.ids.arxiv).toBe(item.paper.ids.arxiv);
      if (item.paper.ids.doi) expect(entry.ids.doi).toBe(item.paper.ids.doi);
    }
  });

  it('writes the seed list line shape', () => {
    expect(markdown).toContain(
      '- [2023/11] **Can Generalist Foundation Models Outcompete Special-Purpose Tuning? Case Study in Medicine** *Harsha Nori et al. arXiv.* [[paper](https://arxiv.org/abs/2311.16452)] [[code](https://github.com/microsoft/promptbase)]',
    );
  });

  it('ends a byline without a venue with one period, and reads it back as authors', () => {
    const item = savedItem({ id: 'doi:10.5555/tcm', title: 'A Survey of Traditional Chinese Medicine Models', authors: 'Xuezhong Zhou et al.', links: [{ kind: 'paper', url: 'https://doi.org/10.5555/tcm', label: 'paper' }] });
    const text = toMarkdown([item], { title: 'One' });
    expect(text).toContain('**A Survey of Traditional Chinese Medicine Models** *Xuezhong Zhou et al.* [[paper]');
    const [entry] = parseAwesomeList(text).entries;
    expect([entry?.authors, entry?.venue]).toEqual(['Xuezhong Zhou et al.', '']);
  });

  it('puts items without a category before the first heading, and navigation-like categories count as none', () => {
    const loose = savedItem({ id: 'title:loose', title: 'Loose Paper', authors: 'Ann Lee', categories: ['Contributors'] });
    const text = toMarkdown([loose], { title: 'T' });
    expect(text).toBe('# T\n\n- **Loose Paper** *Ann Lee.*\n');
    expect(parseAwesomeList(text).entries[0]).toMatchObject({ title: 'Loose Paper', authors: 'Ann Lee', categories: [] });
  });

  it('encodes parentheses that would end a link early', () => {
    const odd = savedItem({
      id: 'title:odd',
      title: 'Odd Link',
      authors: 'Ann Lee',
      links: [{ kind: 'paper', url: 'https://example.org/a)b (c', label: 'paper' }],
    });
    const entry = parseAwesomeList(toMarkdown([odd], { title: 'T' })).entries[0]!;
    expect(entry.links[0]!.url).toBe('https://example.org/a%29b%20%28c');
  });
});
