import type JSZip from 'jszip';

// internalStream is JSZip's platform-neutral chunked reader (works in browsers too); it is not in its typings.
interface InternalStreaming {
  internalStream(type: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array>;
}

/**
 * Streams one zip entry chunk by chunk, so no part is ever held whole. The first error — from JSZip, from onChunk
 * or from onEnd — stops the stream and rejects; nothing is called after it.
 */
export function streamEntry(entry: JSZip.JSZipObject, onChunk: (chunk: Uint8Array) => void, onEnd: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const helper = (entry as unknown as InternalStreaming).internalStream('uint8array');
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      try {
        helper.pause();
      } catch {
        /* already stopped */
      }
      reject(e);
    };
    helper
      .on('data', (chunk: Uint8Array) => {
        if (failed) return;
        try {
          onChunk(chunk);
        } catch (e) {
          fail(e);
        }
      })
      .on('error', fail)
      .on('end', () => {
        if (failed) return;
        try {
          onEnd();
          resolve();
        } catch (e) {
          fail(e);
        }
      })
      .resume();
  });
}

/** Whether `text` (ASCII) stands in the first MiB of `bytes` as UTF-16LE, as OLE2 stream names do. */
export function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pat: number[] = [];
  for (const ch of text) pat.push(ch.charCodeAt(0), 0);
  const limit = Math.min(bytes.length, 1 << 20) - pat.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}
