/** The data model every part of Lantern shares. Pure types, no runtime code. */

export type LinkKind = 'paper' | 'code' | 'blog' | 'demo' | 'data' | 'other';

export interface EntryLink {
  kind: LinkKind;
  /** Always an http(s) URL; anything else is dropped by the parser. */
  url: string;
  /** The link text as written in the list, e.g. "paper", "code", "Project Page". */
  label: string;
}

/**
 * One author in CSL-JSON's shape: a person (family, given, particles, suffix) or a `literal`
 * (an organisation or a one-word name). lib/names.ts reads every source into it.
 */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  /** The whole name of an organisation or a one-word name, never split. */
  literal?: string;
}

export interface AuthorList {
  names: CslName[];
  /** The list was cut short ("et al."): BibTeX writes "and others". */
  etAl: boolean;
}

/** Identifiers derived from an entry's links (or a page), all normalized. */
export interface PaperIds {
  /** arXiv id without version: "2311.16452" or "hep-th/9901001". */
  arxiv?: string;
  /** Lower-cased, validated DOI: "10.1038/s41586-023-06291-2". */
  doi?: string;
  /** "PMC10304207" (upper-case prefix). */
  pmcid?: string;
  /** Digits only. */
  pmid?: string;
  /** Code pages: "github.com/owner/repo" or "huggingface.co/owner/name", lower-cased. */
  repos: string[];
}

/** One paper as parsed from one list (list-agnostic: the parser does not know list ids). */
export interface CatalogEntry {
  /** Stable id from the strongest identifier: "arxiv:2311.16452", "doi:10.1038/…", "title:<key>". */
  id: string;
  title: string;
  /** The byline shown to people: as the list wrote it ("Harsha Nori et al."), else `formatAuthors(authorList)`. */
  authors: string;
  /** The authors, structured: what exports, citation keys and the first-author rule read. */
  authorList: AuthorList;
  venue: string;
  year?: number;
  month?: number;
  /** Full heading paths joined with " › ", e.g. "Evaluation › Strategies"; the leaf is shown to users. */
  categories: string[];
  links: EntryLink[];
  ids: PaperIds;
  /** Normalized title (see lib/title). */
  titleKey: string;
  /** 1-based line of the entry's first appearance in the source markdown. */
  line: number;
}

/** What the parser returns: never throws, reports unreadable lines instead. */
export interface ParsedList {
  /** The list's title (first `#` heading) when it has one. */
  name: string;
  entries: CatalogEntry[];
  /** Lines that could not be read, or not whole, with why (some still gave an entry, e.g. one without a month). */
  warnings: ParseWarning[];
  /**
   * The link key (lib/ids/link.ts linkKey) of each http(s) URL the parser read, every entry link's
   * among them, worked out as it read the URL, so that storing the list does not parse them again.
   */
  linkKeys: ReadonlyMap<string, string>;
}

export interface ParseWarning {
  line: number;
  message: string;
  /**
   * How many lines of the list this warning says gave no entry though they looked like papers (an
   * item without a title, a table's rows); absent for one about an entry that was kept.
   */
  skipped?: number;
}

/** The bundled snapshot written by `npm run catalog` into assets/catalog.json. */
export interface CatalogSnapshot {
  format: 1;
  name: string;
  sourceUrl: string;
  /** ISO date of the source the snapshot was made from. */
  sourceDate: string;
  entries: CatalogEntry[];
}

/** A list Lantern follows. */
export interface ListInfo {
  /** "seed" for the bundled list; otherwise derived from the source URL. */
  id: string;
  name: string;
  sourceUrl: string;
  enabled: boolean;
  /** Epoch ms of the last successful fetch (or of the snapshot for the seed list). */
  fetchedAt: number;
  etag?: string;
  lastModified?: string;
  entryCount: number;
}

/** A catalog entry without its structured authors, which readers derive from the byline (StoredEntry says why). */
export type ListedEntry = Omit<CatalogEntry, 'authorList'>;

/** One entry of one list as read back from storage (lib/db/layout.ts says how lists are stored). */
export interface StoredEntry extends Omit<CatalogEntry, 'authorList' | 'titleKey'> {
  /**
   * `titleKey` and `authorList` are left out of the rows written since Lantern stopped storing them
   * (older rows still hold them): mergeEntries derives them from the title and the byline, as the
   * parser does. Writing a list costs by the bytes and objects stored, and these were a quarter of
   * the bytes and most of the objects (an array of name objects per entry).
   */
  titleKey?: string;
  authorList?: AuthorList;
  listId: string;
  /** Epoch ms when this entry first appeared in this list (for "new" marks). */
  addedAt: number;
}

/** A list's entry with every field (as parsed, or as older rows stored it): what a list is laid out from. */
export type LaidOutEntry = StoredEntry & ListedEntry;

/** A paper as the UI shows it: one entry merged across the lists that hold it. */
export interface Paper extends CatalogEntry {
  /** Ids of the lists this paper is in (empty for a saved paper no longer in any list). */
  lists: string[];
  /** Epoch ms when the paper first appeared in any of its lists (earliest membership), for "new" marks. */
  addedAt?: number;
}

export type ReadingStatus = 'to-read' | 'reading' | 'read';

/** The paper data a saved item keeps for itself, so it survives the list changing. */
export type SavedPaper = Omit<CatalogEntry, 'line'> & { url?: string };

export interface SavedItem {
  /** The paper id (same as the entry id when the paper is listed). */
  id: string;
  paper: SavedPaper;
  status: ReadingStatus;
  statusChangedAt: number;
  tags: string[];
  note: string;
  starred: boolean;
  addedAt: number;
  updatedAt: number;
  /**
   * Epoch ms of the last change to each of these fields, where known (items written before it
   * was kept, and some writers, leave fields out: `updatedAt` stands for them). Sync resolves a
   * conflict field by field with it (lib/sync/doc.ts).
   */
  changedAt?: Partial<Record<SyncedField, number>>;
}

/** The fields of a saved item that sync merges one by one, each by its latest change. */
export type SyncedField = 'status' | 'tags' | 'note' | 'starred';

/**
 * A saved item the user removed, kept whole so it can come back (lib/db/readingList.ts says for
 * how long). Its `removedAt` also tells a copy elsewhere (a sync) that the paper was unsaved.
 */
export interface RemovedItem {
  /** The paper id, as in the saved item. */
  id: string;
  /** Epoch ms of the removal. */
  removedAt: number;
  item: SavedItem;
}

/**
 * A paper's place in the reading list, as a page's badge may know it (no note, no tags, only
 * whether there are some): saved; or removed and still restorable; and whether the saved item
 * holds a note or tags (unsaving it asks first).
 */
export interface SavedState {
  saved: boolean;
  /** The saved item's reading status; absent when not saved. */
  status?: ReadingStatus;
  recentlyRemoved: boolean;
  hasNoteOrTags: boolean;
}

/** What a page says about itself, extracted by lib/page from the URL and the document. */
export interface PageIdentity {
  url: string;
  arxiv?: string;
  doi?: string;
  pmid?: string;
  pmcid?: string;
  /** "github.com/owner/repo" or "huggingface.co/owner/name" when the page is a code page. */
  repo?: string;
  title?: string;
  authors?: string[];
  venue?: string;
  year?: number;
}

/** What the background answers for a page: the listed paper, its neighbours, and saved state. */
export interface PageMatch {
  paper: Paper;
  /** How the page was tied to the entry. */
  via: 'arxiv' | 'doi' | 'pmcid' | 'pmid' | 'repo' | 'link' | 'title';
  /**
   * Other listed papers the page's address (or repository) is listed for too: a link shared by
   * several entries names all of them, the badge says so.
   */
  sharedWith?: { id: string; title: string }[];
  related: Paper[];
  saved: boolean;
  /** Removed from the reading list and still restorable (its "Undo"); see lib/db/readingList.ts. */
  recentlyRemoved?: boolean;
  /** The saved item holds a note or tags (never which): unsaving it asks first. */
  hasNoteOrTags?: boolean;
  /** The saved item's reading status; absent when not saved. */
  status?: ReadingStatus;
  /** Names of the lists the paper is in, for "In LLMs in Medicine". */
  listNames: string[];
}
