/**
 * "No entry in the list has arXiv:2101.00001." under the popup's search box when a pasted
 * identifier matches no paper, with a link to the paper's own page (arXiv, doi.org, PubMed, PMC)
 * so the paste is not a dead end. Not "the paper is not in the list": an entry may name the same
 * paper by another identifier (a PMID pasted, the list links its arXiv abstract).
 */
import { parseHttpUrl } from '../lib/ids';
import { bareHost } from '../lib/ids/url';

export interface NotInListProps {
  /** The identifier as named to the user ("arXiv:2101.00001", "DOI 10.1038/…"): lib/ids identityLabel. */
  label: string;
  /** The identifier's page (lib/search/paste parsePastedIdentifier); linked only when http(s). */
  url: string;
}

export function NotInList({ label, url }: NotInListProps) {
  const page = parseHttpUrl(url);
  return (
    <p class="notice">
      <span data-lookup="missing">No entry in the list has {label}; it may be listed under another identifier.</span>
      {page && (
        <>
          {' '}
          <a class="lookup-link" href={page.href} target="_blank" rel="noopener noreferrer" data-lookup-link>
            Open it on {bareHost(page)}
          </a>
        </>
      )}
    </p>
  );
}
