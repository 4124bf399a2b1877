import { categoryLeaf } from '../lib/popup/present';

export interface CategoryCount {
  category: string;
  count: number;
}

/** The list's categories with their entry counts; clicking one filters to it. */
export function CategoryChips({ counts, onPick }: { counts: readonly CategoryCount[]; onPick: (category: string) => void }) {
  if (counts.length === 0) return null;
  return (
    <section class="chips-section" aria-labelledby="categories-heading">
      <h2 class="section-heading" id="categories-heading">
        Categories
      </h2>
      <ul class="chips">
        {counts.map(({ category, count }) => (
          <li key={category}>
            <button type="button" class="chip" title={category} data-category={category} onClick={() => onPick(category)}>
              <span class="chip-name">{categoryLeaf(category)}</span>
              <span class="chip-count" aria-label={`${count} papers`}>
                {count}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
