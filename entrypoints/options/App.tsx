import { useEffect, useState } from 'preact/hooks';
import { AppearanceSection } from './AppearanceSection';
import { DataSection } from './DataSection';
import { ListsSection } from './ListsSection';
import { MarksSection } from './MarksSection';
import { RecognitionSection } from './RecognitionSection';
import { ScheduleSection } from './ScheduleSection';
import type { OptionsServices, RefreshState } from './services';
import { SyncSection } from './SyncSection';
import { NoticeLine } from './ui';
import { ZoteroSection } from './ZoteroSection';
import { SiteAccessNotice } from '../../components/SiteAccessNotice';

/** The options page: one section per file beside this one, all reaching Lantern through `services`. */
export function App({ services }: { services: OptionsServices }) {
  const [state, setState] = useState<RefreshState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | undefined>(undefined);

  const reload = async () => {
    const reply = await services.getRefreshState();
    if (reply.ok) {
      setState(reply.value);
      setLoadError(null);
    } else setLoadError(reply.error);
  };
  useEffect(() => {
    void reload();
    return services.watchProgress(setProgress);
  }, [services]);

  return (
    <main class="options">
      <h1>Lantern settings</h1>
      {services.siteAccess && <SiteAccessNotice access={services.siteAccess} />}
      <NoticeLine notice={loadError ? { text: `Could not read Lantern’s lists: ${loadError}`, error: true } : null} />
      <ListsSection services={services} state={state} progress={progress} reload={reload} />
      <ScheduleSection services={services} state={state} reload={reload} />
      <RecognitionSection services={services} />
      <MarksSection services={services} />
      <AppearanceSection services={services} />
      <ZoteroSection services={services} />
      <SyncSection services={services} />
      <DataSection services={services} />
    </main>
  );
}
