import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium CI installs; tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** posthog-js drops every event from a user agent that looks headless or like a bot, so pages get a desktop Chrome one. */
export const DESKTOP_CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Launches the system Chromium headless; throws (so the test fails, never skips) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: install the chromium package`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A fresh context (own cookies and storage) that looks like a desktop Chrome to posthog-js, whose bot filter drops
 * every event from a headless user agent or with `navigator.webdriver` set. The context's user agent override is not
 * enough: while a page unloads for a navigation Chromium already reports its own `HeadlessChrome` user agent to the
 * old document, so the `$pageleave` captured on `pagehide` would be dropped. The init script pins both in the page.
 * It is a string because a function would be serialized with the test transpiler's helpers, which the page lacks.
 * `userAgent` pins another desktop browser's the same way (e.g. a Firefox one, to be another visitor).
 */
export async function newDesktopContext(browser: Browser, userAgent = DESKTOP_CHROME_USER_AGENT): Promise<BrowserContext> {
  const context = await browser.newContext({ userAgent, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({
    content: `
      Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });
      Object.defineProperty(Navigator.prototype, 'userAgent', { get: () => ${JSON.stringify(userAgent)}, configurable: true });`,
  });
  return context;
}

export interface Exchange {
  method: string;
  /** Path and query, e.g. `/i/v0/e/?ip=0&_=1700000000000&ver=1.449.2&compression=gzip-js`. */
  path: string;
  resourceType: string;
  /** The answer's status, or null when none arrived (yet). */
  status: number | null;
  failure: string | null;
}

export interface ExchangeLog {
  readonly exchanges: Exchange[];
  /** Exchanges whose path (without the query) is `pathname`. */
  to(pathname: string): Exchange[];
  /** Resolves once every request seen so far has an answer or a failure, or after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<void>;
}

/**
 * Records every request the context's pages make to `origin` and how it was answered. Listens on the context, not a
 * page, so requests sent while a page closes (the sendBeacon on unload) are still seen.
 */
export function recordExchanges(context: BrowserContext, origin: string): ExchangeLog {
  const exchanges: Exchange[] = [];
  const byRequest = new Map<unknown, Exchange>();
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) return;
    const exchange: Exchange = { method: request.method(), path: url.pathname + url.search, resourceType: request.resourceType(), status: null, failure: null };
    exchanges.push(exchange);
    byRequest.set(request, exchange);
  });
  context.on('response', (response) => {
    const exchange = byRequest.get(response.request());
    if (exchange) exchange.status = response.status();
  });
  context.on('requestfailed', (request) => {
    const exchange = byRequest.get(request);
    if (exchange) exchange.failure = request.failure()?.errorText ?? 'failed';
  });
  return {
    exchanges,
    to: (pathname) => exchanges.filter((e) => e.path.split('?')[0] === pathname),
    async settled(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && exchanges.some((e) => e.status === null && e.failure === null)) {
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Collects what the page logs as an error and uncaught exceptions, for failure messages. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}
