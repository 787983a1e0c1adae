import { test, expect } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// A secret preview link (JavaScript on and off alike): an author shares a draft, someone
// signed out opens the link in a fresh browser, and "Stop sharing" closes it.

const titleFor = (project: string, what: string) => `${what} (${project} ${Date.now().toString(36)})`;

test('a shared draft opens signed out until sharing stops', async ({ page, browser, baseURL }, testInfo) => {
  const title = titleFor(testInfo.project.name, 'Harbour festival plans');
  const js = testInfo.project.use.javaScriptEnabled;
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body').fill('The festival returns.\n\n## Programme\n\nBoats at *noon*.');
  await page.getByLabel('Category').selectOption({ label: 'World' });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Draft saved.');
  await expect(page.getByText('Not shared: only the newsroom can read it.')).toBeVisible();

  await page.getByRole('button', { name: 'Share preview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Preview link' })).toBeVisible();
  const link = await page.getByLabel('Link to copy').inputValue();
  expect(link).toMatch(/\/preview\/[A-Za-z0-9_-]{43}$/);
  if (js) expect(await seriousViolations(page)).toEqual([]);

  // Someone signed out, in a browser of their own.
  const reader = await browser.newContext({ baseURL, javaScriptEnabled: js });
  const outside = await reader.newPage();
  const res = await outside.goto(link);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['x-robots-tag']).toContain('noindex');
  expect(res?.headers()['cache-control']).toBe('private, no-store');
  await expect(outside.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(outside.getByText('Preview — not published')).toBeVisible();
  await expect(outside.getByRole('heading', { level: 2, name: 'Programme' })).toBeVisible();
  await expect(outside.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  if (js) expect(await seriousViolations(outside)).toEqual([]);

  // Back in the editor, by keyboard: Stop sharing.
  await page.getByRole('link', { name: 'Back to the editor' }).click();
  await expect(page.getByText(/^Shared: one link is open until/)).toBeVisible();
  await page.getByRole('button', { name: 'Stop sharing' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Stopped sharing: its preview links no longer open.');
  expect((await outside.goto(link))?.status()).toBe(404);
  await reader.close();
});
