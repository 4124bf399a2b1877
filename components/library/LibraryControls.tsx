import { useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { categoryLeaf } from '../../lib/categories';
import { READING_STATUSES, STATUS_LABELS } from '../../lib/readingStatus';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/formats/exportFile';
import {
  NOT_IN_ANY_LIST,
  type LibraryFilters,
  type LibrarySort,
  type SavedWithin,
} from '../../lib/library/view';
import type { ListInfo, ReadingStatus } from '../../lib/types';

const SORT_LABELS: Record<LibrarySort, string> = {
  relevance: 'Best match',
  added: 'Recently saved',
  updated: 'Recently updated',
  title: 'Title (A–Z)',
  year: 'Year (newest)',
};

const WITHIN_LABELS: Record<SavedWithin, string> = { week: 'Past week', month: 'Past month', year: 'Past year' };

export interface LibraryFilterBarProps {
  inputRef?: Ref<HTMLInputElement>;
  query: string;
  filters: LibraryFilters;
  sort: LibrarySort;
  tags: readonly string[];
  categories: readonly string[];
  lists: readonly ListInfo[];
  onQuery: (query: string) => void;
  onFilters: (filters: LibraryFilters) => void;
  onSort: (sort: LibrarySort) => void;
}

function orUndefined<T extends string>(value: string): T | undefined {
  return value === '' ? undefined : (value as T);
}

interface FilterChoice {
  value: string;
  label: string;
  title?: string;
}

interface FilterSelectProps {
  label: string;
  name: string;
  value: string | undefined;
  /** The first option's text; it clears the filter. */
  anyLabel?: string;
  choices: readonly FilterChoice[];
  onChange: (value: string) => void;
}

/** One labelled filter dropdown whose first option ("Any") clears the filter (value ""). */
function FilterSelect(props: FilterSelectProps) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      <select name={props.name} value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{props.anyLabel ?? 'Any'}</option>
        {props.choices.map((c) => (
          <option value={c.value} key={c.value} title={c.title}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search box, filters (status, tag, category, list, saved date, starred) and sort order. */
export function LibraryFilterBar(props: LibraryFilterBarProps) {
  const { query, filters, sort, tags, categories, lists, onFilters } = props;
  const set = (patch: Partial<LibraryFilters>) => onFilters({ ...filters, ...patch });
  return (
    <div class="filter-bar">
      <label class="search">
        <span class="visually-hidden">Search the reading list</span>
        <input
          ref={props.inputRef}
          type="search"
          name="q"
          placeholder="Search titles, authors, tags, notes…"
          aria-keyshortcuts="/"
          value={query}
          onInput={(e) => props.onQuery(e.currentTarget.value)}
        />
        {query === '' && (
          <kbd class="search-key" aria-hidden="true">
            /
          </kbd>
        )}
      </label>
      <div class="filters" role="group" aria-label="Filters">
        <FilterSelect
          label="Status"
          name="status-filter"
          value={filters.status}
          choices={READING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          onChange={(value) => set({ status: orUndefined<ReadingStatus>(value) })}
        />
        <FilterSelect
          label="Tag"
          name="tag-filter"
          value={filters.tag}
          choices={tags.map((t) => ({ value: t, label: t }))}
          onChange={(value) => set({ tag: orUndefined(value) })}
        />
        <FilterSelect
          label="Category"
          name="category-filter"
          value={filters.category}
          choices={categories.map((c) => ({ value: c, label: categoryLeaf(c), title: c }))}
          onChange={(value) => set({ category: orUndefined(value) })}
        />
        <FilterSelect
          label="List"
          name="list-filter"
          value={filters.list}
          choices={[...lists.map((l) => ({ value: l.id, label: l.name })), { value: NOT_IN_ANY_LIST, label: 'Not in any list' }]}
          onChange={(value) => set({ list: orUndefined(value) })}
        />
        <FilterSelect
          label="Saved"
          name="saved-filter"
          anyLabel="Any time"
          value={filters.savedWithin}
          choices={(Object.keys(WITHIN_LABELS) as SavedWithin[]).map((w) => ({ value: w, label: WITHIN_LABELS[w] }))}
          onChange={(value) => set({ savedWithin: orUndefined<SavedWithin>(value) })}
        />
        <label class="field field-check">
          <input type="checkbox" name="starred-filter" checked={filters.starredOnly ?? false} onChange={(e) => set({ starredOnly: e.currentTarget.checked || undefined })} />
          <span>Starred</span>
        </label>
        <label class="field">
          <span class="field-label">Sort</span>
          <select name="sort" value={sort} onChange={(e) => props.onSort(e.currentTarget.value as LibrarySort)}>
            {(Object.keys(SORT_LABELS) as LibrarySort[])
              .filter((s) => s !== 'relevance' || query.trim() !== '')
              .map((s) => (
                <option value={s} key={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
          </select>
        </label>
      </div>
    </div>
  );
}

export interface BulkBarProps {
  count: number;
  onStatus: (status: ReadingStatus) => void;
  onAddTag: (tag: string) => void;
  onRemoveTag: (tag: string) => void;
  onRemove: () => void;
  onClear: () => void;
  /** Sends the selected papers to Zotero. */
  onSendToZotero: () => void;
  sendingToZotero?: boolean;
  tagSuggestionsId: string;
}

/** Actions on the selected papers: status, tags, removal (export is in the export bar). */
export function BulkBar({ count, onStatus, onAddTag, onRemoveTag, onRemove, onClear, onSendToZotero, sendingToZotero = false, tagSuggestionsId }: BulkBarProps) {
  const [tag, setTag] = useState('');
  const withTag = (act: (tag: string) => void) => {
    const t = tag.trim();
    if (t === '') return;
    act(t);
    setTag('');
  };
  return (
    <div class="bulk-bar" role="group" aria-label="Selected papers">
      <strong class="bulk-count">{count.toLocaleString('en')} selected</strong>
      <label class="field">
        <span class="visually-hidden">Set the status of the selected papers</span>
        <select
          name="bulk-status"
          value=""
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value) onStatus(value as ReadingStatus);
            e.currentTarget.value = '';
          }}
        >
          <option value="">Set status…</option>
          {READING_STATUSES.map((s) => (
            <option value={s} key={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <span class="bulk-tag">
        <input
          type="text"
          name="bulk-tag"
          list={tagSuggestionsId}
          placeholder="Tag"
          aria-label="Tag for the selected papers"
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              withTag(onAddTag);
            }
          }}
        />
        <button type="button" onClick={() => withTag(onAddTag)}>
          Add tag
        </button>
        <button type="button" onClick={() => withTag(onRemoveTag)}>
          Remove tag
        </button>
      </span>
      <button type="button" data-action="send-to-zotero" aria-busy={sendingToZotero} disabled={sendingToZotero} onClick={onSendToZotero}>
        {sendingToZotero ? 'Sending…' : `Send ${count.toLocaleString('en')} to Zotero`}
      </button>
      <button type="button" class="danger" onClick={onRemove}>
        Remove {count.toLocaleString('en')}
      </button>
      <button type="button" class="link-button" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}

export interface TransferBarProps {
  /** What an export writes: the selection when there is one, else the whole list. */
  scope: { selected: boolean; count: number };
  onExport: (format: ExportFormat) => void;
  onImport: (file: File) => void;
  importing: boolean;
}

/** Export (BibTeX, RIS, CSL-JSON, CSV, Markdown, JSON backup) and import (JSON backup, BibTeX). */
export function TransferBar({ scope, onExport, onImport, importing }: TransferBarProps) {
  const [fileInput, setFileInput] = useState<HTMLInputElement | null>(null);
  const count = scope.count.toLocaleString('en');
  const what = scope.selected ? `${count} selected` : scope.count === 1 ? 'the saved paper' : `all ${count} saved papers`;
  return (
    <div class={`transfer-bar${scope.count === 0 ? ' is-bare' : ''}`}>
      {scope.count > 0 && (
        <div class="export" role="group" aria-label={`Export ${what}`}>
          <span class="transfer-label">Export {what}:</span>
          {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
            <button type="button" key={format} data-export={format} onClick={() => onExport(format)}>
              {EXPORT_FORMATS[format].label}
            </button>
          ))}
        </div>
      )}
      <div class="import">
        <input
          ref={setFileInput}
          class="visually-hidden"
          type="file"
          name="import"
          accept=".json,.bib,.bibtex,application/json,application/x-bibtex"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onImport(file);
          }}
        />
        <button type="button" disabled={importing} aria-busy={importing} onClick={() => fileInput?.click()}>
          {importing ? 'Importing…' : 'Import…'}
        </button>
        <span class="transfer-hint">JSON backup or BibTeX (Zotero, Paperpile)</span>
      </div>
    </div>
  );
}
