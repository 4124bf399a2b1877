/**
 * Figures measured inside a page reach the bench through the console: the page calls
 * `console.debug('lantern-bench', name, value)` and the bench waits for that message. Waiting
 * with `page.waitForFunction` or `page.evaluate` instead would make Playwright inject its utility
 * script into the page (a ~330 kB evaluation, 10–25 ms here) right after the load event, inside
 * the very window being measured.
 */
import type { ConsoleMessage, Page } from 'playwright-core';

/** The console message's first word, so the page's own logging is never read as a figure. */
export const SIGNAL_TAG = 'lantern-bench';

/**
 * The value the page reports under `name` (the rest of the message, as text). Call it before
 * the navigation that reports it. Rejects after `timeout` ms, naming the page.
 */
export function pageSignal(page: Page, name: string, timeout = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const onConsole = (message: ConsoleMessage) => {
      const [tag, key, ...value] = message.text().split(' ');
      if (tag !== SIGNAL_TAG || key !== name) return;
      clearTimeout(timer);
      page.off('console', onConsole);
      resolve(value.join(' '));
    };
    const timer = setTimeout(() => {
      page.off('console', onConsole);
      reject(new Error(`${page.url()} reported no ${name} in ${timeout} ms`));
    }, timeout);
    page.on('console', onConsole);
  });
}
