/**
 * The Web Worker the page runs the engine in: reading, recognising and the rules, auto-fill and the ExcelJS /
 * .docx writers never hold up scrolling or clicks, even on a 100,000-row sheet. One request at a time per id;
 * replies are 'result' or 'error' (with the error's name, so an unreadable file stays one), plus 'progress'.
 */
import { EngineCore } from './core';
import type { EngineRequest, WorkerMessage } from './protocol';

/** The worker's global scope, as far as used here (the repository compiles against the DOM library). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<{ id: number; req: EngineRequest }>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const core = new EngineCore();

function post(m: WorkerMessage, transfer: Transferable[] = []): void {
  scope.postMessage(m, transfer);
}

scope.onmessage = async (e: MessageEvent<{ id: number; req: EngineRequest }>) => {
  const { id, req } = e.data;
  try {
    let result: unknown;
    let transfer: Transferable[] = [];
    switch (req.op) {
      case 'open':
        // As JSON text: the page parses a 100,000-row snapshot several times faster than it deserialises the
        // same objects from a structured clone, and the stringifying happens here, off the page's thread.
        result = JSON.stringify(await core.open(req.bytes, req.name, (progress) => post({ type: 'progress', id, progress })));
        break;
      case 'openPdf':
        result = JSON.stringify(await core.openPdf(req.bytes, req.pages, req.name, (progress) => post({ type: 'progress', id, progress })));
        break;
      case 'side':
        result = await core.side(req.files, (progress) => post({ type: 'progress', id, progress }));
        break;
      case 'autofill':
        result = await core.autoFill(req.mode);
        break;
      case 'filled': {
        const r = await core.filled();
        result = r;
        transfer = [r.bytes.buffer as ArrayBuffer];
        break;
      }
      case 'annotated': {
        const bytes = await core.annotated();
        result = bytes;
        transfer = [bytes.buffer as ArrayBuffer];
        break;
      }
      case 'narrative': {
        const r = await core.narrative();
        result = r;
        transfer = [r.docx.buffer as ArrayBuffer];
        break;
      }
    }
    post({ type: 'result', id, result }, transfer);
  } catch (err) {
    const error = err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
    post({ type: 'error', id, error });
  }
};

post({ type: 'ready' });
