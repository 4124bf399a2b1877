import { render } from 'preact';

render(<main>Lantern</main>, document.getElementById('app')!);
