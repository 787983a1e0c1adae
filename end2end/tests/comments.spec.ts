import { test, expect, type Page } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// Readers' comments, with JavaScript on (posted without leaving the page) and off (posted,
// then redirected back): a reader comments by keyboard, sees their comment held for
// moderation while other readers do not see it, an editor approves it in the newsroom, and it
// shows under the article for everyone, with the count on the meta line updated.

const PROJECTS = ['hydrated', 'nojs', 'mobile'];

/** A demo article of this project's own (projects run side by side on one database). */
async function ownArticle(page: Page, project: string): Promise<string> {
  await page.goto('/category/world');
  const links = page.locator('main .card__title a');
  const href = await links.nth(PROJECTS.indexOf(project) + 1).getAttribute('href');
  expect(href).toBeTruthy();
  return href!;
}

/** axe's serious findings once the ticker's fade is over (axe would measure a headline's
 *  contrast halfway through it). */
async function violations(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return seriousViolations(page);
}

function countOf(text: string): number {
  const m = text.match(/^(\d+) Comments?$/);
  return m ? Number(m[1]) : 0;
}

test('a comment is held, approved in the newsroom, then shown with the count', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  const id = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const text = `The ferry timetable changed again (${id}).`;
  const article = await ownArticle(page, testInfo.project.name);

  await page.goto(article);
  const meta = page.locator('.article__meta a[href="#comments"]');
  const before = countOf((await meta.textContent()) ?? '');
  await expect(page.getByRole('heading', { level: 2, name: /Comments?$/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Leave a comment' })).toBeVisible();
  if (js) expect(await violations(page)).toEqual([]);

  // By keyboard: fill the fields, then the button with Enter.
  await page.getByLabel('Name', { exact: true }).fill('Mara Quill');
  await page.getByLabel('Email', { exact: true }).fill(`mara-${id}@example.com`);
  await page.getByLabel('Comment', { exact: true }).fill(text);
  // The form refuses a post made the moment it was rendered (comments.min_seconds is 1 here).
  await page.waitForTimeout(1_100);
  await page.getByRole('button', { name: 'Post comment' }).focus();
  await page.keyboard.press('Enter');

  if (js) {
    await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible();
    await expect(page.getByLabel('Comment', { exact: true })).toHaveValue('');
  }
  // Either way the comment is on the page, marked as waiting, at its own link.
  await expect(page.locator('.comment--held', { hasText: text })).toBeVisible();
  await expect(page.getByText('Your comment is awaiting moderation.')).toBeVisible();
  await expect(page).toHaveURL(/\?held=\d+\.[\w-]+#comment-\d+$/);
  // Reloaded, it is still there for its author.
  await page.reload();
  await expect(page.locator('.comment--held', { hasText: text })).toBeVisible();
  if (js) expect(await violations(page)).toEqual([]);

  // Another reader does not see it.
  const otherContext = await browser.newContext({ javaScriptEnabled: js });
  const other = await otherContext.newPage();
  await other.goto(article);
  await expect(other.locator('#comments')).toBeVisible();
  await expect(other.getByText(text)).toHaveCount(0);

  // An editor approves it.
  const deskContext = await browser.newContext({ javaScriptEnabled: js });
  const desk = await deskContext.newPage();
  await signIn(desk, staffEmail('editor'));
  await desk.getByRole('link', { name: 'Comments', exact: true }).focus();
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
  const queued = desk.locator('li.nr-comment', { hasText: text });
  await expect(queued).toBeVisible();
  if (js) expect(await seriousViolations(desk)).toEqual([]);
  await queued.getByRole('button', { name: 'Approve' }).focus();
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('status')).toHaveText('Comment approved: readers see it now.');
  await expect(desk.locator('li.nr-comment', { hasText: text })).toHaveCount(0);

  // Every reader sees it now, through the page cache, and the count says so.
  await other.reload();
  const shown = other.locator('#comments .comment', { hasText: text });
  await expect(shown).toBeVisible();
  await expect(shown.getByText('awaiting moderation')).toHaveCount(0);
  const after = countOf((await other.locator('.article__meta a[href="#comments"]').textContent()) ?? '');
  expect(after).toBeGreaterThanOrEqual(before + 1);
  await expect(other.getByRole('heading', { level: 2, name: `${after} Comment${after === 1 ? '' : 's'}` })).toBeVisible();
  await otherContext.close();
  await deskContext.close();
});

test('a refused comment says why and keeps what was typed', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  const article = await ownArticle(page, testInfo.project.name);
  await page.goto(article);
  await page.getByLabel('Name', { exact: true }).fill('Mara Quill');
  // The browser's own check passes (it looks like an address); the server's refuses it.
  await page.getByLabel('Email', { exact: true }).fill('mara@exаmple.com');
  await page.getByLabel('Comment', { exact: true }).fill('Kept as typed </textarea><b>x</b>');
  await page.waitForTimeout(1_100);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.getByRole('alert')).toContainText('only look alike');
  await expect(page.getByLabel('Comment', { exact: true })).toHaveValue('Kept as typed </textarea><b>x</b>');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Mara Quill');
  if (!js) expect(page.url()).toContain('/comments');
});
