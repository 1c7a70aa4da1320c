import type { IncomingMessage } from 'node:http';
import { AppError } from '../platform/app-error.js';

export interface RawBodyLimits {
  /** Largest body accepted (413 above it). */
  maxBytes: number;
  /** A body that sends nothing for this long is abandoned with 408. */
  chunkTimeoutMs: number;
}

const stalled = () => new AppError(408, 'invalid_request', 'request_timeout', 'The request body stopped arriving.');
/**
 * Resolved instead of a body that was over the cap but fully read and discarded: answering 413 from a handler (not
 * as a parser error, which makes Fastify close the connection) keeps the keep-alive connection usable.
 */
export const DRAINED_TOO_LARGE: Buffer = Buffer.alloc(0);

export const tooLargeError = () => new AppError(413, 'invalid_request', 'payload_too_large', 'Request body is too large.');

/**
 * Reads a request body into one Buffer. Over the cap it keeps reading and discarding up to twice the cap, so the
 * 413 answer arrives on a keep-alive connection the client can reuse; beyond that the socket is closed.
 */
export function readRawBody(stream: IncomingMessage, limits: RawBodyLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const timer = setTimeout(onStall, limits.chunkTimeoutMs);

    function onStall(): void {
      // No destroy: the 408 must still reach the client; Fastify closes the connection after a parser error.
      cleanup();
      reject(stalled());
    }
    function onData(chunk: Buffer): void {
      timer.refresh();
      size += chunk.length;
      if (size > limits.maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        if (size > limits.maxBytes * 2) {
          cleanup();
          stream.destroy();
          reject(tooLargeError());
        }
        return;
      }
      chunks.push(chunk);
    }
    function onEnd(): void {
      cleanup();
      if (tooLarge) resolve(DRAINED_TOO_LARGE);
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    }
    function onError(error: Error): void {
      cleanup();
      reject(error);
    }
    function cleanup(): void {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
