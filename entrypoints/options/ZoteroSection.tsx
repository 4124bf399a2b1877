import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_ZOTERO_SETTINGS, cleanSessionTag, type ZoteroSettings } from '../../lib/zotero/settings';
import type { OptionsServices } from './services';

/** What "Send to Zotero" adds: the list's category as a tag, and one tag on everything sent. */
export function ZoteroSection({ services }: { services: OptionsServices }) {
  const [settings, setSettings] = useState<ZoteroSettings>(DEFAULT_ZOTERO_SETTINGS);
  useEffect(() => {
    services.loadZoteroSettings().then(setSettings, () => undefined);
  }, [services]);
  const change = (next: ZoteroSettings) => {
    setSettings(next);
    void services.saveZoteroSettings(next);
  };
  return (
    <section aria-labelledby="zotero-heading" data-section="zotero">
      <h2 id="zotero-heading">Zotero</h2>
      <label class="check">
        <input
          type="checkbox"
          name="zotero-category-tags"
          checked={settings.categoryTags}
          onChange={(e) => change({ ...settings, categoryTags: e.currentTarget.checked })}
        />
        Tag papers sent to Zotero with their category in the list
      </label>
      <label class="field">
        Tag everything sent to Zotero with{' '}
        <input
          type="text"
          name="zotero-session-tag"
          value={settings.sessionTag}
          placeholder="no tag"
          onChange={(e) => change({ ...settings, sessionTag: cleanSessionTag(e.currentTarget.value) })}
        />
      </label>
      <p class="hint">Send to Zotero needs the Zotero desktop app running on this computer; Lantern asks once for permission to reach it.</p>
    </section>
  );
}
