/**
 * The HTTP-only ceiling for `/flags`: a bare `node:http` server that reads each body, JSON.parses it and answers a
 * canned `/flags?v=2` response (a real one Warren gave, so the same bytes go back) — no lookup, no evaluation, no
 * framework. Run as a forked child process: it receives the canned body over IPC and reports its port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const BAD = Buffer.from('{"type":"validation_error","code":"invalid_payload"}');

function serve(canned: Buffer): void {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let ok = true;
      try {
        JSON.parse((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'));
      } catch {
        ok = false;
      }
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      res.end(ok ? canned : BAD);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

process.once('message', (message: { cannedBody: string }) => serve(Buffer.from(message.cannedBody)));
