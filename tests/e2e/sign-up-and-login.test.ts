import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { OWNER, openWebApp, type WebAppSession } from '../support/web-app.js';

let session: WebAppSession;
before(async () => {
  session = await openWebApp();
});
after(async () => {
  await session?.close();
});

test('a fresh install sends the first visitor to sign-up, and the new owner lands on the project', async () => {
  const { page, warren } = session;
  await page.goto(warren.url + '/');
  await page.getByRole('heading', { name: 'Create the owner account' }).waitFor();
  await session.screenshot('signup');
  await page.getByLabel('First name').fill(OWNER.firstName);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/project\/1\/activity$/);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Insights' }).count(), 1);
});

test('sign-up closes once the owner exists', async () => {
  const res = await fetch(session.warren.url + '/api/signup/status/');
  assert.deepEqual(await res.json(), { open: false });
});

test('logging out returns to the login page, and logging in goes back to the page asked for', async () => {
  const { page, warren } = session;
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login/);
  await page.goto(warren.url + '/project/1/persons');
  await page.waitForURL(/\/login\?next=%2Fproject%2F1%2Fpersons/);
  await session.screenshot('login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/project\/1\/persons$/);
});

test('an unknown address inside the app shows a page-not-found screen, while API paths keep answering JSON', async () => {
  const { page, warren } = session;
  await page.goto(warren.url + '/project/1/no-such-screen');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  const res = await fetch(warren.url + '/api/no-such-endpoint/', { headers: { accept: 'text/html' } });
  assert.equal(res.status, 404);
  assert.equal((await res.json()).code, 'not_found');
});
