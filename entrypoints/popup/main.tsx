import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messages';

// Placeholder until the popup's search lands: shows how many entries the local copy holds.
// Contract with the E2E tests: the count sits in an element with `data-entry-count="<n>"`.
function EntryCount() {
  const [state, setState] = useState<{ count: number } | { error: string } | null>(null);

  useEffect(() => {
    void sendMessage('getStatus', {}).then((reply) =>
      setState(reply.ok ? { count: reply.value.entryCount } : { error: reply.error }),
    );
  }, []);

  if (!state) return <p>Loading…</p>;
  if ('error' in state) return <p role="alert">Lantern could not read its list: {state.error}</p>;
  return <p data-entry-count={state.count}>{state.count} papers</p>;
}

render(
  <main>
    <h1>Lantern</h1>
    <EntryCount />
  </main>,
  document.getElementById('app')!,
);
