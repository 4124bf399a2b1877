/**
 * The popup's "This tab" on a page that lists papers ("7 listed papers on this page", each with
 * Save) and on a paper page whose references Lantern read ("Cites 7 papers from the list"; on an
 * unlisted paper "Not in the list · cites 7 papers from it" and, for lists on GitHub, "Suggest it
 * to the list"). Pure view.
 */
import type { ListedHit } from '../lib/listing/hit';
import { MARK_CAP } from '../lib/listing/marks';
import { citesFromList, listedOnPage } from '../lib/listing/summary';
import { categoryLeaf } from '../lib/categories';
import { SaveToggle } from './SaveToggle';
import { RemovalNote, type Removal } from './RemovalNote';

export interface ListedOnTabProps {
  listed: readonly ListedHit[];
  cites: readonly ListedHit[];
  /** Whether the tab's own paper is listed (then "This tab" shows it above), unknown for a listing page. */
  paperListed?: boolean;
  /** The new-issue URL of "Suggest it to the list", when it is offered. */
  suggestUrl?: string;
  /** The page has more than Lantern marks (the background's record of the tab says so). */
  capped?: boolean;
  busyIds: ReadonlySet<string>;
  onToggleSave: (hit: ListedHit) => void;
  /** "Remove?" or "Removed · Undo" under a paper's Save, if any (components/RemovalNote.tsx). */
  removal?: (hit: ListedHit) => Removal | undefined;
}

type HitListProps = Pick<ListedOnTabProps, 'busyIds' | 'onToggleSave' | 'removal'> & { hits: readonly ListedHit[]; label: string };

function HitList({ hits, busyIds, onToggleSave, removal, label }: HitListProps) {
  return (
    <ul class="listed-items" aria-label={label}>
      {hits.map((hit) => (
        <li key={hit.id} class="listed-item" data-paper-id={hit.id} data-status={hit.status}>
          <span class="listed-title" title={hit.title}>
            {hit.title}
          </span>
          <SaveToggle saved={hit.status !== 'none'} busy={busyIds.has(hit.id)} onToggle={() => onToggleSave(hit)} title={hit.title} />
          {(hit.categories[0] || hit.isNew) && (
            <span class="listed-meta">
              {hit.isNew && <span class="listed-new">New</span>}
              {hit.categories[0] && (
                <span class="listed-category" title={hit.categories[0]}>
                  {categoryLeaf(hit.categories[0])}
                </span>
              )}
            </span>
          )}
          <ListedRemoval hit={hit} removal={removal} />
        </li>
      ))}
    </ul>
  );
}

function ListedRemoval({ hit, removal }: { hit: ListedHit; removal: ListedOnTabProps['removal'] }) {
  const note = removal?.(hit);
  return note ? <RemovalNote removal={note} title={hit.title} /> : null;
}

export function ListedOnTab({ listed, cites, paperListed, suggestUrl, capped, busyIds, onToggleSave, removal }: ListedOnTabProps) {
  if (listed.length === 0 && cites.length === 0) return null;
  return (
    <section class="listed-on-tab" aria-labelledby="listed-on-tab-heading">
      {listed.length > 0 && (
        <>
          <h2 class="section-heading" id="listed-on-tab-heading" data-listed-count={listed.length}>
            {listedOnPage(listed.length)}
          </h2>
          {capped && (
            <p class="notice" data-capped>
              Lantern stopped at {MARK_CAP.toLocaleString('en')} marks on this page: the rest are not marked.
            </p>
          )}
          <HitList hits={listed} busyIds={busyIds} onToggleSave={onToggleSave} removal={removal} label="Listed papers on this page" />
        </>
      )}
      {cites.length > 0 && (
        <>
          <h2 class="section-heading" id={listed.length > 0 ? undefined : 'listed-on-tab-heading'} data-cites-count={cites.length}>
            {citesFromList(cites.length, paperListed)}
          </h2>
          {suggestUrl && (
            <p class="suggest">
              <a class="suggest-link" href={suggestUrl} target="_blank" rel="noopener noreferrer" data-suggest>
                Suggest it to the list
              </a>
            </p>
          )}
          <HitList hits={cites} busyIds={busyIds} onToggleSave={onToggleSave} removal={removal} label="Listed papers it cites" />
        </>
      )}
    </section>
  );
}
