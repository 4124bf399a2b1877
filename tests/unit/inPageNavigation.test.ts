import { describe, expect, it } from 'vitest';
import { identityAfterNavigation } from '../../lib/inPageNavigation';

const paperA = { url: 'https://arxiv.org/abs/2311.16452', arxiv: '2311.16452', title: 'Paper A' };
// The URL moved to another paper; the document still carries paper A's metadata.
const staleNow = { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001', title: 'Paper A' };
const urlOnly = { url: 'https://arxiv.org/abs/2401.00001', arxiv: '2401.00001' };

describe('identityAfterNavigation', () => {
  it('trusts only the URL right after the navigation', () => {
    expect(identityAfterNavigation('right-after', paperA, staleNow, urlOnly)).toBe(urlOnly);
    expect(identityAfterNavigation('right-after', paperA, staleNow, undefined)).toBeUndefined();
  });

  it('ignores a document that still has the previous page’s title once settled', () => {
    expect(identityAfterNavigation('settled', paperA, staleNow, urlOnly)).toBe(urlOnly);
  });

  it('trusts the document once it has changed', () => {
    const fresh = { url: 'https://github.com/owner/repo', repo: 'github.com/owner/repo', title: 'GitHub - owner/repo' };
    expect(identityAfterNavigation('settled', { url: 'https://github.com/owner', title: 'owner · GitHub' }, fresh, undefined)).toBe(fresh);
  });

  it('trusts the document when it had no title before', () => {
    const now = { url: 'https://example.org/b', title: 'B' };
    expect(identityAfterNavigation('settled', { url: 'https://example.org/a' }, now, undefined)).toBe(now);
  });
});
