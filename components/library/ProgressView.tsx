import { primaryUrl } from '../../lib/paperDisplay';
import type { CategoryProgress } from '../../lib/progress';
import type { LeftGroup, ListProgressView } from '../../lib/progress/data';
import { plural } from '../../lib/words';
import { categoryLeaf, categoryParts } from '../../lib/categories';

function figures(p: CategoryProgress): string {
  return `${p.read.toLocaleString('en')} of ${p.total.toLocaleString('en')} read · ${p.reading.toLocaleString('en')} reading · ${p.saved.toLocaleString('en')} saved`;
}

function NextUnread({ id, view, label }: { id: string | undefined; view: ListProgressView; label: string }) {
  if (id === undefined) return <span class="progress-done">All read</span>;
  const paper = view.papers.get(id);
  const url = paper ? primaryUrl(paper) : undefined;
  const title = paper?.title ?? id;
  // Only http(s) links from the list are rendered (primaryUrl drops anything else).
  return url ? (
    <a class="next-unread" data-action="next-unread" data-paper-id={id} href={url} target="_blank" rel="noopener noreferrer" title={title} aria-label={`${label}: ${title}`}>
      Next unread
    </a>
  ) : (
    <span class="next-unread" data-paper-id={id} title={title}>
      Next unread: {title}
    </span>
  );
}

function Bar({ p }: { p: CategoryProgress }) {
  const part = (n: number) => (p.total === 0 ? 0 : (n / p.total) * 100);
  return (
    <span class="progress-bar" aria-hidden="true">
      <span class="is-read" style={{ width: `${part(p.read)}%` }} />
      <span class="is-reading" style={{ width: `${part(p.reading)}%` }} />
      <span class="is-saved" style={{ width: `${part(p.saved - p.read - p.reading)}%` }} />
    </span>
  );
}

/** Progress through each followed list, category by category in the list's order, and the saved papers that left. */
export function ProgressView({ lists, left }: { lists: readonly ListProgressView[]; left: readonly LeftGroup[] }) {
  const leftCount = left.reduce((n, g) => n + g.papers.length, 0);
  return (
    <div class="progress-view">
      {lists.map((view) => (
        <section class="progress-list" key={view.listId} data-list-id={view.listId} aria-label={`Progress through ${view.name}`}>
          <h2>
            {view.name}
            <span class="progress-overall">{figures(view.overall)}</span>
            <NextUnread id={view.overall.nextUnread} view={view} label={`Next unread in ${view.name}`} />
          </h2>
          <ol class="progress-categories">
            {view.categories.map((p) => (
              <li
                key={p.category}
                data-category={p.category}
                data-read={p.read}
                data-reading={p.reading}
                data-saved={p.saved}
                data-total={p.total}
                style={{ '--depth': String(p.category === '' ? 0 : categoryParts(p.category).length - 1) }}
              >
                <span class="progress-name" title={p.category}>
                  {p.category === '' ? 'Without a category' : categoryLeaf(p.category)}
                </span>
                <Bar p={p} />
                <span class="progress-figures">{figures(p)}</span>
                <NextUnread id={p.nextUnread} view={view} label={`Next unread in ${categoryLeaf(p.category)}`} />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {leftCount > 0 && (
        <section class="progress-left" data-left-count={leftCount} aria-labelledby="progress-left-title">
          <h2 id="progress-left-title">{plural(leftCount, 'saved paper')} no longer in a followed list (not counted above)</h2>
          <ul>
            {left.map((group) => (
              <li key={group.category}>
                <span class="progress-name">{group.category === '' ? 'Without a category' : categoryLeaf(group.category)}</span>:{' '}
                {group.papers.map((p) => p.title).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
