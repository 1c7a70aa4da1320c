import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { snippetScript } from './posthog-snippet.js';
import { startSite, staticPages, type Site } from './site-server.js';
import { spawnWarren, type SpawnOptions, type WarrenProcess } from './spawn-warren.js';

/** A real Warren, the system Chromium, and a site whose pages load posthog-js from that Warren. */
export interface PosthogJsSite {
  warren: WarrenProcess;
  browser: Browser;
  site: Site;
  /** Closes the browser and the site and stops Warren; safe after a failed start of any part. */
  close(): Promise<void>;
}

/**
 * Starts Warren, Chromium and a site on another origin (so every SDK request is cross-origin) whose pages are built
 * by `pages` around the snippet, which loads posthog-js from Warren's /static/array.js and calls
 * `posthog.init(token, { api_host: warren.url, ...init })`.
 * Example: await startPosthogJsSite({ capture_pageview: true }, (snippet) => ({ '/one.html': sitePage('One', snippet, '') }))
 */
export async function startPosthogJsSite(init: Record<string, unknown>, pages: (snippet: string) => Record<string, string>, spawn?: SpawnOptions): Promise<PosthogJsSite> {
  const started: Partial<PosthogJsSite> = {};
  const close = async () => {
    await started.browser?.close();
    await started.site?.close();
    await started.warren?.stop().catch(() => undefined);
  };
  try {
    started.warren = await spawnWarren(spawn);
    started.browser = await launchChromium();
    started.site = await startSite(staticPages(pages(snippetScript(started.warren.token, { api_host: started.warren.url, ...init }))));
  } catch (error) {
    await close();
    throw error;
  }
  return { warren: started.warren, browser: started.browser, site: started.site, close };
}

/** A page of a test site: `title` as its title and heading, the snippet in its head, then `body`. */
export function sitePage(title: string, snippet: string, body: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
${snippet}
</head><body>
<h1>${title}</h1>
${body}
</body></html>`;
}

/**
 * A site page whose only content is a link to `next` (id `next`), for tests that walk a visitor through pages.
 * @example linkedPage('One', '/two.html', snippet)
 */
export function linkedPage(title: string, next: string, snippet: string): string {
  return sitePage(title, snippet, `<a id="next" href="${next}">Next</a>`);
}

/** Waits until posthog-js has loaded in the page (the snippet's queueing stub replaced by the library). */
export async function posthogLoaded(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(() => (window as { posthog?: { __loaded?: boolean } }).posthog?.__loaded === true, null, { timeout: timeoutMs });
}
