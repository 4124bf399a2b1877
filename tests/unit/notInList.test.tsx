/** "… is not in the list." for a pasted identifier, with a link to the paper's own page so it is not a dead end. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotInList } from '../../components/NotInList';
import { identityLabel } from '../../lib/ids';
import { parsePastedIdentifier } from '../../lib/search/paste';
import { freshRoot, unmount } from './pageTest';

let root: HTMLElement;
beforeEach(() => {
  root = freshRoot();
});
afterEach(() => unmount(root));

async function show(pasted: string): Promise<void> {
  const identity = parsePastedIdentifier(pasted)!;
  await act(() => render(<NotInList label={identityLabel(identity)} url={identity.url} />, root));
}

const link = (): HTMLAnchorElement | null => root.querySelector('a[data-lookup-link]');

describe('NotInList', () => {
  it.each([
    ['arXiv:2101.00001', 'arXiv:2101.00001', 'https://arxiv.org/abs/2101.00001', 'Open it on arxiv.org'],
    ['10.1038/s41586-023-06291-2', 'DOI 10.1038/s41586-023-06291-2', 'https://doi.org/10.1038/s41586-023-06291-2', 'Open it on doi.org'],
    ['PMC10364849', 'PMC10364849', 'https://pmc.ncbi.nlm.nih.gov/articles/PMC10364849/', 'Open it on pmc.ncbi.nlm.nih.gov'],
    ['PMID: 37438534', 'PMID 37438534', 'https://pubmed.ncbi.nlm.nih.gov/37438534/', 'Open it on pubmed.ncbi.nlm.nih.gov'],
  ])('%s: says it is not in the list and links to its page in a new tab', async (pasted, label, href, text) => {
    await show(pasted);
    expect(root.querySelector('[data-lookup=missing]')?.textContent).toBe(`No entry in the list has ${label}; it may be listed under another identifier.`);
    expect(link()?.getAttribute('href')).toBe(href);
    expect(link()?.textContent).toBe(text);
    expect(link()?.target).toBe('_blank');
    expect(link()?.rel).toBe('noopener noreferrer');
  });

  it('draws no link for a URL that is not http(s)', async () => {
    await act(() => render(<NotInList label="arXiv:2101.00001" url="javascript:alert(1)" />, root));
    expect(root.querySelector('[data-lookup=missing]')?.textContent).toBe('No entry in the list has arXiv:2101.00001; it may be listed under another identifier.');
    expect(root.querySelector('a')).toBeNull();
  });
});
