/** The options page's reading-list services (Data section), over a database: main.tsx passes Lantern's, tests a fake one. */
import { clearReadingList, listAutoBackups, readAutoBackup, restoreAutoBackup } from '../../lib/db/autoBackups';
import { listSaved, savedCount } from '../../lib/db/readingList';
import type { LanternDB } from '../../lib/db/schema';
import { setAsideRows } from '../../lib/db/setAside';
import { exportItems } from '../../lib/formats/exportFile';
import { importFile } from '../../lib/formats/importFile';
import { toJSONBackup } from '../../lib/formats/jsonBackup';
import type { OptionsServices } from './services';

type ReadingListServices = Pick<
  OptionsServices,
  'savedCount' | 'exportBackup' | 'importBackup' | 'listAutoBackups' | 'setAsideRows' | 'restoreAutoBackup' | 'autoBackupFile' | 'clearReadingList'
>;

/** `appVersion` is written into backup files; `now` stamps them (epoch ms). */
export function readingListServices(db: LanternDB, appVersion: string, now: () => number = Date.now): ReadingListServices {
  return {
    savedCount: () => savedCount(db),
    async exportBackup() {
      return exportItems(await listSaved(db), 'json', { now: now(), appVersion });
    },
    importBackup: (text, format, fileName) => importFile(db, text, format, fileName),
    listAutoBackups: () => listAutoBackups(db),
    setAsideRows: () => setAsideRows(db),
    restoreAutoBackup: (id) => restoreAutoBackup(db, id, now()),
    async autoBackupFile(id) {
      const backup = await readAutoBackup(db, id);
      return backup && toJSONBackup(backup.items, { exportedAt: backup.takenAt, appVersion });
    },
    async clearReadingList() {
      await clearReadingList(db, now());
    },
  };
}
