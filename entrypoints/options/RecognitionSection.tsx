import type { OptionsServices } from './services';
import { PermissionToggle } from './ui';

export function RecognitionSection({ services }: { services: OptionsServices }) {
  return (
    <section aria-labelledby="recognition-heading">
      <h2 id="recognition-heading">Recognition</h2>
      <PermissionToggle
        label="Recognize papers on all sites"
        hint="Off: Lantern looks only at known paper sites (arXiv, journals, PubMed, GitHub…). On: every page you open is checked, locally."
        refused="The permission was not granted, so Lantern stays on its usual sites."
        read={() => services.isAllSitesEnabled()}
        set={(on) => services.setAllSites(on)}
      />
    </section>
  );
}
