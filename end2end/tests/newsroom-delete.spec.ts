import { test, expect } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// Deleting an article (JavaScript on and off alike): the editor's Delete button leads to a
// confirmation page; Cancel goes back; Delete removes the article, whose address then answers
// 410 Gone and which no reader page shows.

const titleFor = (project: string, what: string) => `${what} (${project} ${Date.now().toString(36)})`;

test('an author deletes a published article after confirming, by keyboard', async ({ page }, testInfo) => {
  const title = titleFor(testInfo.project.name, 'Bridge closure notice');
  const js = testInfo.project.use.javaScriptEnabled;
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body').fill('The bridge closes for repairs on Monday.');
  await page.getByLabel('Category').selectOption({ label: 'World' });
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Published.');
  const href = await page.getByRole('link', { name: 'View the article on the site' }).getAttribute('href');
  expect(href).toBeTruthy();
  expect((await page.request.get(href!)).status()).toBe(200);

  // Delete, then think better of it: Cancel goes back to the editor.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delete this article?' })).toBeVisible();
  await expect(page.getByText(title)).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit article' })).toBeVisible();

  // Delete for real, from the keyboard.
  await page.getByRole('button', { name: 'Delete', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Delete this article?' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Articles' })).toBeVisible();
  await expect(page.getByText('The article was deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);

  // Gone for readers, within the second the issue allows (the page cache refreshes at once).
  expect((await page.request.get(href!)).status()).toBe(410);
  expect(await (await page.request.get('/')).text()).not.toContain(title);
  expect(await (await page.request.get('/feed')).text()).not.toContain(title);
  // Its address says it was removed (not that it never existed).
  const gone = await page.goto(href!);
  expect(gone?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Article removed');
});

test('a contributor may not delete an article an editor published', async ({ browser, baseURL }, testInfo) => {
  const title = titleFor(testInfo.project.name, 'Market day moves');
  const js = testInfo.project.use.javaScriptEnabled;
  const contributor = await (await browser.newContext({ baseURL, javaScriptEnabled: js })).newPage();
  await signIn(contributor, staffEmail('contributor'));
  await contributor.getByRole('link', { name: 'New article' }).click();
  await contributor.getByLabel('Title', { exact: true }).fill(title);
  await contributor.getByLabel('Body').fill('The market moves to the square.');
  await contributor.getByLabel('Category').selectOption({ label: 'World' });
  await contributor.getByRole('button', { name: 'Submit for review' }).click();
  // Theirs while unpublished: they may delete it.
  await expect(contributor.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
  const editorUrl = contributor.url().replace(/\?.*$/, '');

  const editor = await (await browser.newContext({ baseURL, javaScriptEnabled: js })).newPage();
  await signIn(editor, staffEmail('editor'));
  await editor.goto(editorUrl);
  await editor.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(editor.getByRole('status')).toHaveText('Published.');
  await expect(editor.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();

  // Published by an editor: no longer the contributor's to delete, and asking is refused.
  const confirm = await contributor.goto(`${editorUrl}/delete`);
  expect(confirm?.status()).toBe(403);
  await editor.goto(`${editorUrl}/delete`);
  await editor.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(editor.getByText('The article was deleted.')).toBeVisible();
  await contributor.context().close();
  await editor.context().close();
});
