import { useEffect, useState } from 'preact/hooks';
import type { OptionsServices } from './services';
import { errorText, NoticeLine } from './ui';

export function RecognitionSection({ services }: { services: OptionsServices }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    services.isAllSitesEnabled().then(setEnabled, () => setEnabled(false));
  }, [services]);
  const change = (next: boolean) => {
    // setAllSites asks for the permission first thing, inside this click.
    services.setAllSites(next).then(
      (now) => {
        setEnabled(now);
        setError(next && !now ? 'The permission was not granted, so Lantern stays on its usual sites.' : null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <section aria-labelledby="recognition-heading">
      <h2 id="recognition-heading">Recognition</h2>
      <label class="check">
        <input type="checkbox" checked={enabled === true} disabled={enabled === null} onChange={(e) => change((e.target as HTMLInputElement).checked)} />
        Recognize papers on all sites
      </label>
      <p class="hint">Off: Lantern looks only at known paper sites (arXiv, journals, PubMed, GitHub…). On: every page you open is checked, locally.</p>
      <NoticeLine notice={error ? { text: error, error: true } : null} />
    </section>
  );
}
