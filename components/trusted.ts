/**
 * Handlers of anything Lantern draws into a page run only for events the browser made from the
 * user's own input: a page's script can dispatch synthetic clicks and key presses
 * (`isTrusted` false) at elements it can reach, including a shadow root's host.
 */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
