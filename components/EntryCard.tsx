import type { Paper, ReadingStatus } from '../lib/types';
import { STATUS_LABELS } from '../lib/readingStatus';
import { categoryLeaf } from '../lib/categories';
import { linkWords, safeLinks, venueAndDate } from '../lib/paperDisplay';
import { displayAuthors } from '../lib/names';
import { Highlight } from './Highlight';
import { SaveToggle } from './SaveToggle';

export interface EntryCardProps {
  paper: Paper;
  saved: boolean;
  /** The saved paper's reading status, shown beside its venue and date. */
  status?: ReadingStatus | undefined;
  /** Added since the user last saw new entries. */
  isNew?: boolean;
  onToggleSave: () => void;
  busy?: boolean;
  /** Query terms to mark in the title and authors. */
  terms?: readonly string[];
  /** Links and the toggle leave the tab order when the card sits inside a listbox option. */
  inListbox?: boolean;
  /** Clicking a category narrows to it. */
  onCategory?: (category: string) => void;
  /** The title's id, for an option that is named by it. */
  titleId?: string;
}

/** One paper: title, authors, venue and date, categories, links and the save toggle. */
export function EntryCard({ paper, saved, status, isNew = false, onToggleSave, busy, terms = [], inListbox = false, onCategory, titleId }: EntryCardProps) {
  const tabIndex = inListbox ? -1 : undefined;
  const meta = venueAndDate(paper);
  const authors = displayAuthors(paper.authorList);
  const links = safeLinks(paper.links);
  return (
    <article class="entry">
      <div class="entry-head">
        <h3 class="entry-title" id={titleId}>
          {isNew && (
            <span class="entry-new" data-new-entry title="Added since you last looked">
              New<span class="visually-hidden"> since you last looked:</span>
            </span>
          )}
          <Highlight text={paper.title} terms={terms} />
        </h3>
        <SaveToggle saved={saved} busy={busy} onToggle={onToggleSave} title={paper.title} class="entry-save" />
      </div>
      {authors && (
        <p class="entry-authors">
          <Highlight text={authors} terms={terms} />
        </p>
      )}
      {(meta || paper.categories.length > 0 || links.length > 0 || (saved && status)) && (
        <div class="entry-foot">
          {saved && status && (
            <span class="entry-status" data-reading-status={status}>
              {STATUS_LABELS[status]}
            </span>
          )}
          {meta && <span class="entry-meta">{meta}</span>}
          {paper.categories.map((c) =>
            onCategory ? (
              <button
                type="button"
                key={c}
                class="entry-category"
                tabIndex={tabIndex}
                title={c}
                aria-label={`Only ${categoryLeaf(c)}`}
                data-category={c}
                onClick={(e) => {
                  e.stopPropagation();
                  onCategory(c);
                }}
              >
                {categoryLeaf(c)}
              </button>
            ) : (
              <span key={c} class="entry-category" title={c} data-category={c}>
                {categoryLeaf(c)}
              </span>
            ),
          )}
          {links.map((l) => (
            <a
              key={l.url}
              class={`entry-link kind-${l.kind}`}
              href={l.url}
              target="_blank"
              rel="noopener noreferrer"
              tabIndex={tabIndex}
              onClick={(e) => e.stopPropagation()}
            >
              {linkWords(l, paper)}
            </a>
          ))}
        </div>
      )}
    </article>
  );
}
