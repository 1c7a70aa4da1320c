import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markBot, parseUserAgent, type UserAgentDetails } from './user-agent.js';

test('desktop, phone and tablet user agents map to PostHog names and device types', () => {
  const cases: Array<[string, Partial<UserAgentDetails>]> = [
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
      { browser: 'Microsoft Edge', browserVersion: 120, os: 'Mac OS X', osVersion: '10.15.7', deviceType: 'Desktop' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
      { browser: 'Firefox', browserVersion: 121, os: 'Windows', osVersion: '10', deviceType: 'Desktop' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
      { browser: 'Samsung Internet', os: 'Android', deviceType: 'Mobile' },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      { browser: 'Mobile Safari', browserVersion: 16.6, os: 'iOS', deviceType: 'Tablet' },
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      { browser: 'Chrome', os: 'Linux', deviceType: 'Desktop' },
    ],
  ];
  for (const [ua, expected] of cases) {
    const details = parseUserAgent(ua);
    assert.ok(details, ua);
    for (const [key, value] of Object.entries(expected)) assert.equal(details[key as keyof typeof details], value, `${key} of ${ua}`);
  }
});

test('user agents naming neither a browser nor an OS give null (nothing is invented)', () => {
  assert.equal(parseUserAgent('posthog-node/5.70.0'), null);
  assert.equal(parseUserAgent('curl/8.0'), null);
  assert.equal(parseUserAgent(''), null);
});

test('repeated user agents are answered from the cache', () => {
  const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36';
  assert.equal(parseUserAgent(ua), parseUserAgent(ua));
});

test('the cache stays bounded under a flood of distinct user agents', () => {
  const first = parseUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:5000.0) Gecko/20100101 Firefox/5000.0');
  for (let i = 0; i < 2000; i++) parseUserAgent(`Mozilla/5.0 (X11; Linux x86_64; rv:${i}.0) Gecko/20100101 Firefox/${i}.0`);
  // Evicted: parsed again into a new (equal) object.
  const again = parseUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:5000.0) Gecko/20100101 Firefox/5000.0');
  assert.notEqual(again, first);
  assert.deepEqual(again, first);
});

test('crawlers are marked $is_bot from the browser\'s user agent, people and server SDKs are not', () => {
  const crawler: Record<string, unknown> = { $raw_user_agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' };
  markBot(crawler, undefined);
  assert.equal(crawler.$is_bot, true);
  const fromRequest: Record<string, unknown> = { $lib: 'web' };
  markBot(fromRequest, 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)');
  assert.equal(fromRequest.$is_bot, true);
  // A server SDK or a script is not a visitor: its own agent is not judged.
  for (const agent of ['node', 'python-requests/2.31.0', 'curl/8.4.0', 'posthog-node/5.70.0']) {
    const server: Record<string, unknown> = { $lib: 'posthog-node' };
    markBot(server, agent);
    const script: Record<string, unknown> = {};
    markBot(script, agent);
    assert.deepEqual([server.$is_bot, script.$is_bot], [undefined, undefined], agent);
  }
  const person: Record<string, unknown> = { $raw_user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' };
  markBot(person, undefined);
  assert.equal(person.$is_bot, undefined);
});

test('a user agent judged once keeps its verdict, bot or not, whatever was judged in between; very long agents too', () => {
  const verdict = (agent: string) => {
    const properties: Record<string, unknown> = { $raw_user_agent: agent };
    markBot(properties, undefined);
    return properties.$is_bot === true;
  };
  const bot = 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)';
  const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
  const longBot = `${'x'.repeat(1200)} Googlebot/2.1`;
  const longBrowser = `${browser} ${'a'.repeat(1200)}`;
  for (let round = 0; round < 3; round++) {
    assert.deepEqual([bot, browser, longBot].map(verdict), [true, false, true], `round ${round}`);
  }
  // More distinct agents than the cache keeps: the earliest are judged again, with the same verdicts.
  for (let i = 0; i < 1_500; i++) assert.equal(verdict(`${browser} build/${i}`), false);
  assert.deepEqual([bot, browser].map(verdict), [true, false]);
  assert.equal(verdict(longBrowser), false);
});
