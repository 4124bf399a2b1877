/** What the library's progress view reads: each enabled list's entries in list order. */
import { listEntries } from '../db/catalog';
import type { LanternDB } from '../db/schema';
import type { EntryLink, ListInfo, SavedItem } from '../types';
import { leftPapers, listProgress, overallProgress, type CategoryProgress } from './index';

export interface ListInOrder {
  list: Pick<ListInfo, 'id' | 'name'>;
  entries: { id: string; title: string; categories: string[]; links: EntryLink[] }[];
}

/** Every enabled list with its entries in list order (reads every chunk of them: for a view the user opened). */
export async function loadListsInOrder(db: LanternDB): Promise<ListInOrder[]> {
  const lists = (await db.lists.toArray()).filter((l) => l.enabled);
  return Promise.all(
    lists.map(async (list) => ({
      list: { id: list.id, name: list.name },
      entries: (await listEntries(db, list.id)).map(({ id, title, categories, links }) => ({ id, title, categories, links })),
    })),
  );
}

/** One followed list's progress, figures already counted. */
export interface ListProgressView {
  listId: string;
  name: string;
  overall: CategoryProgress;
  categories: CategoryProgress[];
  /** Title and links of the papers named as "next unread", by id. */
  papers: ReadonlyMap<string, { title: string; links: EntryLink[] }>;
}

/** Saved papers no followed list holds now, by the category they were saved under. */
export interface LeftGroup {
  category: string;
  papers: { id: string; title: string }[];
}

export interface ProgressViews {
  lists: ListProgressView[];
  left: LeftGroup[];
}

/** The progress view's figures from the lists as they are now and the saved items. */
export function progressViews(lists: readonly ListInOrder[], saved: readonly SavedItem[]): ProgressViews {
  const status = new Map(saved.map((item) => [item.id, item.status]));
  const statusOf = (id: string) => status.get(id);
  const listed = new Set<string>();
  const views = lists.map(({ list, entries }) => {
    for (const e of entries) listed.add(e.id);
    const categories = listProgress(entries, statusOf);
    const overall = overallProgress(entries, statusOf);
    const wanted = new Set([overall.nextUnread, ...categories.map((c) => c.nextUnread)]);
    const papers = new Map(entries.filter((e) => wanted.has(e.id)).map((e) => [e.id, { title: e.title, links: e.links }]));
    return { listId: list.id, name: list.name, overall, categories, papers };
  });
  const left = leftPapers(
    saved.map((item) => ({ id: item.id, title: item.paper.title, categories: item.paper.categories })),
    (id) => listed.has(id),
  ).map(({ category, papers }) => ({ category, papers: papers.map(({ id, title }) => ({ id, title })) }));
  return { lists: views, left };
}
