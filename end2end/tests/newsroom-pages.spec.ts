import { test, expect } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// The site's static pages in the newsroom (JavaScript on and off alike): an editor makes a
// page, previews it, saves it, reads it on the site, edits and renames it (the old address
// answers 301), and deletes it after confirming; all by keyboard. Authors see no Pages link and
// are refused.

const tag = (project: string) => `${project}-${Date.now().toString(36)}`;

test('an editor makes, previews, reads, edits and deletes a page, by keyboard', async ({ page, context }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  const id = tag(testInfo.project.name);
  const title = `Visiting us (${id})`;
  const slug = `visiting-${id}`;
  await signIn(page, staffEmail('editor'));

  await page.getByRole('link', { name: 'Pages', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Pages' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Privacy Policy' })).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'New page' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'New page' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Body').fill('Our office opens at **nine**.\n\n<script>window.bad = 1</script>');
  if (js) expect(await seriousViolations(page)).toEqual([]);

  // Preview: the server renders the unsaved form in a new tab.
  const [preview] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: /Preview/ }).click(),
  ]);
  await preview.waitForLoadState();
  await expect(preview.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(preview.locator('strong', { hasText: 'nine' })).toBeVisible();
  await expect(preview.getByText('this page is not saved')).toBeVisible();
  expect(await preview.locator('script').count()).toBe(0);
  await preview.close();

  await page.getByRole('button', { name: 'Save', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit page' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Saved.');

  // On the site at once.
  await page.getByRole('link', { name: 'View the page on the site' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Our office opens at')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit page' })).toBeVisible();
  await page.reload();

  // Edited and renamed: the new words at the new address; the old one moves there.
  const newSlug = `${slug}-now`;
  await page.getByLabel('Slug').fill(newSlug);
  await page.getByLabel('Body').fill('Our office opens at ten.');
  await page.getByLabel('Body').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Saved.');
  const now = await page.request.get(`/${newSlug}`);
  expect(now.status()).toBe(200);
  expect(await now.text()).toContain('Our office opens at ten.');
  const old = await page.request.get(`/${slug}`, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  expect(old.headers()['location']).toMatch(new RegExp(`/${newSlug}$`));

  // Delete, after the confirmation.
  await page.getByRole('button', { name: 'Delete page' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Delete this page?' })).toBeVisible();
  await expect(page.getByText(title)).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Delete', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Pages' })).toBeVisible();
  await expect(page.getByText('The page was deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  expect((await page.request.get(`/${newSlug}`)).status()).toBe(404);
});

test('an author has no Pages link and is refused the pages', async ({ page }) => {
  await signIn(page, staffEmail('author'));
  await expect(page.getByRole('link', { name: 'Pages', exact: true })).toHaveCount(0);
  const res = await page.goto('/newsroom/pages');
  expect(res?.status()).toBe(403);
});
