import { test, expect, type Page } from '@playwright/test';
import { drawPng, seriousViolations, signIn, staffEmail } from './newsroom';

// The media library (JavaScript on and off alike): an author uploads an image with its alt
// text by keyboard, finds it in the library once its sizes are made, opens it, uses it as a new
// article's featured image and publishes; the library then says the article uses it. A
// contributor has no library. Readers then see it on the article and its card (the rest of
// the reader-side markup is checked in pictures.spec.ts).

/** Presses Enter on the link or button named `name`, as a keyboard user does. */
async function press(page: Page, role: 'link' | 'button', name: string | RegExp) {
  await page.getByRole(role, { name, exact: typeof name === 'string' }).first().focus();
  await page.keyboard.press('Enter');
}

test('an author uploads an image, finds it in the library and publishes it as a featured image, by keyboard', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  const run = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const fileName = `harbour-${run}.png`;
  const alt = `The harbour at sunrise (${run})`;
  const title = `Harbour reopens (${run})`;
  await signIn(page, staffEmail('author'));

  await press(page, 'link', 'Media');
  await expect(page.getByRole('heading', { level: 1, name: 'Media library' })).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);

  // Upload with alt text.
  await page.getByLabel('Image file').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: drawPng(900, 600, run) });
  await page.getByLabel(/^Alt text/).fill(alt);
  await page.getByLabel('Caption').fill('Fishing boats come home at first light.');
  await page.getByLabel('Credit').fill('Drawing: West Timelines');
  await press(page, 'button', 'Upload');
  await expect(page.getByRole('status')).toContainText('Uploaded.');

  // In the library once its sizes are made: a thumbnail with its alt text and size.
  const thumb = page.getByRole('img', { name: alt });
  await expect(async () => {
    await page.reload();
    await expect(thumb).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(thumb).toHaveAttribute('width', '320');
  await expect(thumb).toHaveAttribute('height', '213');
  // Loaded (the reload above may still be fetching it): poll rather than read it once.
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  if (js) expect(await seriousViolations(page)).toEqual([]);

  // Found by its alt text.
  await page.getByLabel('Search by alt text or file name').fill(run);
  await page.getByLabel('Search by alt text or file name').press('Enter');
  await expect(page.getByText('1 image whose alt text or file name has')).toBeVisible();

  // Its page, then "Use as featured image".
  await press(page, 'link', new RegExp(fileName.replace('.', '\\.')));
  await expect(page.getByRole('heading', { level: 1, name: fileName })).toBeVisible();
  await expect(page.getByText('No article uses it.')).toBeVisible();
  await expect(page.getByRole('link', { name: '768 × 512, WebP' })).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);
  await press(page, 'link', /Use as featured image/);
  await expect(page.getByRole('heading', { level: 1, name: 'New article' })).toBeVisible();
  const group = page.getByRole('group', { name: 'Featured image' });
  await expect(group.getByLabel('Image', { exact: true })).toHaveValue(/^\d+$/);
  await expect(group.getByLabel(/^Alt text/)).toHaveValue(alt);
  await expect(group.getByLabel('Caption')).toHaveValue('Fishing boats come home at first light.');
  await expect(group.getByRole('img', { name: alt })).toBeVisible();

  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body').fill('The harbour reopened this morning.');
  await page.getByLabel('Category').selectOption({ label: 'World' });
  await group.getByLabel(/^Alt text/).fill(`${alt}, boats at the quay`);
  if (js) expect(await seriousViolations(page)).toEqual([]);
  await press(page, 'button', 'Publish');
  await expect(page.getByRole('status')).toHaveText('Published.');
  await expect(page.getByRole('group', { name: 'Featured image' }).getByLabel(/^Alt text/)).toHaveValue(`${alt}, boats at the quay`);

  // Readers see it on the article, with its caption and credit, and on the section's card.
  await press(page, 'link', 'View the article on the site');
  const figure = page.locator('figure.article__figure');
  const shown = figure.getByRole('img', { name: `${alt}, boats at the quay` });
  await expect(shown).toHaveAttribute('width', '768');
  await expect(shown).toHaveAttribute('height', '512');
  await expect(shown).toHaveAttribute('srcset', /320\.jpg 320w, .*768\.jpg 768w$/);
  await expect(figure.locator('figcaption')).toContainText('Fishing boats come home at first light.');
  await expect(figure.locator('figcaption')).toContainText('Drawing: West Timelines');
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await page.goto('/category/world');
  const card = page.locator('.card', { hasText: title });
  await expect(card.getByRole('img', { name: `${alt}, boats at the quay` })).toHaveAttribute('srcset', /320\.jpg 320w/);
  await page.goto('/newsroom');

  // The library says who uses it now, and will not delete it.
  await press(page, 'link', 'Media');
  await page.getByLabel('Search by alt text or file name').fill(run);
  await page.getByLabel('Search by alt text or file name').press('Enter');
  await press(page, 'link', new RegExp(fileName.replace('.', '\\.')));
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await press(page, 'button', 'Delete');
  await expect(page.getByRole('heading', { level: 1, name: 'Delete this image?' })).toBeVisible();
  await press(page, 'button', 'Delete');
  await expect(page.getByRole('alert')).toContainText('choose another image for it first');
});

test('a bad upload is refused with a message by its field', async ({ page }) => {
  await signIn(page, staffEmail('author'));
  await page.goto('/newsroom/media');
  await page.getByLabel('Image file').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Meeting notes, not a photo.') });
  await page.getByLabel(/^Alt text/).fill('Not really an image');
  await press(page, 'button', 'Upload');
  await expect(page.getByRole('alert').first()).toContainText('not an image');
  await expect(page.getByLabel('Image file')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(/^Alt text/)).toHaveValue('Not really an image');
});

test('a contributor has no media library', async ({ page }) => {
  await signIn(page, staffEmail('contributor'));
  await expect(page.getByRole('link', { name: 'Media', exact: true })).toHaveCount(0);
  const res = await page.goto('/newsroom/media');
  expect(res?.status()).toBe(403);
});
