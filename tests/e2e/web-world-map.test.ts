import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { eventually, hogql } from '../support/api-client.js';
import { openScreen, openWebApp, SCREENSHOT_DIR, type WebAppSession } from '../support/web-app.js';
import { sendVisits } from '../support/web-visits.js';

/*
 * The Geography card's world map. One-page visits an hour ago, the place set as GeoIP would (loopback has none):
 *   Germany: 3 visitors, the United States: 2, the United Kingdom: 1, Singapore: 1 (too small for the 1:110m atlas).
 * The map shades Germany darkest (the most visitors: the top of the scale), says in its accessible name which
 * countries it shows, counts Singapore apart, and a click on Germany filters the page to its 3 visitors.
 */
const VISITORS: [string, string][] = [
  ['de-1', 'DE'],
  ['de-2', 'DE'],
  ['de-3', 'DE'],
  ['us-1', 'US'],
  ['us-2', 'US'],
  ['gb-1', 'GB'],
  ['sg-1', 'SG'],
];
/** The scale's strong end, rgb(146, 64, 14): only the country with the most visitors is painted in it. */
const DARKEST = [0x92, 0x40, 0x0e];

let session: WebAppSession;
let page: Page;

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
  const hourAgo = Date.now() - 3_600_000;
  const sent = await sendVisits(
    session.warren,
    VISITORS.map(([person, country], i) => ({ person, views: [{ at: new Date(hourAgo + i * 1000), path: '/' }], device: 'Desktop', country })),
  );
  await eventually(async () => Number((await hogql(session.warren, 'select count() from events')).results[0]![0]) === sent);
});
after(async () => {
  await session?.close();
});

/** The centre, in page pixels, of the canvas pixels painted `rgb` (within a little antialiasing), or null. */
async function centreOfColour(selector: string, rgb: number[]): Promise<{ x: number; y: number; pixels: number } | null> {
  return page.locator(selector).evaluate((node, colour) => {
    const canvas = node as HTMLCanvasElement;
    const { width, height } = canvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i]! - colour[0]!) <= 3 && Math.abs(data[i + 1]! - colour[1]!) <= 3 && Math.abs(data[i + 2]! - colour[2]!) <= 3) {
          sx += x;
          sy += y;
          n++;
        }
      }
    }
    if (n === 0) return null;
    const box = canvas.getBoundingClientRect();
    return { x: box.left + (sx / n) * (box.width / width), y: box.top + (sy / n) * (box.height / height), pixels: n };
  }, rgb);
}

test('the Geography card opens on a world map shading each country by its visitors', async () => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await openScreen(session, 'web');
  const map = page.getByRole('img', { name: 'Visitors by country: Germany 3, United States 2, United Kingdom 1', exact: true });
  await map.waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('tab', { name: 'Map' }).getAttribute('aria-selected'), 'true');
  await page.getByText('1 visitor from places the map cannot show').waitFor();
  assert.ok(scripts.some((s) => /\/WorldMapChart-[\w-]+\.js$/.test(s)), `the map's chunk was loaded: ${scripts.join(', ')}`);

  // Germany, and only Germany, is painted in the scale's darkest shade; it sits in Europe's part of the map.
  const germany = await eventually(() => centreOfColour('.web-map canvas', DARKEST), 10_000);
  const box = (await map.boundingBox())!;
  assert.ok(germany.pixels > 20, `Germany is drawn (${germany.pixels} pixels)`);
  assert.ok(germany.x > box.x + box.width * 0.45 && germany.x < box.x + box.width * 0.6, `Germany is a little right of the middle: ${germany.x} in ${JSON.stringify(box)}`);
  assert.ok(germany.y < box.y + box.height * 0.4, `and in the north: ${germany.y} in ${JSON.stringify(box)}`);
  await eventually(async () => (await page.locator('[aria-busy="true"], .spinner').count()) === 0);
  await session.screenshot('web-analytics-world-map');
  await page.getByRole('region', { name: 'Geography', exact: true }).screenshot({ path: path.join(SCREENSHOT_DIR, 'web-analytics-world-map-card.png') });
});

test('clicking a country on the map filters the whole page by it, as its table row would', async () => {
  const germany = (await centreOfColour('.web-map canvas', DARKEST))!;
  await page.mouse.click(germany.x, germany.y);
  await page.getByRole('region', { name: 'Active filters' }).getByText('Country is 🇩🇪 Germany').waitFor();
  await page.waitForURL(/f=session%7C%24geoip_country_code%7CDE/);
  await eventually(async () => (await page.getByRole('group', { name: 'Visitors', exact: true }).locator('.web-figure-value').textContent()) === '3', 20_000);
  await page.getByRole('img', { name: 'Visitors by country: Germany 3', exact: true }).waitFor();
  await eventually(async () => (await page.locator('[aria-busy="true"], .spinner').count()) === 0);
  await session.screenshot('web-analytics-world-map-filtered');
});

test('the map library and the atlas are their own lazy chunk: neither in the app shell nor in the screen`s chunk', () => {
  const dist = process.env.WARREN_WEB_DIST_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'apps', 'web', 'dist');
  const chunks: { file: string; isEntry: boolean; imports: string[]; modules: string[] }[] = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'chunks.json'), 'utf8'));
  const holding = (pattern: RegExp) => chunks.filter((c) => c.modules.some((m) => pattern.test(m))).map((c) => c.file);
  const [mapChunk] = holding(/node_modules\/chartjs-chart-geo\//);
  assert.ok(mapChunk, 'chartjs-chart-geo is bundled');
  assert.deepEqual(holding(/node_modules\/world-atlas\//), [mapChunk], 'the atlas travels with the map code');
  assert.deepEqual(holding(/node_modules\/d3-geo\//), [mapChunk]);
  const route = chunks.find((c) => c.modules.some((m) => m.endsWith('web-analytics/web-analytics-route.tsx')))!;
  assert.notEqual(route.file, mapChunk);
  assert.ok(!route.imports.includes(mapChunk!), 'the screen imports the map only dynamically');
  assert.ok(!chunks.some((c) => c.isEntry && c.file === mapChunk));
});
