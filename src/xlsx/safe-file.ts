/**
 * File-system side of writing outputs safely (Node only): is an output path the input by another name, and an
 * atomic write (a temporary file in the same folder, renamed over the target), so a failed or interrupted write
 * never leaves a partial file and never truncates what was there.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Whether `a` and `b` are the same file by any path: the same device and inode (through a symlink, a hard link,
 * or another spelling of the name on a case-insensitive file system). False when either does not exist.
 */
export function sameFile(a: string, b: string): boolean {
  let sa: fs.BigIntStats;
  let sb: fs.BigIntStats;
  try {
    sa = fs.statSync(a, { bigint: true });
    sb = fs.statSync(b, { bigint: true });
  } catch {
    return false;
  }
  if (sa.ino !== 0n && sb.ino !== 0n) return sa.dev === sb.dev && sa.ino === sb.ino;
  // File systems without inode numbers: compare the resolved paths, ignoring case.
  try {
    return fs.realpathSync.native(a).toLowerCase() === fs.realpathSync.native(b).toLowerCase();
  } catch {
    return false;
  }
}

/** Temporary files being written: removed if the process exits or is interrupted (Ctrl+C, kill) meanwhile. */
const pending = new Set<string>();
let hooked = false;

function removePending(): void {
  for (const t of pending) {
    try {
      fs.unlinkSync(t);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}

/**
 * On exit and on SIGINT/SIGTERM/SIGHUP the pending temporary files are removed; a signal is then raised again
 * with our handler gone, so the process ends as it would have (unless the program has handlers of its own).
 */
function hookInterruptions(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removePending);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      removePending();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

/** Writes `data` to `target` through a temporary file beside it and a rename. The temporary file never survives. */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fh: fs.promises.FileHandle | undefined;
  hookInterruptions();
  try {
    pending.add(tmp);
    fh = await fs.promises.open(tmp, 'wx', 0o666);
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await fs.promises.rename(tmp, target);
    pending.delete(tmp);
  } catch (e) {
    if (fh) await fh.close().catch(() => undefined);
    await fs.promises.unlink(tmp).catch(() => undefined);
    pending.delete(tmp);
    throw e;
  }
}
