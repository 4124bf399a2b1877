import { primaryUrl } from '../../lib/paperDisplay';
import { progressLines, type CategoryProgress } from '../../lib/progress';
import type { LeftGroup, ListProgressView } from '../../lib/progress/data';
import { plural } from '../../lib/words';
import { categoryLeaf } from '../../lib/categories';

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
            {progressLines(view.categories).map((line) =>
              line.kind === 'heading' ? (
                <li key={`heading:${line.category}`} class="progress-heading" data-heading={line.category} style={{ '--depth': String(line.depth) }}>
                  <span class="progress-name" title={line.category}>
                    {categoryLeaf(line.category)}
                  </span>
                </li>
              ) : (
                <li
                  key={line.progress.category}
                  data-category={line.progress.category}
                  data-read={line.progress.read}
                  data-reading={line.progress.reading}
                  data-saved={line.progress.saved}
                  data-total={line.progress.total}
                  style={{ '--depth': String(line.depth) }}
                >
                  <span class="progress-name" title={line.progress.category}>
                    {line.progress.category === '' ? 'Without a category' : categoryLeaf(line.progress.category)}
                  </span>
                  <Bar p={line.progress} />
                  <span class="progress-figures">{figures(line.progress)}</span>
                  <NextUnread id={line.progress.nextUnread} view={view} label={`Next unread in ${categoryLeaf(line.progress.category)}`} />
                </li>
              ),
            )}
          </ol>
        </section>
      ))}
      {leftCount > 0 && (
        <section class="progress-left" data-left-count={leftCount} aria-labelledby="progress-left-title">
          <h2 id="progress-left-title">{plural(leftCount, 'saved paper')} not in a followed list (not counted above)</h2>
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
