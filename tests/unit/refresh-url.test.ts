import { describe, expect, it } from 'vitest';
import { hostPermissionToGiveBack, normalizeListUrl } from '../../lib/refresh/url';

function ok(input: string) {
  const result = normalizeListUrl(input);
  if (!result.ok) throw new Error(`expected ${input} to be accepted: ${result.error}`);
  return result;
}

describe('normalizeListUrl', () => {
  it('finds the README of a GitHub repository, on its default branch', () => {
    for (const input of [
      'https://github.com/kaushikb11/awesome-llm-agents',
      'https://github.com/kaushikb11/awesome-llm-agents/',
      'https://github.com/kaushikb11/awesome-llm-agents.git',
      'https://github.com/kaushikb11/awesome-llm-agents#readme',
      'github.com/kaushikb11/awesome-llm-agents',
      'https://github.com./kaushikb11/awesome-llm-agents',
      'http://www.github.com/kaushikb11/awesome-llm-agents?tab=readme-ov-file',
    ]) {
      const result = ok(input);
      expect(result.url, input).toBe('https://raw.githubusercontent.com/kaushikb11/awesome-llm-agents/HEAD/README.md');
      expect(result.id).toBe('kaushikb11/awesome-llm-agents');
      expect(result.needsPermission).toBe(false);
    }
  });

  it('turns a GitHub file or folder URL into its raw file', () => {
    expect(ok('https://github.com/owner/lists/blob/main/docs/medicine.md').url).toBe(
      'https://raw.githubusercontent.com/owner/lists/main/docs/medicine.md',
    );
    expect(ok('https://github.com/owner/lists/raw/v2/README.md').url).toBe('https://raw.githubusercontent.com/owner/lists/v2/README.md');
    expect(ok('https://github.com/owner/lists/tree/dev/sub').url).toBe('https://raw.githubusercontent.com/owner/lists/dev/sub/README.md');
    expect(ok('https://github.com/owner/lists/blob/main/docs/medicine.md').id).toBe('owner/lists/docs/medicine.md');
  });

  it('keeps raw markdown URLs, asking for a permission only off the default host', () => {
    const raw = ok('https://raw.githubusercontent.com/mingze-yuan/Awesome-LLM-Healthcare/main/README.md');
    expect(raw.url).toBe('https://raw.githubusercontent.com/mingze-yuan/Awesome-LLM-Healthcare/main/README.md');
    expect(raw.needsPermission).toBe(false);

    const elsewhere = ok('https://lists.example.org/ai/medicine.md#top');
    expect(elsewhere.url).toBe('https://lists.example.org/ai/medicine.md');
    expect(elsewhere.needsPermission).toBe(true);
    expect(elsewhere.origin).toBe('https://lists.example.org/*');
    expect(elsewhere.id).toBe('lists.example.org/ai/medicine.md');
  });

  it('is idempotent: a normalized URL normalizes to itself and the same list id', () => {
    for (const input of [
      'https://github.com/owner/lists',
      'https://github.com/owner/lists/blob/main/docs/medicine.md',
      'https://github.com/owner/lists/tree/dev/sub',
      'https://github.com/owner/lists/tree/dev',
      'https://github.com/owner/lists/blob/main/README.md',
      'https://lists.example.org/ai/medicine.md',
    ]) {
      const once = ok(input);
      const twice = ok(once.url);
      expect(twice.url, input).toBe(once.url);
      expect(twice.id, input).toBe(once.id);
    }
    // A branch does not make another list: the same README under main or HEAD is one list.
    expect(ok('https://raw.githubusercontent.com/owner/lists/main/README.md').id).toBe('owner/lists');
    expect(ok('https://github.com/owner/lists/blob/main/README.md').id).toBe('owner/lists');
  });

  it('refuses what cannot be a list, in plain words', () => {
    for (const input of [
      '',
      '   ',
      'not a url at all',
      'ftp://example.org/list.md',
      'javascript:alert(1)',
      'https://user:pw@example.org/list.md',
      'https://github.com/kaushikb11',
      'https://github.com/orgs/openai/repositories',
      'https://github.com/sponsors/kaushikb11',
      'https://github.com/SPONSORS/kaushikb11',
      'https://github.com/owner/repo/issues/4',
      'https://raw.githubusercontent.com/owner/repo',
      'https://example.org/',
      'http://lists.example.org/ai/medicine.md',
    ]) {
      const result = normalizeListUrl(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('says a word typed is not a web address, and shows what one looks like', () => {
    for (const input of ['not_a_url', 'awesome-llm-medicine', 'not a url at all']) {
      expect(normalizeListUrl(input), input).toEqual({ ok: false, error: expect.stringMatching(/^That is not a web address\. Paste .*https:\/\/github\.com\/owner\/awesome-list/) });
    }
    expect(normalizeListUrl('https://example.org/')).toEqual({ ok: false, error: expect.stringMatching(/names a site, not a list file/) });
  });

  it('follows a list on the reader’s own network when its address is written whole', () => {
    expect(ok('https://intranet/lists/medicine.md')).toMatchObject({ id: 'intranet/lists/medicine.md', origin: 'https://intranet/*', needsPermission: true });
    expect(ok('https://localhost:8443/medicine.md')).toMatchObject({ url: 'https://localhost:8443/medicine.md', origin: 'https://localhost/*', name: 'medicine.md' });
    expect(ok('https://localhost:9443/medicine.md').id).toBe('localhost:9443/medicine.md');
    expect(normalizeListUrl('localhost:8443/medicine.md')).toEqual({
      ok: false,
      error: 'That is not a web address. If the list is on your own network, write its whole address: https://localhost:8443/medicine.md.',
    });
    expect(ok('lists.example.org:8443/medicine.md').url).toBe('https://lists.example.org:8443/medicine.md');
    expect(normalizeListUrl('intranet/lists/medicine.md')).toEqual({
      ok: false,
      error: 'That is not a web address. If the list is on your own network, write its whole address: https://intranet/lists/medicine.md.',
    });
  });

  it('asks for a permission everywhere but the default host, whatever the scheme given', () => {
    expect(ok('http://raw.githubusercontent.com/owner/lists/main/README.md').needsPermission).toBe(false);
    expect(ok('https://raw.githubusercontent.com.evil.example/owner/lists/main/README.md').needsPermission).toBe(true);
  });
});

describe('hostPermissionToGiveBack', () => {
  const ELSEWHERE = 'https://lists.example.org/ai/medicine.md';

  it('gives back the host a removed list was the last to read from', () => {
    expect(hostPermissionToGiveBack(ELSEWHERE, ['https://raw.githubusercontent.com/owner/lists/HEAD/README.md'])).toBe('https://lists.example.org/*');
    expect(hostPermissionToGiveBack(ELSEWHERE, [])).toBe('https://lists.example.org/*');
  });

  it('keeps a host another list still reads from, and never gives back the manifest’s own', () => {
    expect(hostPermissionToGiveBack(ELSEWHERE, ['https://lists.example.org/other.md'])).toBeUndefined();
    expect(hostPermissionToGiveBack('https://raw.githubusercontent.com/owner/lists/HEAD/README.md', [])).toBeUndefined();
    expect(hostPermissionToGiveBack('not a url', [])).toBeUndefined();
  });
});
