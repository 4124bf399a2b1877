/** What the options page needs from the rest of Lantern; main.tsx wires it to the browser. */
import type { SiteAccess } from '../../lib/siteAccess';
import type { Appearance } from '../../lib/appearance';
import type { AutoBackupInfo, RestoreOutcome } from '../../lib/db/autoBackups';
import type { SetAsideRow } from '../../lib/db/setAside';
import type { ExportedFile } from '../../lib/formats/exportFile';
import type { ImportFileOutcome, ImportFormat } from '../../lib/formats/importFile';
import type { Reply, Response } from '../../lib/messages';
import type { ZoteroSettings } from '../../lib/zotero/settings';
import type { MarkSettings } from '../../lib/markSettings';
import type { SyncStatus } from '../../lib/sync/engine';

/** What the lists and schedule sections show: the lists followed and their refresh states. */
export type RefreshState = Response<'getRefreshState'>;

export interface OptionsServices {
  /** The paper sites' permissions, for the notice that asks for them (components/SiteAccessNotice); absent in tests of other parts. */
  siteAccess?: SiteAccess;
  getRefreshState(): Promise<Reply<Response<'getRefreshState'>>>;
  /** `acceptShrink`: apply a copy that drops most entries (after the user saw it refused). */
  refreshLists(listIds?: string[], acceptShrink?: boolean): Promise<Reply<Response<'refreshLists'>>>;
  /** Asks for the host permission a list needs; must run first in a click handler. */
  requestOrigin(origin: string): Promise<boolean>;
  addList(url: string): Promise<Reply<Response<'addList'>>>;
  removeList(listId: string): Promise<Reply<Response<'removeList'>>>;
  setListEnabled(listId: string, enabled: boolean): Promise<Reply<Response<'setListEnabled'>>>;
  setSchedule(intervalHours: number): Promise<Reply<Response<'setRefreshSchedule'>>>;
  /** Calls back with refresh progress text (undefined when idle); returns the unsubscribe. */
  watchProgress(onChange: (text: string | undefined) => void): () => void;
  isAllSitesEnabled(): Promise<boolean>;
  setAllSites(enabled: boolean): Promise<boolean>;
  readMarkSettings(): Promise<MarkSettings>;
  setMarkSettings(settings: MarkSettings): Promise<void>;
  isScholarCountriesEnabled(): Promise<boolean>;
  /** Asks for Scholar's country domains (or gives them back); must run first in a click handler. */
  setScholarCountries(enabled: boolean): Promise<boolean>;
  readAppearance(): Promise<Appearance>;
  setAppearance(appearance: Appearance): Promise<void>;
  savedCount(): Promise<number>;
  /** The reading list as a JSON backup file. */
  exportBackup(): Promise<ExportedFile>;
  /** Imports a file's text (after an automatic backup); `fileName` is shown with that backup. */
  importBackup(text: string, format: ImportFormat, fileName: string): Promise<ImportFileOutcome>;
  /** The automatic backups kept, newest first. */
  listAutoBackups(): Promise<AutoBackupInfo[]>;
  /** Replaces the reading list with an automatic backup (after backing up the current one). */
  restoreAutoBackup(id: string): Promise<RestoreOutcome>;
  /** An automatic backup as a JSON backup file's text; undefined when it is no longer kept. */
  autoBackupFile(id: string): Promise<string | undefined>;
  /** Rows an upgrade from an older version could not read (kept aside). */
  setAsideRows(): Promise<SetAsideRow[]>;
  storageEstimate(): Promise<{ usage?: number; quota?: number }>;
  /** Empties the reading list after keeping it as an automatic backup. */
  clearReadingList(): Promise<void>;
  /** Saves a file to the user's downloads. */
  download(fileName: string, text: string, mime: string): void;
  /** The current time (epoch ms), for file names. */
  now(): number;
  loadZoteroSettings(): Promise<ZoteroSettings>;
  readSyncEnabled(): Promise<boolean>;
  setSyncEnabled(enabled: boolean): Promise<void>;
  /** Calls back with sync's status now and after every sync; returns the unsubscribe. */
  watchSyncStatus(onChange: (status: SyncStatus | null) => void): () => void;
  saveZoteroSettings(settings: ZoteroSettings): Promise<void>;
}
