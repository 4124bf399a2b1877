import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_MARK_SETTINGS, type MarkSettings } from '../../lib/markSettings';
import type { OptionsServices } from './services';
import { errorText, NoticeLine, PermissionToggle } from './ui';

const MARK_CHOICES: ReadonlyArray<{ key: keyof MarkSettings; label: string; hint: string }> = [
  { key: 'listings', label: 'Marks on listings', hint: 'arXiv listings and search, Scholar, PubMed, Hugging Face papers, and links to listed papers on any page.' },
  { key: 'references', label: 'Marks in reference lists', hint: 'The references of the paper you read, and “Cites 7 papers from the list”.' },
  { key: 'suggest', label: 'Suggest to the list', hint: 'On an unlisted paper that cites listed ones, a link that opens a prefilled issue on the list’s GitHub repository.' },
];

export function MarksSection({ services }: { services: OptionsServices }) {
  const [settings, setSettings] = useState<MarkSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    services.readMarkSettings().then(setSettings, () => setSettings(DEFAULT_MARK_SETTINGS));
  }, [services]);
  const change = (key: keyof MarkSettings, value: boolean) => {
    if (!settings) return;
    const next = { ...settings, [key]: value };
    setSettings(next);
    services.setMarkSettings(next).then(() => setError(null), (e: unknown) => setError(errorText(e)));
  };
  return (
    <section aria-labelledby="marks-heading">
      <h2 id="marks-heading">Marks</h2>
      {MARK_CHOICES.map(({ key, label, hint }) => (
        <div key={key}>
          <label class="check">
            <input
              type="checkbox"
              name={`marks-${key}`}
              checked={settings?.[key] ?? true}
              disabled={settings === null}
              onChange={(e) => change(key, (e.target as HTMLInputElement).checked)}
            />
            {label}
          </label>
          <p class="hint">{hint}</p>
        </div>
      ))}
      <PermissionToggle
        name="marks-scholar-countries"
        label="Google Scholar in other countries"
        hint="scholar.google.de, scholar.google.co.uk and other country domains: asked for when you turn this on."
        refused="The permission was not granted, so Lantern marks Scholar on scholar.google.com only."
        read={() => services.isScholarCountriesEnabled()}
        set={(on) => services.setScholarCountries(on)}
      />
      <NoticeLine notice={error ? { text: error, error: true } : null} />
    </section>
  );
}
