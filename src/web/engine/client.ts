/**
 * The page's handle on the engine: a Web Worker when one starts (the page stays responsive whatever the file),
 * otherwise the same EngineCore in the page (pages opened from a shared drive as file://, where browsers refuse
 * workers). The page's own script holds neither the engine nor ExcelJS: both are chunks loaded when needed.
 */
import type { CheckProgress } from '../../engine';
import type { PdfPageText } from '../../pdf/text';
import type {
  Engine,
  EngineErrorData,
  EngineRequest,
  FillMode,
  FillPreview,
  FilledWorkbook,
  NarrativeResult,
  OpenResult,
  RecheckResult,
  SideFiles,
  WorkerMessage,
} from './protocol';

/** How long a worker may take to start (download and evaluate its script) before the page runs the engine itself. */
const WORKER_START_MS = 20_000;

function toError(e: EngineErrorData): Error {
  const err = new Error(e.message);
  err.name = e.name; // 'UnreadableWorkbookError' stays recognisable (isUnreadableWorkbookError checks the name)
  return err;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: (p: CheckProgress) => void;
}

class WorkerEngine implements Engine {
  readonly kind = 'worker' as const;
  broken = false;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'ready') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.progress);
      else {
        this.pending.delete(m.id);
        if (m.type === 'result') p.resolve(m.result);
        else p.reject(toError(m.error));
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.fail(`校验进程意外停止${e.message ? `（${e.message}）` : ''}，可能是内存不足。请关闭其他程序或标签页后重新打开工作簿。`);
    };
    worker.onmessageerror = () => this.fail('校验进程返回的数据无法读取，请重新打开工作簿。');
  }

  private fail(message: string): void {
    this.broken = true;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.worker.terminate();
  }

  private call<T>(req: EngineRequest, transfer: Transferable[] = [], onProgress?: (p: CheckProgress) => void): Promise<T> {
    if (this.broken) return Promise.reject(new Error('校验进程已停止，请重新打开工作簿。'));
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage({ id, req }, transfer);
    });
  }

  open(bytes: ArrayBuffer, name: string, onProgress?: (p: CheckProgress) => void): Promise<OpenResult> {
    // The bytes move to the worker (it keeps them for the downloads); the page does not need them again.
    // The result comes as JSON text (see worker.ts); sparse rows come back with null for empty cells.
    return this.call<string>({ op: 'open', bytes, name }, [bytes], onProgress).then((json) => JSON.parse(json) as OpenResult);
  }
  openPdf(bytes: ArrayBuffer, pages: PdfPageText[], name: string, onProgress?: (p: CheckProgress) => void): Promise<OpenResult> {
    return this.call<string>({ op: 'openPdf', bytes, pages, name }, [bytes], onProgress).then((json) => JSON.parse(json) as OpenResult);
  }
  autoFill(mode: FillMode): Promise<FillPreview> {
    return this.call({ op: 'autofill', mode });
  }
  filled(): Promise<FilledWorkbook> {
    return this.call({ op: 'filled' });
  }
  annotated(): Promise<Uint8Array> {
    return this.call({ op: 'annotated' });
  }
  narrative(): Promise<NarrativeResult> {
    return this.call({ op: 'narrative' });
  }
  side(files: SideFiles, onProgress?: (p: CheckProgress) => void): Promise<RecheckResult> {
    const transfer = [files.narrative?.bytes, files.previous?.bytes].filter((b): b is ArrayBuffer => !!b);
    return this.call({ op: 'side', files }, transfer, onProgress);
  }
  dispose(): void {
    this.broken = true;
    this.worker.terminate();
  }
}

/** The engine in the page: each call yields to the browser first, and the checks run in small steps. */
class PageEngine implements Engine {
  readonly kind = 'page' as const;
  readonly broken = false;
  private core: Promise<import('./core').EngineCore> | null = null;

  private get(): Promise<import('./core').EngineCore> {
    this.core ??= import(/* webpackChunkName: "engine" */ './core').then((m) => new m.EngineCore());
    return this.core;
  }
  async open(bytes: ArrayBuffer, name: string, onProgress?: (p: CheckProgress) => void): Promise<OpenResult> {
    return (await this.get()).open(bytes, name, onProgress);
  }
  async openPdf(bytes: ArrayBuffer, pages: PdfPageText[], name: string, onProgress?: (p: CheckProgress) => void): Promise<OpenResult> {
    return (await this.get()).openPdf(bytes, pages, name, onProgress);
  }
  async autoFill(mode: FillMode): Promise<FillPreview> {
    const core = await this.get();
    await new Promise((r) => setTimeout(r, 0));
    return core.autoFill(mode);
  }
  async filled(): Promise<FilledWorkbook> {
    return (await this.get()).filled();
  }
  async annotated(): Promise<Uint8Array> {
    return (await this.get()).annotated();
  }
  async narrative(): Promise<NarrativeResult> {
    return (await this.get()).narrative();
  }
  async side(files: SideFiles, onProgress?: (p: CheckProgress) => void): Promise<RecheckResult> {
    return (await this.get()).side(files, onProgress);
  }
  dispose(): void {}
}

function startWorker(): Worker {
  // webpack turns this expression into the worker's own bundle (src/web/engine/worker.ts).
  // @ts-expect-error -- import.meta is for webpack; the repository's tsconfig compiles to CommonJS for Node.
  return new Worker(new URL(/* webpackChunkName: "engine-worker" */ './worker.ts', import.meta.url), { name: '预算公开校验引擎' });
}

/** A worker that said it is ready, or the page engine when none can start. */
export async function createEngine(): Promise<Engine> {
  if (typeof Worker === 'undefined') return new PageEngine();
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    return new PageEngine(); // file:// pages: the browser refuses the worker outright
  }
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), WORKER_START_MS);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if (e.data?.type === 'ready') {
        clearTimeout(timer);
        resolve(true);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      clearTimeout(timer);
      resolve(false);
    };
  });
  if (!ready) {
    worker.terminate();
    return new PageEngine();
  }
  return new WorkerEngine(worker);
}
