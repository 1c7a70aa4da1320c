import http from 'node:http';
import type net from 'node:net';

export interface Site {
  /** `http://127.0.0.1:<port>`: a different origin from Warren's, so every SDK request is cross-origin. */
  url: string;
  close(): Promise<void>;
}

export type SiteHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

/** Starts a tiny web site on its own loopback port; the handler answers every request (errors become a 500). */
export async function startSite(handler: SiteHandler): Promise<Site> {
  const server = http.createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A site serving fixed HTML pages by path; anything else (favicon included) is an empty 404. */
export function staticPages(pages: Record<string, string>): SiteHandler {
  return (request, response) => {
    const html = pages[new URL(request.url ?? '/', 'http://site').pathname];
    if (html === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  };
}
