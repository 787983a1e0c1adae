import { test, expect, type Page } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// The contact page's form, with JavaScript on and off and on a phone: a reader writes to the
// newsroom by keyboard and is thanked; a refused message says why and keeps what was typed;
// an editor finds the message under Messages, opens it (it is read now) and deletes it.

async function violations(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return seriousViolations(page);
}

test('a reader writes to the newsroom and an editor reads the message', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  const subject = `Harbour tip ${testInfo.project.name} ${Date.now().toString(36)}`;
  await page.goto('/contact');
  await expect(page.getByRole('heading', { level: 2, name: 'Write to the newsroom' })).toBeVisible();
  if (js) expect(await violations(page)).toEqual([]);

  await page.getByLabel('Name', { exact: true }).fill('Mara Quill');
  await page.getByLabel('Email', { exact: true }).fill('mara@example.com');
  await page.getByLabel('Subject', { exact: true }).fill(subject);
  await page.getByLabel('Message', { exact: true }).fill('The ferry timetable changed this week.');
  // The form's signed time must be a second old (TIMELINES_COMMENTS_MIN_SECONDS in run-e2e.sh).
  await page.waitForTimeout(1_100);
  await page.getByRole('button', { name: 'Send message' }).focus();
  await page.keyboard.press('Enter');
  // Without JavaScript the redirect's #contact-sent; with it, the swap focuses the thanks.
  await expect(page).toHaveURL(/\/contact\?sent=1(#contact-sent)?$/);
  await expect(page.locator('#contact-sent')).toBeFocused();
  await expect(page.getByRole('status')).toContainText('your message has reached the newsroom');

  const deskContext = await browser.newContext({ javaScriptEnabled: js });
  const desk = await deskContext.newPage();
  await signIn(desk, staffEmail('editor'));
  await desk.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Messages' }).click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  const row = desk.getByRole('row', { name: new RegExp(subject) });
  await expect(row).toContainText('New');
  if (js) expect(await seriousViolations(desk)).toEqual([]);
  await row.getByRole('link', { name: subject }).focus();
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(desk.getByText('The ferry timetable changed this week.')).toBeVisible();
  await expect(desk.getByRole('link', { name: 'Answer by email' })).toHaveAttribute('href', /^mailto:mara@example\.com\?subject=Re%3A%20/);
  if (js) expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('link', { name: 'All messages' }).click();
  await expect(desk.getByRole('row', { name: new RegExp(subject) })).toContainText('Read');
  await desk.getByRole('row', { name: new RegExp(subject) }).getByRole('link').click();
  await desk.getByRole('button', { name: 'Delete message' }).click();
  await expect(desk.getByRole('status')).toHaveText('Message deleted.');
  await expect(desk.getByRole('row', { name: new RegExp(subject) })).toHaveCount(0);
  await deskContext.close();
});

test('a refused message says why and keeps what was typed', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  await page.goto('/contact');
  // Looks like a name to the browser; the server refuses its invisible direction mark.
  await page.getByLabel('Name', { exact: true }).fill('Mara\u202EQuill');
  await page.getByLabel('Email', { exact: true }).fill('mara@example.com');
  await page.getByLabel('Subject', { exact: true }).fill('Kept subject');
  await page.getByLabel('Message', { exact: true }).fill('Kept as typed </textarea><b>x</b>');
  await page.waitForTimeout(1_100);
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot hold line breaks, control or invisible characters');
  await expect(page.getByLabel('Subject', { exact: true })).toHaveValue('Kept subject');
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('Kept as typed </textarea><b>x</b>');
  if (js) expect(await violations(page)).toEqual([]);
});
