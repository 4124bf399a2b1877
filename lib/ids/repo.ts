import { bareHost, parseHttpUrl, pathSegments, type UrlParts } from './url';

/**
 * First path segments on github.com that are site pages, not users or organizations: the ones a
 * paper list links to or a reader lands on. Written here rather than taken from the
 * github-reserved-names package, whose full list (about 3.8 kB) would not fit in the content
 * script's size budget, which recognizes code pages with it.
 */
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'contact', 'customer-stories', 'codespaces', 'dashboard', 'enterprise',
  'events', 'explore', 'features', 'issues', 'join', 'login', 'logout', 'marketplace', 'new', 'notifications',
  'orgs', 'organizations', 'pricing', 'pulls', 'readme', 'search', 'security', 'settings', 'site', 'sponsors',
  'stars', 'team', 'topics', 'trending', 'users', 'watching',
]);
const GITHUB_OWNER = /^[a-z\d](?:[a-z\d-]{0,38})$/i;
const REPO_NAME = /^[\w.-]+$/;

/** First path segments on huggingface.co that are site pages, not users or organizations. */
const HF_RESERVED = new Set([
  'api', 'blog', 'chat', 'collections', 'docs', 'enterprise', 'join', 'learn', 'login', 'models', 'organizations',
  'papers', 'posts', 'pricing', 'privacy', 'search', 'settings', 'tasks', 'terms-of-service',
]);
const HF_KINDS = new Set(['datasets', 'spaces']);

/** Whether `segment`, the first segment of a github.com path, names a GitHub page rather than an owner. */
export function isGitHubSitePage(segment: string): boolean {
  return GITHUB_RESERVED.has(segment.toLowerCase());
}

function githubRepo(segments: string[]): string | undefined {
  const [owner, name] = segments;
  if (!owner || !name || isGitHubSitePage(owner) || !GITHUB_OWNER.test(owner)) return undefined;
  const repo = name.replace(/\.git$/i, '');
  if (!REPO_NAME.test(repo) || repo === '.' || repo === '..') return undefined;
  return `github.com/${owner}/${repo}`.toLowerCase();
}

function huggingFaceRepo(segments: string[]): string | undefined {
  const kind = HF_KINDS.has(segments[0] ?? '') ? segments[0] : undefined;
  const [owner, name] = kind ? segments.slice(1) : segments;
  if (!owner || !name || (!kind && HF_RESERVED.has(owner.toLowerCase()))) return undefined;
  if (!REPO_NAME.test(owner) || !REPO_NAME.test(name)) return undefined;
  return (kind ? `huggingface.co/${kind}/${owner}/${name}` : `huggingface.co/${owner}/${name}`).toLowerCase();
}

/**
 * The code repository ("github.com/owner/name", "huggingface.co/…") a GitHub or Hugging Face address names, lower-cased. Undefined for anything else.
 * `knownHost`: the URL's bareHost, when the caller has it (idsFromUrls runs every detector on one link).
 */
export function repoFromUrl(raw: string | UrlParts, knownHost?: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const host = knownHost ?? bareHost(url);
  if (host === 'github.com' || host === 'raw.githubusercontent.com') return githubRepo(pathSegments(url));
  if (host === 'huggingface.co' || host === 'hf.co') return huggingFaceRepo(pathSegments(url));
  return undefined;
}
