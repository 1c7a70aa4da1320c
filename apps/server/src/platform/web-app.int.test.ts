import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { ensureWebAppBuilt } from './web-app.js';

test('a server started without a built web app builds it on first start, into the directory it serves', () => {
  const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-web-')), 'dist');
  try {
    ensureWebAppBuilt(pino({ level: 'silent' }), dist);
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const script = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script && fs.existsSync(path.join(dist, 'assets', script)), 'index.html loads a script that was built beside it');
    const builtAt = fs.statSync(path.join(dist, 'index.html')).mtimeMs;
    ensureWebAppBuilt(pino({ level: 'silent' }), dist);
    assert.equal(fs.statSync(path.join(dist, 'index.html')).mtimeMs, builtAt, 'an existing build is left alone');
  } finally {
    fs.rmSync(path.dirname(dist), { recursive: true, force: true });
  }
});
