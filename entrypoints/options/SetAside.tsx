import { useEffect, useState } from 'preact/hooks';
import { setAsideFile, setAsideNotice, type SetAsideRow } from '../../lib/db/setAside';
import type { OptionsServices } from './services';

/**
 * Rows an upgrade from an older Lantern could not read (lib/db/setAside.ts): said in plain words,
 * with the rows as a JSON file to download. Shows nothing when there are none.
 */
export function SetAside({ services }: { services: OptionsServices }) {
  const [rows, setRows] = useState<SetAsideRow[]>([]);
  useEffect(() => {
    services.setAsideRows().then(setRows, () => setRows([]));
  }, [services]);
  const text = setAsideNotice(rows);
  if (!text) return null;
  return (
    <div class="set-aside" role="status" data-set-aside={rows.length}>
      <p>{text}</p>
      <button type="button" onClick={() => services.download('lantern-set-aside.json', setAsideFile(rows), 'application/json')}>
        Download {rows.length === 1 ? 'it' : 'them'} (JSON)
      </button>
    </div>
  );
}
