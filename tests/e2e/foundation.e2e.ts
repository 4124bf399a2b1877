import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionSession } from './harness';

describe('foundation', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('starts the background', () => {
    // Chromium derives the id from the extension's key or path; Firefox takes the harness's UUID.
    expect(ext.extensionId).toMatch(ext.browserName === 'chromium' ? /^[a-p]{32}$/ : /^[0-9a-f-]{36}$/);
    expect(ext.serviceWorker.url()).toBe(ext.extensionUrl('background.js'));
  });

  it('ships every icon its manifest names, and the toolbar icon for listed papers', async () => {
    const missing = await ext.serviceWorker.evaluate(async () => {
      const manifest = (await (await fetch('/manifest.json')).json()) as {
        icons?: Record<string, string>;
        action?: { default_icon?: Record<string, string> };
      };
      const paths = [
        ...Object.values(manifest.icons ?? {}),
        ...Object.values(manifest.action?.default_icon ?? {}),
        'icon-listed-16.png',
        'icon-listed-32.png',
      ];
      const found = await Promise.all(paths.map(async (path) => ((await fetch(`/${path}`)).ok ? null : path)));
      return paths.length < 7 ? ['(the manifest names too few icons)'] : found.filter((path) => path !== null);
    });
    expect(missing).toEqual([]);
  });

  it('shows in the popup the 114 entries seeded from the bundled list', async () => {
    const popup = await ext.openPopup();
    const count = popup.locator('[data-entry-count]').first();
    // Polled: a popup that follows the database may show a lower count while the first seeding
    // runs. When no count shows, the failure quotes the popup's text (e.g. its error message).
    await expect
      .poll(
        async () =>
          (await count.count())
            ? await count.getAttribute('data-entry-count')
            : `no [data-entry-count]; the popup says: ${await popup.locator('body').innerText()}`,
        { timeout: 15_000 },
      )
      .toBe('114');
    expect(await count.textContent()).toContain('114');
    await screenshot(popup, 'foundation-popup', { colorScheme: 'light' });
    await screenshot(popup, 'foundation-popup', { colorScheme: 'dark' });
  });

  it('serves routed pages, to tabs and the service worker, and blocks every other request', async () => {
    ext.routePages({
      'http://arxiv.org/abs/': { body: '<title>routed by prefix</title>' },
      'https://raw.githubusercontent.com/example/list/HEAD/README.md': { body: '# A list', contentType: 'text/plain; charset=utf-8' },
    });
    const tab = await ext.context.newPage();
    await tab.goto('http://arxiv.org/abs/2303.13375');
    expect(await tab.title()).toBe('routed by prefix');
    await expect(tab.goto('https://example.com/')).rejects.toThrow(ext.browserName === 'chromium' ? /ERR_INTERNET_DISCONNECTED/ : /NS_ERROR/);
    const fetched = await ext.serviceWorker.evaluate(async () => (await fetch('https://raw.githubusercontent.com/example/list/HEAD/README.md')).text());
    expect(fetched).toBe('# A list');
    await tab.close();
  });
});
