import { useEffect, useState } from 'preact/hooks';
import { APPEARANCES, type Appearance } from '../../lib/appearance';
import type { OptionsServices } from './services';

export function AppearanceSection({ services }: { services: OptionsServices }) {
  const [appearance, setAppearance] = useState<Appearance>('auto');
  useEffect(() => {
    services.readAppearance().then(setAppearance, () => undefined);
  }, [services]);
  const labels: Record<Appearance, string> = { auto: 'Same as the system', light: 'Light', dark: 'Dark' };
  return (
    <section aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <p class="hint">For the popup, the reading list and this page. On web pages, the badge follows the system and the marks follow the page they are on.</p>
      <div class="row" role="radiogroup" aria-labelledby="appearance-heading">
        {APPEARANCES.map((choice) => (
          <label key={choice} class="check">
            <input
              type="radio"
              name="appearance"
              value={choice}
              checked={appearance === choice}
              onChange={() => {
                setAppearance(choice);
                void services.setAppearance(choice);
              }}
            />
            {labels[choice]}
          </label>
        ))}
      </div>
    </section>
  );
}
