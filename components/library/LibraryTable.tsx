import { useEffect, useRef } from 'preact/hooks';
import { categoryLeaf } from '../../lib/categories';
import { venueAndDate } from '../../lib/paperDisplay';
import { isHttpUrl } from '../../lib/ids/url';
import { displayAuthors } from '../../lib/names';
import type { SavedPatch } from '../../lib/db/readingList';
import { formatDay, type LibraryRow } from '../../lib/library/view';
import { READING_STATUSES, STATUS_LABELS } from '../../lib/readingStatus';
import type { SavedItem } from '../../lib/types';
import { NoteEditor } from './NoteEditor';
import { CarryActions } from '../CarryActions';
import type { CitationFormat } from '../../lib/formats/citation';
import { TagEditor } from './TagEditor';

export interface LibraryTableProps {
  rows: readonly LibraryRow[];
  /** How many rows match (the table may show fewer). */
  total: number;
  selected: ReadonlySet<string>;
  /** How many of the matching rows are selected. */
  selectedMatching: number;
  /** List id → name, for "In LLMs in Medicine". */
  listNames: ReadonlyMap<string, string>;
  tagSuggestionsId: string;
  onSelect: (id: string, selected: boolean) => void;
  /** Selects (or clears) every matching row, not only the ones shown. */
  onSelectAll: (selected: boolean) => void;
  /** Resolves whether the change was saved (the page says why not). */
  onPatch: (id: string, patch: SavedPatch) => Promise<boolean>;
  /** A note as it is being typed, before onPatch saves it. */
  onNoteDraft?: (id: string, note: string, base: string) => void;
  onRemove: (items: SavedItem[]) => void;
  /** Papers Zotero has confirmed. */
  inZotero: ReadonlySet<string>;
  /** Papers being sent to Zotero now. */
  sending: ReadonlySet<string>;
  onSendToZotero: (item: SavedItem) => void;
  onCopyCitation: (item: SavedItem, format: CitationFormat) => void;
}

function paperLink(item: SavedItem): string | undefined {
  const url = item.paper.url ?? item.paper.links.find((l) => l.kind === 'paper')?.url ?? item.paper.links[0]?.url;
  return url && isHttpUrl(url) ? url : undefined;
}

function SelectAll({ total, selectedCount, onSelectAll }: { total: number; selectedCount: number; onSelectAll: (s: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const all = total > 0 && selectedCount >= total;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selectedCount > 0 && !all;
  }, [selectedCount, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      name="select-all"
      aria-label={`Select all ${total.toLocaleString('en')} matching papers`}
      checked={all}
      disabled={total === 0}
      onChange={(e) => onSelectAll(e.currentTarget.checked)}
    />
  );
}

/** The reading list as a table: one row per saved paper, every field editable in place. */
export function LibraryTable(props: LibraryTableProps) {
  const { rows, total, selectedMatching, onSelectAll } = props;
  return (
    <table class="library-table">
      <caption class="visually-hidden">Saved papers</caption>
      <thead>
        <tr>
          <th scope="col" class="col-select">
            <SelectAll total={total} selectedCount={selectedMatching} onSelectAll={onSelectAll} />
          </th>
          <th scope="col" class="col-paper">Paper</th>
          <th scope="col" class="col-status">Status</th>
          <th scope="col" class="col-tags">Tags</th>
          <th scope="col" class="col-note">Note</th>
          <th scope="col" class="col-star">
            <span class="visually-hidden">Star</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <LibraryRowView key={row.item.id} row={row} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function LibraryRowView({
  row,
  selected,
  listNames,
  tagSuggestionsId,
  onSelect,
  onPatch,
  onNoteDraft,
  onRemove,
  inZotero,
  sending,
  onSendToZotero,
  onCopyCitation,
}: { row: LibraryRow } & LibraryTableProps) {
  const { item, lists } = row;
  const { paper } = item;
  const label = `“${paper.title}”`;
  const href = paperLink(item);
  const byline = [displayAuthors(paper.authorList).trim(), venueAndDate(paper)].filter((part) => part !== '').join(' · ');
  const inLists = lists.map((id) => listNames.get(id) ?? id);
  // With one list followed, naming it on every row says nothing; "not in a followed list" does.
  const showLists = listNames.size > 1 && inLists.length > 0;
  const isSelected = selected.has(item.id);
  return (
    <tr data-paper-id={item.id} class={isSelected ? 'is-selected' : undefined}>
      <td class="col-select">
        <input
          type="checkbox"
          name="select"
          aria-label={`Select ${label}`}
          checked={isSelected}
          onChange={(e) => onSelect(item.id, e.currentTarget.checked)}
        />
      </td>
      <td class="col-paper">
        <div class="paper-title">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {paper.title}
            </a>
          ) : (
            paper.title
          )}
        </div>
        {byline && <div class="paper-byline">{byline}</div>}
        <div class="paper-meta">
          {paper.categories.map((path) => (
            <span class="chip" title={path} key={path}>
              {categoryLeaf(path)}
            </span>
          ))}
          {inLists.length === 0 ? (
            // Not "no longer": the paper may never have been listed (an import, an unlisted page).
            <span class="chip is-gone" data-not-listed="" title="No list you follow holds this paper: it is kept as you saved or imported it">
              not in a followed list
            </span>
          ) : null}
          <span class="saved-at">
            Saved {formatDay(item.addedAt)}
            {showLists && ` · in ${inLists.join(', ')}`}
          </span>
          <button type="button" class="link-button remove-one" aria-label={`Remove ${label}`} onClick={() => onRemove([item])}>
            Remove
          </button>
        </div>
        <CarryActions
          inZotero={inZotero.has(item.id)}
          sending={sending.has(item.id)}
          title={paper.title}
          onSend={() => onSendToZotero(item)}
          onCopy={(format) => onCopyCitation(item, format)}
        />
      </td>
      <td class="col-status">
        <select
          name="status"
          aria-label={`Status of ${label}`}
          value={item.status}
          data-status={item.status}
          onChange={(e) => onPatch(item.id, { status: e.currentTarget.value as SavedItem['status'] })}
        >
          {READING_STATUSES.map((status) => (
            <option value={status} key={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <div class="status-since">since {formatDay(item.statusChangedAt)}</div>
      </td>
      <td class="col-tags">
        <TagEditor tags={item.tags} suggestionsId={tagSuggestionsId} label={label} onChange={(tags) => onPatch(item.id, { tags })} />
      </td>
      <td class="col-note">
        <NoteEditor note={item.note} label={label} onSave={(note) => onPatch(item.id, { note })} onDraft={onNoteDraft && ((note, base) => onNoteDraft(item.id, note, base))} />
      </td>
      <td class="col-star">
        <button
          type="button"
          class={`star${item.starred ? ' is-starred' : ''}`}
          aria-pressed={item.starred}
          aria-label={`Star ${label}`}
          title={item.starred ? 'Starred' : 'Star'}
          onClick={() => onPatch(item.id, { starred: !item.starred })}
        >
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24">
            <path
              d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
              fill={item.starred ? 'currentColor' : 'none'}
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linejoin="round"
            />
          </svg>
        </button>
      </td>
    </tr>
  );
}
