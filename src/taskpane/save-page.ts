/**
 * save.html: opened in the user's browser by Office.context.ui.openBrowserWindow from a Mac or iPad task pane, whose
 * webview cannot download (src/ui/delivery.ts). The file travels in the URL fragment (#n=name&t=type&d=base64url),
 * which the browser does not send to the server; this page turns it back into a file and offers it for download,
 * which a real browser does. No React, no Office.js: it must open quickly in any browser.
 */
export interface SavedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** The file in a save.html fragment, or a Chinese reason why there is none. */
export function parseSaveFragment(hash: string): SavedFile | string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const name = params.get('n');
  const data = params.get('d');
  if (!name || data === null) return '地址中没有要保存的文件。请回到 Excel 任务窗格重新导出。';
  try {
    const b64 = data.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { name: name.replace(/[\\/:*?"<>|]+/g, '_'), mime: params.get('t') || 'application/octet-stream', bytes };
  } catch {
    return '文件内容不完整（地址可能被截断）。请回到 Excel 任务窗格，改用“写入工作表”或“复制全文”。';
  }
}

function show(el: HTMLElement, file: SavedFile | string): void {
  el.textContent = '';
  if (typeof file === 'string') {
    el.className = 'bad';
    el.setAttribute('role', 'alert');
    el.textContent = file;
    return;
  }
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.className = 'save';
  a.textContent = `保存 ${file.name}`;
  const p = document.createElement('p');
  p.textContent = `文件已在本机生成（${Math.max(1, Math.round(file.bytes.length / 1024))} KB），未上传到任何服务器。如浏览器没有自动开始下载，请点击下面的按钮。`;
  el.append(p, a);
  a.click();
}

if (typeof document !== 'undefined' && document.getElementById('save')) {
  const file = parseSaveFragment(location.hash);
  // The fragment is not needed any more: keep it out of the history and of bookmarks.
  if (typeof file !== 'string') history.replaceState(null, '', location.pathname + location.search);
  show(document.getElementById('save')!, file);
}
