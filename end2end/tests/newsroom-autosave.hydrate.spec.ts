import { test, expect } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';
import { waitForHydration } from './helpers';

// The editor with JavaScript (the newsroom's own bundle): the Slug follows the Title until edited
// by hand, a draft saves itself a few seconds after typing stops and says so politely, leaving
// with unsaved changes asks first, and a button pressed while an autosave is on its way waits
// for it instead of colliding with it.

const stamp = () => Date.now().toString(36);

test('the slug follows the title and a new draft saves itself', async ({ page }, testInfo) => {
  const title = `Rooftop gardens spread across Kelby ${testInfo.project.name} ${stamp()}`;
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  // The newsroom bundle, not the readers', hydrates the editor.
  expect(await page.locator('script[type=module]').textContent()).toMatch(/\/newsroom-pkg\/newsroom\.[0-9a-f]+\.js/);
  await waitForHydration(page);

  const titleField = page.getByLabel('Title', { exact: true });
  await titleField.pressSequentially('Rooftop gardens');
  await expect(page.getByLabel('Slug')).toHaveValue('rooftop-gardens');
  await titleField.fill('');
  await titleField.pressSequentially(title);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  await page.getByLabel('Body').pressSequentially('Green roofs now cover the old mill.');

  // A few seconds after typing stops: saved, announced in the status line, and the address is
  // the article's own.
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^Saved at \d\d:\d\d/, { timeout: 10_000 });
  await expect(page).toHaveURL(/\/newsroom\/articles\/\d+$/);
  expect(await seriousViolations(page)).toEqual([]);

  // It is a draft in the list, with what was typed.
  await page.reload();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
  await expect(page.getByLabel('Body')).toHaveValue('Green roofs now cover the old mill.');
  await expect(page.getByText(/^Draft · last saved by E2E Author/)).toBeVisible();

  // A slug edited by hand stays as it is.
  const own = `rooftop-gardens-${testInfo.project.name}-${stamp()}`;
  await page.getByLabel('Slug').fill(own);
  await page.getByLabel('Title', { exact: true }).press('End');
  await page.getByLabel('Title', { exact: true }).pressSequentially(' today');
  await expect(page.getByLabel('Slug')).toHaveValue(own);
  await expect(status).toHaveText(/^Saved at/, { timeout: 10_000 });
  await page.reload();
  await expect(page.getByLabel('Slug')).toHaveValue(own);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(`${title} today`);
});

test('leaving with unsaved changes asks first', async ({ page }, testInfo) => {
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title', { exact: true }).pressSequentially(`Harbour lights ${testInfo.project.name} ${stamp()}`);
  await expect(page.getByRole('status')).toHaveText('Unsaved changes');

  let asked = 0;
  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('beforeunload');
    asked += 1;
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Articles', exact: true }).click();
  await expect.poll(() => asked).toBe(1);
  // Staying: the editor and its words are still there.
  await expect(page.getByRole('heading', { level: 1, name: 'New article' })).toBeVisible();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(/^Harbour lights/);

  // Once saved, leaving asks nothing.
  await expect(page.getByRole('status')).toHaveText(/^Saved at/, { timeout: 10_000 });
  page.on('dialog', () => {
    asked += 1;
  });
  await page.getByRole('link', { name: 'Articles', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Articles' })).toBeVisible();
  expect(asked).toBe(1);
});

test('a button pressed during an autosave waits for it', async ({ page }, testInfo) => {
  const title = `Tide tables revised ${testInfo.project.name} ${stamp()}`;
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  await waitForHydration(page);
  await page.getByLabel('Title', { exact: true }).pressSequentially(title);
  await page.getByLabel('Body').pressSequentially('The harbour office revised them.');
  await expect(page.getByRole('status')).toHaveText(/^Saved at/, { timeout: 10_000 });

  // The next autosave is slow to come back; "Save draft" is pressed while it is on its way.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/autosave', async (route) => {
    await held;
    await route.continue();
  });
  const sent = page.waitForRequest('**/autosave');
  await page.getByLabel('Body').pressSequentially(' Twice.');
  await sent;
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Saving…');
  release();
  // No conflict with its own autosave: the draft is saved with every word.
  await expect(page.getByRole('status')).toHaveText('Draft saved.');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Body')).toHaveValue('The harbour office revised them. Twice.');
});

test('words typed before the scripts arrive are saved too', async ({ page }, testInfo) => {
  const title = `Snow gates closed ${testInfo.project.name} ${stamp()}`;
  await signIn(page, staffEmail('author'));
  // Typed while the newsroom bundle is still on its way (held back until then).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/newsroom-pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/newsroom/articles/new');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await expect(page.locator('html')).not.toHaveAttribute('data-js', 'true');
  release();
  await waitForHydration(page);
  await expect(page.getByLabel('Slug')).toHaveValue(title.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  await expect(page.getByRole('status')).toHaveText(/^Saved at/, { timeout: 10_000 });
  await page.reload();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
});

test('a draft refused for good says why, and keeps saying it through later typing', async ({ page }, testInfo) => {
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  await waitForHydration(page);
  await page.getByLabel('Title', { exact: true }).pressSequentially(`Ferry timetable ${testInfo.project.name} ${stamp()}`);
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^Saved at/, { timeout: 10_000 });

  // In another tab of the same browser: signed out and in again, a new session, so the form
  // this page holds carries a token that is no longer valid.
  const other = await page.context().newPage();
  await other.goto('/newsroom');
  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(other.getByRole('status')).toHaveText('You have signed out.');
  await signIn(other, staffEmail('author'));
  await other.close();

  const body = page.getByLabel('Body');
  await body.pressSequentially('The winter timetable starts on Monday.');
  const expired = 'Not saved: this form has expired. Copy your changes, then reload the page.';
  await expect(status).toHaveText(expired, { timeout: 10_000 });
  // Typing on does not hide the warning, nor does it try again.
  let tried = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/autosave')) tried += 1;
  });
  await body.pressSequentially(' Boats leave hourly.');
  await page.waitForTimeout(4_000);
  await expect(status).toHaveText(expired);
  expect(tried).toBe(0);
  await expect(body).toHaveValue('The winter timetable starts on Monday. Boats leave hourly.');
});
