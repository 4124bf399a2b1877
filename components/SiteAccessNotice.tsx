/**
 * The notice shown while Lantern may not read (some of) the paper sites (lib/siteAccess.ts): what
 * is missing and why, in plain words, with the button that asks the browser for it. Renders
 * nothing once access is granted, while it is being checked, or when the browser cannot say.
 * Follows the user's switch in the browser's settings while the page is open.
 */
import { useEffect, useState } from 'preact/hooks';
import { siteAccessWords, type SiteAccess } from '../lib/siteAccess';

/** What came of the last click on the button. */
type Answer = 'none' | 'asking' | 'refused' | 'failed';

export function SiteAccessNotice({ access }: { access: SiteAccess }) {
  const [missing, setMissing] = useState<string[] | null>(null);
  const [answer, setAnswer] = useState<Answer>('none');
  useEffect(() => {
    let live = true;
    const check = () =>
      void access.missing().then(
        (now) => live && setMissing(now),
        () => live && setMissing(null),
      );
    check();
    const stop = access.watch(check);
    return () => {
      live = false;
      stop();
    };
  }, [access]);
  const words = missing && siteAccessWords(missing);
  if (!words) return null;

  const allow = () => {
    // Asked before anything else in the click: browsers grant permissions only inside the gesture.
    const asked = access.request();
    setAnswer('asking');
    asked.then(
      (granted) => {
        setAnswer(granted ? 'none' : 'refused');
        void access.missing().then(setMissing, () => setMissing(null));
      },
      () => setAnswer('failed'),
    );
  };
  return (
    <div class="notice site-access" role="alert" data-site-access={answer === 'none' ? 'missing' : answer}>
      <p>
        <strong>{words.headline}</strong> {words.detail}
      </p>
      {answer === 'refused' && (
        <p class="site-access-answer">
          You did not allow it, so Lantern stays off on those sites. Everything else keeps working, and you can allow
          it here any time.
        </p>
      )}
      {answer === 'failed' && (
        <p class="site-access-answer">
          Your browser did not ask. Allow Lantern in the browser’s settings for it: in Firefox, Add-ons and themes ›
          Lantern › Permissions; in Chrome, Extensions › Lantern › Details › Site access.
        </p>
      )}
      <button type="button" class="site-access-allow" onClick={allow} disabled={answer === 'asking'}>
        Allow Lantern on these sites
      </button>
    </div>
  );
}
