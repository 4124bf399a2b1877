/**
 * Which E2E specs run in which browser: the one place that says so. A spec not named here runs
 * in both Chromium and Firefox. Name a spec only with the reason it cannot run in a browser.
 */
import type { BrowserName } from './harness';

const BOTH: readonly BrowserName[] = ['chromium', 'firefox'];

export const SPEC_BROWSERS: Readonly<Record<string, { browsers: readonly BrowserName[]; why: string }>> = {};

/** The browsers a spec file (by its name, e.g. `badge.e2e.ts`) runs in. */
export function browsersFor(specFile: string): readonly BrowserName[] {
  return SPEC_BROWSERS[specFile]?.browsers ?? BOTH;
}

/** The spec files (names) that do not run in `browser`, for the test runner's exclude list. */
export function specsSkippedIn(browser: BrowserName): string[] {
  return Object.keys(SPEC_BROWSERS).filter((file) => !browsersFor(file).includes(browser));
}
