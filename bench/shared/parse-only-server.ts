/**
 * The parse-only ceiling of bench:ingest and bench:replay: a bare `node:http` server that reads each body, gunzips it
 * when it starts with gzip's magic bytes (posthog-js labels its gzip bodies text/plain, with no content-encoding, and
 * a labelled one starts with them too), JSON.parses it and answers `200 {"status":1}` — no validation, no durability,
 * no storage. Run as a forked child process; it reports its port over IPC. Warren's throughput is quoted as a fraction
 * of this server's on the same payloads.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

const OK = Buffer.from('{"status":1}');
const BAD = Buffer.from('{"status":0}');

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const body = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      JSON.parse(body.toString('utf8'));
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? OK : BAD);
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
