/**
 * "Add a list by URL": turns what a user pastes (a GitHub repository, a GitHub file, a raw
 * markdown URL) into the raw markdown URL Lantern fetches, plus a stable list id and the host
 * permission the fetch needs. Pure; never throws.
 */
import { isGitHubSitePage } from '../ids/repo';
import { bareHost } from '../ids/url';

/** The seed list's host, granted in the manifest; every other host is asked for at runtime. */
export const DEFAULT_LIST_HOST = 'raw.githubusercontent.com';

export interface NormalizedListUrl {
  /** The URL to fetch: raw markdown. */
  url: string;
  /** Stable id for the list, derived from the source ("owner/repo", "owner/repo/docs/list.md", "host/path"). */
  id: string;
  /** A name to show until the list's own title is known. */
  name: string;
  /** The match pattern the fetch needs, e.g. "https://example.org/*". */
  origin: string;
  /** Whether the manifest already grants that origin. */
  needsPermission: boolean;
}

export type ListUrlResult = ({ ok: true } & NormalizedListUrl) | { ok: false; error: string };

const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

const NOT_AN_ADDRESS = 'That is not a web address. Paste a GitHub repository’s address (https://github.com/owner/awesome-list) or a markdown file’s.';

function fail(error: string): ListUrlResult {
  return { ok: false, error };
}

function result(url: URL, id: string, name: string): ListUrlResult {
  // No port: Firefox's match patterns refuse one, and Chrome's match every port without it.
  const origin = `${url.protocol}//${url.hostname}/*`;
  return { ok: true, url: url.href, id, name, origin, needsPermission: url.host !== DEFAULT_LIST_HOST };
}

/**
 * A file on raw.githubusercontent.com. Its id ignores the branch: the same README under "main"
 * or "HEAD" is one list, and a repository's root README is the repository itself.
 */
function fromRawGitHub(owner: string, repo: string, ref: string, path: readonly string[]): ListUrlResult {
  const file = path.join('/');
  const url = new URL(`https://${DEFAULT_LIST_HOST}/${owner}/${repo}/${ref}/${file}`);
  const isRootReadme = /^readme\.md$/i.test(file);
  return result(url, (isRootReadme ? `${owner}/${repo}` : `${owner}/${repo}/${file}`).toLowerCase(), isRootReadme ? repo : `${repo}/${file}`);
}

function fromGitHub(parts: string[]): ListUrlResult {
  const [owner, rawRepo, kind, ref, ...path] = parts;
  if (!owner || !rawRepo || isGitHubSitePage(owner)) {
    return fail('That GitHub address is not a repository. Paste a repository URL such as https://github.com/owner/awesome-list.');
  }
  const repo = rawRepo.replace(/\.git$/i, '');
  if (!GITHUB_NAME.test(owner) || !GITHUB_NAME.test(repo)) return fail('That GitHub address has an invalid owner or repository name.');
  // HEAD follows the repository's default branch, whatever it is called.
  if (kind === undefined) return fromRawGitHub(owner, repo, 'HEAD', ['README.md']);
  if ((kind === 'blob' || kind === 'raw') && ref && path.length > 0) return fromRawGitHub(owner, repo, ref, path);
  if (kind === 'tree' && ref) return fromRawGitHub(owner, repo, ref, [...path, 'README.md']);
  return fail('That GitHub address is neither a repository nor a file. Paste the repository URL or the URL of its markdown file.');
}

/** Normalizes a pasted list address; plain-words error when it cannot be a list. */
export function normalizeListUrl(input: string): ListUrlResult {
  const text = input.trim();
  if (text === '') return fail('Paste the address of a list (a GitHub repository or a markdown file).');
  if (text.length > 2048) return fail('That address is too long to be a list’s.');
  // "localhost:8443/list.md" is a host and port, not a scheme.
  const typedScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z0-9.-]+:\d+(?:[/?#]|$)/i.test(text);
  const withScheme = typedScheme ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(NOT_AN_ADDRESS);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('Only web (https) addresses can be followed.');
  if (url.username || url.password) return fail('Addresses with a user name or password are not accepted.');
  url.hash = '';
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);

  // GitHub's addresses are rebuilt in their canonical form: "www." and a trailing dot go.
  const site = bareHost(url);
  if (site === 'github.com') return fromGitHub(parts);
  if (site === DEFAULT_LIST_HOST) {
    const [owner, repo, ref, ...path] = parts;
    if (!owner || !repo || !ref || path.length === 0) return fail('That raw.githubusercontent.com address does not name a file.');
    return fromRawGitHub(owner, repo, ref, path);
  }
  // A name with no dot typed alone ("awesome_list") is a word, not a site; with its scheme it
  // is a site on the reader's own network (https://intranet/…, https://localhost:8443/…).
  if (!typedScheme && !host.includes('.')) {
    return fail(parts.length > 0 ? `That is not a web address. If the list is on your own network, write its whole address: https://${url.host}${url.pathname}.` : NOT_AN_ADDRESS);
  }
  if (parts.length === 0) return fail('That address names a site, not a list file. Paste the URL of the markdown file.');
  // A list is fetched again and again: over plain http anyone on the network could rewrite it.
  if (url.protocol !== 'https:') {
    return fail(`Lantern follows lists over https only, and this address is plain http. If the site serves it, use https://${url.host}${url.pathname}${url.search}.`);
  }
  // The port is part of the list's id: two servers on one machine serve two lists.
  const id = `${url.host}/${parts.join('/')}`.toLowerCase();
  return result(url, id, parts.at(-1)!);
}

/**
 * The host permission to give back when a list is removed: the one its adding asked for, unless
 * the manifest grants it anyway or another followed list still reads from that host. Lists are
 * compared by their source URL (as stored, already normalized).
 *
 * @returns a match pattern such as "https://lists.example.org/*", or undefined when nothing is to be given back.
 */
export function hostPermissionToGiveBack(removedSourceUrl: string, remainingSourceUrls: readonly string[]): string | undefined {
  const removed = normalizeListUrl(removedSourceUrl);
  if (!removed.ok || !removed.needsPermission) return undefined;
  const stillUsed = remainingSourceUrls.some((url) => {
    const other = normalizeListUrl(url);
    return other.ok && other.origin === removed.origin;
  });
  return stillUsed ? undefined : removed.origin;
}
