import type { Socket } from 'node:net';

/**
 * Answers connection-level failures (malformed HTTP, a request that took too long to arrive) in PostHog's error
 * shape; Node hands these over before any route runs.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = timeout ? '408 Request Timeout' : '400 Bad Request';
  const body = JSON.stringify({
    type: 'invalid_request',
    code: timeout ? 'request_timeout' : 'malformed_request',
    detail: timeout ? 'The request took too long to arrive.' : 'Malformed HTTP request.',
    attr: null,
  });
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
