import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SiteAccessNotice } from '../../components/SiteAccessNotice';
import { browserSiteAccess, missingOrigins, siteAccessWords, siteName, type PermissionsApi, type SiteAccess } from '../../lib/siteAccess';
import { LIST_SOURCE_MATCH, SITE_ACCESS_ORIGINS } from '../../lib/sites';
import { freshRoot, unmount } from './pageTest';

/**
 * A browser's permissions store: `contains` is true when every asked pattern was granted (or
 * the all-sites pattern was, which covers them all, as browsers read it); `request` answers as `answer` says.
 */
function fakePermissions(granted: Iterable<string>, answer: () => Promise<boolean> = async () => true) {
  const store = new Set(granted);
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  const events = { addListener: (l: () => void) => void listeners.add(l), removeListener: (l: () => void) => void listeners.delete(l) };
  const api = {
    contains: vi.fn(async ({ origins }: { origins: string[] }) => store.has('*://*/*') || origins.every((o) => store.has(o))),
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      const yes = await answer();
      if (yes) {
        origins.forEach((o) => store.add(o));
        changed();
      }
      return yes;
    }),
    onAdded: events,
    onRemoved: events,
  } satisfies PermissionsApi;
  return {
    api,
    listeners,
    withdraw(origins: readonly string[]) {
      origins.forEach((o) => store.delete(o));
      changed();
    },
  };
}

const ARXIV = 'https://*.arxiv.org/*';

describe('which host permissions are missing', () => {
  it('asks once when all are granted', async () => {
    const { api } = fakePermissions(SITE_ACCESS_ORIGINS);
    expect(await missingOrigins(api)).toEqual([]);
    expect(api.contains).toHaveBeenCalledTimes(1);
  });

  it('names each missing pattern, in manifest order, when some are withdrawn', async () => {
    const { api } = fakePermissions(SITE_ACCESS_ORIGINS.filter((o) => o !== ARXIV && o !== LIST_SOURCE_MATCH));
    expect(await missingOrigins(api)).toEqual([ARXIV, LIST_SOURCE_MATCH]);
  });

  it('counts "all sites" as covering every one of them', async () => {
    const { api } = fakePermissions(['*://*/*']);
    expect(await missingOrigins(api)).toEqual([]);
  });

  it('passes on a browser that cannot answer (the notice then shows nothing)', async () => {
    const api = { contains: vi.fn(async () => Promise.reject(new Error('no permissions API'))) };
    await expect(missingOrigins(api)).rejects.toThrow('no permissions API');
  });
});

describe('the words', () => {
  it('reads a match pattern as a site name', () => {
    expect(siteName('https://*.arxiv.org/*')).toBe('arxiv.org');
    expect(siteName('*://heal-gpt.cn/*')).toBe('heal-gpt.cn');
    expect(siteName('https://www.ncbi.nlm.nih.gov/pmc/*')).toBe('www.ncbi.nlm.nih.gov/pmc');
    expect(siteName('https://github.com/*')).toBe('github.com');
  });

  it('says nothing when nothing is missing', () => {
    expect(siteAccessWords([])).toBeNull();
  });

  it('says "not yet" when none is granted', () => {
    const words = siteAccessWords([...SITE_ACCESS_ORIGINS]);
    expect(words?.headline).toBe('Lantern is not allowed on paper sites yet.');
    expect(words?.detail).toContain('your browser needs your permission for those sites');
  });

  it('names the first few missing sites, how many more, and the list source', () => {
    const missing = SITE_ACCESS_ORIGINS.slice(0, 6);
    expect(siteAccessWords(missing)?.headline).toBe(
      'Lantern is not allowed on some of its sites, so it shows no badge on arxiv.org, alphaxiv.org, ar5iv.org, pubmed.ncbi.nlm.nih.gov and 2 more.',
    );
    expect(siteAccessWords([ARXIV, LIST_SOURCE_MATCH])?.headline).toBe(
      'Lantern is not allowed on some of its sites, so it shows no badge on arxiv.org and cannot update its list from GitHub.',
    );
    expect(siteAccessWords([LIST_SOURCE_MATCH])?.headline).toBe('Lantern is not allowed on some of its sites, so it cannot update its list from GitHub.');
  });
});

describe('asking the browser', () => {
  it('requests every manifest host permission, and follows changes until unsubscribed', async () => {
    const fake = fakePermissions([]);
    const access = browserSiteAccess(fake.api);
    const onChange = vi.fn();
    const stop = access.watch(onChange);
    expect(await access.request()).toBe(true);
    expect(fake.api.request).toHaveBeenCalledWith({ origins: [...SITE_ACCESS_ORIGINS] });
    expect(onChange).toHaveBeenCalled();
    stop();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('the notice', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = freshRoot();
  });
  afterEach(() => unmount(root));

  /** Lets the notice's checks (promises) and what they set (effects) run. */
  const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
  const show = async (access: SiteAccess) => {
    act(() => render(<SiteAccessNotice access={access} />, root));
    await settle();
  };
  const notice = () => root.querySelector('.site-access');
  const allow = () => act(() => (root.querySelector('.site-access-allow') as HTMLButtonElement).click());

  it('shows nothing while every site is allowed', async () => {
    await show(browserSiteAccess(fakePermissions(SITE_ACCESS_ORIGINS).api));
    expect(notice()).toBeNull();
  });

  it('says what is missing, asks on a click, and goes once allowed', async () => {
    const fake = fakePermissions([]);
    await show(browserSiteAccess(fake.api));
    expect(notice()?.getAttribute('role')).toBe('alert');
    expect(notice()?.querySelector('strong')?.textContent).toBe('Lantern is not allowed on paper sites yet.');
    await allow();
    await settle();
    expect(fake.api.request).toHaveBeenCalledTimes(1);
    expect(notice()).toBeNull();
  });

  it('refused: says so in plain words and keeps the button', async () => {
    const fake = fakePermissions([], async () => false);
    await show(browserSiteAccess(fake.api));
    await allow();
    await settle();
    expect(notice()?.getAttribute('data-site-access')).toBe('refused');
    expect(notice()?.querySelector('.site-access-answer')?.textContent).toContain('You did not allow it, so Lantern stays off on those sites.');
    expect((root.querySelector('.site-access-allow') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a browser that would not ask: says where to allow it instead', async () => {
    const fake = fakePermissions([], async () => Promise.reject(new Error('permissions.request may only be called from a user input handler')));
    await show(browserSiteAccess(fake.api));
    await allow();
    await settle();
    expect(notice()?.getAttribute('data-site-access')).toBe('failed');
    expect(notice()?.textContent).toContain('Add-ons and themes › Lantern › Permissions');
  });

  it('follows the browser: withdrawn while open, the notice appears', async () => {
    const fake = fakePermissions(SITE_ACCESS_ORIGINS);
    await show(browserSiteAccess(fake.api));
    expect(notice()).toBeNull();
    fake.withdraw([ARXIV]);
    await settle();
    expect(notice()?.querySelector('strong')?.textContent).toContain('shows no badge on arxiv.org.');
  });

  it('shows nothing when the browser cannot say', async () => {
    const fake = fakePermissions([]);
    fake.api.contains.mockRejectedValue(new Error('no permissions API'));
    await show(browserSiteAccess(fake.api));
    expect(notice()).toBeNull();
  });
});
