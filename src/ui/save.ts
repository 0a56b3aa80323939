/** Saves bytes or text as a file through a temporary link (the browser's download); shared by pane and web page. */
export function saveBlob(fileName: string, data: string | Uint8Array, mime: string): void {
  // (A Uint8Array over a plain ArrayBuffer here; TypeScript's DOM types also admit SharedArrayBuffer views.)
  const blob = new Blob([data as BlobPart], { type: typeof data === 'string' ? `${mime};charset=utf-8` : mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text as a file (UTF-8). */
export function downloadText(fileName: string, text: string, mime: string): void {
  saveBlob(fileName, text, mime);
}
