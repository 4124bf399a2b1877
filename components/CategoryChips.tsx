import { categoryLabel } from '../lib/categories';
import type { CategoryProgress } from '../lib/progress';

export interface CategoryCount {
  category: string;
  count: number;
}

function progressLabel(count: number, p: CategoryProgress | undefined): string {
  const papers = `${count} papers`;
  if (!p || p.saved === 0) return papers;
  return `${papers}: ${p.read} read, ${p.reading} reading, ${p.saved} saved`;
}

/**
 * The list's categories with their entry counts; clicking one filters to it. With `progress`,
 * a category with saved papers shows how many of its papers are read ("3 of 12 read") and
 * carries the figures as data attributes. A category named like a list shows its parent
 * (`listNames`, lib/categories.ts categoryLabel).
 */
export function CategoryChips({
  counts,
  progress,
  listNames = [],
  onPick,
}: {
  counts: readonly CategoryCount[];
  progress?: ReadonlyMap<string, CategoryProgress> | undefined;
  listNames?: readonly string[];
  onPick: (category: string) => void;
}) {
  if (counts.length === 0) return null;
  return (
    <section class="chips-section" aria-labelledby="categories-heading">
      <h2 class="section-heading" id="categories-heading">
        Categories
      </h2>
      <ul class="chips">
        {counts.map(({ category, count }) => {
          const p = progress?.get(category);
          const started = p !== undefined && p.saved > 0;
          return (
            <li key={category}>
              <button
                type="button"
                class={`chip${started ? ' is-started' : ''}`}
                title={category}
                data-category={category}
                {...(p && { 'data-read': p.read, 'data-reading': p.reading, 'data-saved': p.saved, 'data-total': p.total })}
                onClick={() => onPick(category)}
              >
                <span class="chip-name">{categoryLabel(category, listNames)}</span>
                <span class="chip-count" aria-label={progressLabel(count, p)}>
                  {started ? `${p.read} of ${count} read` : count}
                </span>
                {started && (
                  <span class="chip-progress" aria-hidden="true">
                    <span class="is-read" style={{ width: `${(p.read / Math.max(1, p.total)) * 100}%` }} />
                    <span class="is-reading" style={{ width: `${(p.reading / Math.max(1, p.total)) * 100}%` }} />
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
