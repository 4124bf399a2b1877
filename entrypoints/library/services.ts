/** What the library page needs from the browser: the database, file downloads, and storage persistence. */
import type { LanternDB } from '../../lib/db/schema';
import type { ZoteroReply } from '../../lib/zotero/request';

export interface LibraryServices {
  db: LanternDB;
  /** Saves a file to the user's downloads. */
  download(fileName: string, text: string, mime: string): void;
  /** Asks the browser to keep Lantern's data; resolves to whether it will. */
  requestPersistence(): Promise<boolean>;
  /** The extension's version, written into JSON backups. */
  appVersion?: string;
  now(): number;
  /** The keyboard shortcut that saves the current page, as the browser shows it, if one is set. */
  loadShortcut(): Promise<string | null>;
  /** "Send to Zotero": call from the click (it may ask for the permission to reach Zotero). */
  sendToZotero(paperIds: readonly string[]): Promise<ZoteroReply>;
  clipboard?: Pick<Clipboard, 'writeText'>;
  /** Where notes being typed are kept until stored (lib/library/noteDrafts.ts): the page's localStorage. */
  drafts?: Storage;
}
