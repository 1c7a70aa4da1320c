import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/* The OpenAPI document at /api/schema/, built from the registered routes: public, like PostHog's. */
let warren: WarrenProcess;
let doc: any;

before(async () => {
  warren = await spawnWarren();
  const res = await fetch(`${warren.url}/api/schema/`);
  assert.equal(res.status, 200, 'no credentials needed');
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  doc = JSON.parse(await res.text());
});
after(async () => warren?.stop());

const operation = (path: string, method: string) => doc.paths[path]?.[method];

test('the document is OpenAPI 3 with a bearer scheme for personal API keys', () => {
  assert.match(doc.openapi, /^3\.\d+\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.deepEqual(doc.components.securitySchemes.PersonalAPIKeyAuth, { type: 'http', scheme: 'bearer', description: 'A personal API key, `phx_…`.' });
});

test('known management routes are listed with their method, parameters and the scope they require', () => {
  const expected: [string, string, string][] = [
    ['/api/projects/{project_id}/feature_flags/', 'get', 'feature_flag:read'],
    ['/api/projects/{project_id}/feature_flags/', 'post', 'feature_flag:write'],
    ['/api/environments/{project_id}/feature_flags/{flag_id}/', 'patch', 'feature_flag:write'],
    ['/api/projects/{project_id}/query/', 'post', 'query:read'],
    ['/api/projects/{project_id}/events/', 'get', 'query:read'],
    ['/api/projects/{project_id}/persons/{person_id}/', 'delete', 'person:write'],
    ['/api/projects/{project_id}/exports/', 'post', 'export:write'],
    ['/api/projects/{project_id}/exports/{export_id}/content/', 'get', 'export:read'],
  ];
  for (const [path, method, scope] of expected) {
    const op = operation(path, method);
    assert.ok(op, `${method.toUpperCase()} ${path} is listed`);
    assert.equal(op['x-required-scope'], scope, `${method.toUpperCase()} ${path}`);
    assert.deepEqual(op.security, [{ PersonalAPIKeyAuth: [] }]);
    const pathParams = op.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
    assert.deepEqual(pathParams.sort(), [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
  }
  const events = operation('/api/projects/{project_id}/events/', 'get');
  const query = events.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
  for (const name of ['event', 'distinct_id', 'person_id', 'properties', 'after', 'before', 'limit', 'format']) assert.ok(query.includes(name), name);
});

test('request and response schemas appear where a route declares them', () => {
  const create = operation('/api/projects/{project_id}/exports/', 'post');
  const body = create.requestBody.content['application/json'].schema;
  assert.deepEqual(body.required, ['export_format', 'export_context']);
  assert.deepEqual(body.properties.export_format.enum, ['text/csv', 'application/json', 'application/vnd.apache.parquet']);
  const created = create.responses['201'].content['application/json'].schema;
  for (const field of ['id', 'has_content', 'export_format', 'export_context', 'status']) assert.ok(created.properties[field], field);
});

test('every listed operation declares a valid scope and a unique operation id; SDK routes and the schema itself are not listed', () => {
  const ids = new Set<string>();
  let count = 0;
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    assert.match(path, /^\/api\//);
    for (const op of Object.values(item)) {
      count++;
      assert.match(op['x-required-scope'], /^[a-z_]+:(read|write)$/, path);
      assert.ok(!ids.has(op.operationId), `duplicate ${op.operationId}`);
      ids.add(op.operationId);
    }
  }
  assert.ok(count > 30);
  for (const path of ['/batch/', '/e/', '/flags/', '/decide/', '/api/schema/', '/_health']) assert.equal(doc.paths[path], undefined, path);
});

test('?format=yaml gives the same document as YAML', async () => {
  const res = await fetch(`${warren.url}/api/schema/?format=yaml`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/vnd\.oai\.openapi/);
  assert.match(await res.text(), /^openapi: 3\.0\.3$/m);
});
