import type { ListChoice, PopupFilters, SortOrder } from '../lib/popup/filters';

export interface FiltersProps {
  filters: PopupFilters;
  sort: SortOrder;
  categories: readonly string[];
  years: readonly number[];
  /** The enabled lists; the list filter shows only when there is a choice. */
  lists: readonly ListChoice[];
  onChange: (filters: PopupFilters) => void;
  onSort: (sort: SortOrder) => void;
}

function yearValue(v: string): number | undefined {
  return v === '' ? undefined : Number(v);
}

/**
 * List (with several enabled), category, year range, has code, saved only, and sort order. A
 * category is named by its whole path ("Valuable Resources › Related Surveys › LLMs in
 * Medicine"), which ends as the chips and cards name it (lib/categories.ts categoryLabel).
 */
export function Filters({ filters, sort, categories, years, lists, onChange, onSort }: FiltersProps) {
  return (
    <fieldset class="filters" aria-label="Filters">
      {lists.length > 1 && (
        <div class="filters-row">
          <label class="field field-grow">
            <span class="field-label">List</span>
            <select
              name="list"
              value={filters.listId ?? ''}
              onChange={(e) => onChange({ ...filters, listId: e.currentTarget.value || undefined })}
            >
              <option value="">All lists</option>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div class="filters-row">
        <label class="field field-grow">
          <span class="field-label">Category</span>
          <select
            name="category"
            value={filters.category ?? ''}
            onChange={(e) => onChange({ ...filters, category: e.currentTarget.value || undefined })}
          >
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">Sort</span>
          <select name="sort" value={sort} onChange={(e) => onSort(e.currentTarget.value as SortOrder)}>
            <option value="relevance">Relevance</option>
            <option value="date">Newest</option>
          </select>
        </label>
      </div>
      <div class="filters-row">
        <YearSelect label="From" name="yearFrom" value={filters.yearFrom} years={years} onChange={(yearFrom) => onChange({ ...filters, yearFrom })} />
        <YearSelect label="To" name="yearTo" value={filters.yearTo} years={years} onChange={(yearTo) => onChange({ ...filters, yearTo })} />
        <label class="check">
          <input
            type="checkbox"
            name="hasCode"
            checked={filters.hasCode}
            onChange={(e) => onChange({ ...filters, hasCode: e.currentTarget.checked })}
          />
          Has code
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="savedOnly"
            checked={filters.savedOnly}
            onChange={(e) => onChange({ ...filters, savedOnly: e.currentTarget.checked })}
          />
          Saved
        </label>
      </div>
    </fieldset>
  );
}

interface YearSelectProps {
  label: string;
  name: 'yearFrom' | 'yearTo';
  value: number | undefined;
  years: readonly number[];
  onChange: (year: number | undefined) => void;
}

/** One end of the year range: "Any" or one of the years the list holds. */
function YearSelect({ label, name, value, years, onChange }: YearSelectProps) {
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <select name={name} value={value ?? ''} onChange={(e) => onChange(yearValue(e.currentTarget.value))}>
        <option value="">Any</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}
