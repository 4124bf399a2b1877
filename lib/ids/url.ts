/** Parses an absolute http(s) URL; anything else (relative, javascript:, data:, garbage) is undefined. */
export function parseHttpUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** Lower-cased host without a leading "www.". */
export function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/** The path's non-empty segments, percent-decoded where that is valid. */
export function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(safeDecode);
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
