/**
 * The popup's "Update now": its result floats above the footer, over the results, so it can be
 * dismissed; a failure is said in the background's plain words.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListUpdates } from '../../components/ListUpdates';
import { buttonNamed, freshRoot, unmount, until } from './pageTest';

let root: HTMLElement;
const OFFLINE = 'Could not reach the list’s server: check the connection, then try again. The previous copy is kept.';

beforeEach(() => {
  fakeBrowser.reset();
  // The background's answers, as lib/messages.ts's dispatch gives them.
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const { type } = message as { type: string };
    if (type === 'getRefreshState') return Promise.resolve({ ok: true, value: { newEntries: 0 } });
    if (type === 'refreshLists') return Promise.resolve({ ok: true, value: [{ listId: 'seed', status: 'failed', message: OFFLINE }] });
    return undefined;
  });
  root = freshRoot();
});
afterEach(() => unmount(root));

describe('Update now', () => {
  it('says why an update failed, and the notice can be dismissed', async () => {
    await act(() => render(<ListUpdates onUpdated={() => undefined} />, root));
    await act(async () => buttonNamed('Update now', root).click());
    await until(() => expect(root.querySelector('[data-update-result]')?.getAttribute('role')).toBe('alert'));
    const notice = root.querySelector('[data-update-result]')!;
    expect(notice.textContent).toBe(`${OFFLINE} Dismiss`);
    await act(async () => buttonNamed('Dismiss', notice).click());
    expect(root.querySelector('[data-update-result]')).toBeNull();
  });
});
