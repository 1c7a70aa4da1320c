import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDesktopContext } from './browser.js';
import { spawnWarren, type SpawnOptions, type WarrenProcess } from './spawn-warren.js';

/** Screenshots of each screen, kept by the test run as artifacts (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'artifacts', 'screenshots');

export const OWNER = { firstName: 'Olivia', email: 'owner@example.com', password: 'correct horse battery staple' };

export interface WebAppSession {
  warren: WarrenProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves a full-page PNG as artifacts/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real Warren (own data dir) and a desktop Chromium with one page on it. With `signedIn` the first owner is
 * signed up through the API in the browser's context (its cookies land in the page), for tests about later screens;
 * without it the page starts signed out, for tests of sign-up and login themselves.
 */
export async function openWebApp(options: { signedIn?: boolean; spawn?: SpawnOptions } = {}): Promise<WebAppSession> {
  const warren = await spawnWarren(options.spawn);
  const browser = await launchChromium();
  const context = await newDesktopContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const session: WebAppSession = {
    warren,
    browser,
    context,
    page,
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await warren.stop();
      fs.rmSync(warren.dataDir, { recursive: true, force: true });
    },
  };
  if (options.signedIn) {
    const res = await context.request.post(`${warren.url}/api/signup/`, {
      data: { first_name: OWNER.firstName, email: OWNER.email, password: OWNER.password },
    });
    if (res.status() !== 201) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`);
  }
  return session;
}

/** Opens a project screen (`/project/1/<screen>`) and waits for its heading. */
export async function openScreen(session: WebAppSession, screen: string, projectId = 1): Promise<Page> {
  await session.page.goto(`${session.warren.url}/project/${projectId}/${screen}`);
  await session.page.getByRole('heading', { level: 1 }).first().waitFor();
  return session.page;
}
