/** The content script's context says nothing to the page and takes no orders from it (entrypoints/content/quietContext.ts). */
import '../../entrypoints/content/quietContext';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

describe('the content script context', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('posts nothing to the page when it starts', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const dispatched = vi.spyOn(document, 'dispatchEvent');
    new ContentScriptContext('content');
    expect(posted).not.toHaveBeenCalled();
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('is not ended by the "newer copy started" event, which a page can send', () => {
    const ctx = new ContentScriptContext('content');
    // WXT's own name for it (private to the class), as a page can write it too.
    const name = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'sent by the page' } }));
    expect(ctx.signal.aborted).toBe(false);
  });
});
