/**
 * "Suggest it to the list": a link that opens a new issue on the list's GitHub repository,
 * prefilled with the unlisted paper (title, authors, year, link) and a suggested heading (the
 * category most of its listed references fall in). Only lists hosted on GitHub get one.
 */
import { bareHost, parseHttpUrl } from '../ids/url';
import { plural } from '../words';

export interface SuggestedPaper {
  title: string;
  authors?: readonly string[];
  year?: number;
  url: string;
}

/** GitHub's limit on a URL is about 8 kB; the body is cut well below it. */
const MAX_BODY = 5000;

/** "owner/repo" of a list hosted on GitHub (github.com or raw.githubusercontent.com), else undefined. */
export function githubRepoOfList(sourceUrl: string): string | undefined {
  const url = parseHttpUrl(sourceUrl);
  if (!url || url.protocol !== 'https:') return undefined;
  const host = bareHost(url);
  if (host !== 'github.com' && host !== 'raw.githubusercontent.com') return undefined;
  const [owner, repo] = url.pathname.split('/').filter((s) => s !== '');
  const name = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
  if (!owner || !repo || !name.test(owner) || !/^[A-Za-z0-9._-]{1,100}$/.test(repo)) return undefined;
  return `${owner}/${repo.replace(/\.git$/, '')}`;
}

/** The categories of the cited entries, most cited first (ties in first-seen order). */
export function citedCategories(cites: readonly { categories: readonly string[] }[]): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const hit of cites) for (const category of new Set(hit.categories)) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count);
}

/**
 * The new-issue URL for suggesting `paper` to the list at `sourceUrl`, or undefined when the
 * list is not on GitHub. `cites`: the listed entries the paper's references name.
 */
export function suggestIssueUrl(
  sourceUrl: string,
  paper: SuggestedPaper,
  cites: readonly { title: string; categories: readonly string[] }[],
): string | undefined {
  const repo = githubRepoOfList(sourceUrl);
  if (!repo) return undefined;
  const categories = citedCategories(cites);
  const lines = [
    `**Title:** ${paper.title}`,
    ...(paper.authors && paper.authors.length > 0 ? [`**Authors:** ${paper.authors.slice(0, 20).join(', ')}${paper.authors.length > 20 ? ', et al.' : ''}`] : []),
    ...(paper.year ? [`**Year:** ${paper.year}`] : []),
    `**Link:** ${paper.url}`,
    ...(categories[0] ? [`**Suggested heading:** ${categories[0].category}`] : []),
    '',
    `It cites ${plural(cites.length, 'paper')} from the list:`,
    ...cites.map((hit) => `- ${hit.title}${hit.categories[0] ? ` (${hit.categories[0]})` : ''}`),
  ];
  let body = '';
  for (const line of lines) {
    if (body.length + line.length + 1 > MAX_BODY) {
      body += '- …';
      break;
    }
    body += `${line}\n`;
  }
  const query = new URLSearchParams({ title: `Suggest: ${paper.title}`.slice(0, 250), body: body.trimEnd() });
  return `https://github.com/${repo}/issues/new?${query.toString()}`;
}
