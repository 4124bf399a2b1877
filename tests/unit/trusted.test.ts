import { describe, expect, it, vi } from 'vitest';
import { GUARDED_EVENTS, ignoreUntrustedEvents } from '../../lib/trusted';

/** An event as the browser makes it for real input (happy-dom marks none as trusted). */
function trustedEvent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

describe('ignoreUntrustedEvents', () => {
  function setup() {
    const root = document.createElement('div');
    const button = document.createElement('button');
    root.append(button);
    document.body.append(root);
    const heard: string[] = [];
    for (const type of GUARDED_EVENTS) button.addEventListener(type, () => heard.push(type));
    return { root, button, heard };
  }

  it('stops every synthetic input event before handlers inside the root run', () => {
    const { root, button, heard } = setup();
    const release = ignoreUntrustedEvents(root);
    for (const type of GUARDED_EVENTS) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      button.dispatchEvent(event);
      expect(event.defaultPrevented, type).toBe(true);
    }
    button.click();
    expect(heard).toEqual([]);
    release();
    button.click();
    expect(heard).toEqual(['click']);
    root.remove();
  });

  it('lets the user’s own input through', () => {
    const { root, button, heard } = setup();
    ignoreUntrustedEvents(root);
    button.dispatchEvent(trustedEvent(new MouseEvent('click', { bubbles: true })));
    button.dispatchEvent(trustedEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(heard).toEqual(['click', 'keydown']);
    root.remove();
  });

  it('guards handlers on the root itself too (capture runs first)', () => {
    const root = document.createElement('div');
    const onClick = vi.fn();
    ignoreUntrustedEvents(root);
    root.addEventListener('click', onClick);
    root.click();
    expect(onClick).not.toHaveBeenCalled();
  });
});
