/**
 * Saves text as a file through a Blob URL and <a download>, so no "downloads" permission is
 * needed. For extension pages (library, options); the DOM is a parameter so tests can pass theirs.
 */
export function downloadText(fileName: string, text: string, mime: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  doc.body.append(link);
  link.click();
  link.remove();
  // Firefox may still be reading the Blob right after the click: free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
