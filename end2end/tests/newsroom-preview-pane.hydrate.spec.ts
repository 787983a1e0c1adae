import { test, expect, type Page } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';
import { waitForHydration } from './helpers';

// The editor's inline preview (JavaScript only; without it the form's Preview button opens the
// server's preview in a new tab, see newsroom-editor.spec.ts): the server renders what is typed
// through the public page's Markdown and sanitiser a moment after typing stops, in the article's
// language and direction; script typed into the body never runs; the pane hides and shows by
// keyboard, says politely when it cannot update, and is axe-clean.

const stamp = () => Date.now().toString(36);

/** Counts the preview requests the page sends from now on. */
function countPreviews(page: Page) {
  let sent = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/newsroom\/articles\/(\d+\/)?preview$/.test(r.url())) sent += 1;
  });
  return () => sent;
}

async function newArticle(page: Page) {
  await signIn(page, staffEmail('author'));
  await page.getByRole('link', { name: 'New article' }).click();
  await waitForHydration(page);
  const pane = page.getByRole('region', { name: 'Preview', exact: true });
  await expect(pane).toBeVisible();
  return pane;
}

test('the pane shows what the author types as readers will read it, and script never runs', async ({ page }, testInfo) => {
  // Under the newsroom's nonce-based Content-Security-Policy, nothing the pane does is blocked:
  // its requests are same-origin and the sanitised fragment carries no script, handler or style.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const pane = await newArticle(page);
  await expect(pane).toContainText('Nothing to preview yet');
  const previews = countPreviews(page);

  const title = `Tidal mill turns again ${testInfo.project.name} ${stamp()}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  // Typed key by key: the pane waits until typing stops, not one request a key.
  const body = page.getByLabel('Body');
  await body.pressSequentially('The wheel turns with *every* tide.', { delay: 10 });
  await expect(pane.locator('em')).toHaveText('every');
  await expect(pane.getByRole('heading', { level: 3 })).toHaveText(title);
  expect(previews()).toBeLessThanOrEqual(3);

  await body.press('End');
  await body.pressSequentially(
    '\n\n## Tides and turbines\n\n<img src="/no-such-image.png" alt="A mill wheel" onerror="window.__previewRan = 1">\n\n' +
      '<script>window.__previewRan = 2</script>\n\n[a link](javascript:window.__previewRan=3)',
  );
  await expect(pane.getByRole('heading', { level: 2, name: 'Tides and turbines' })).toBeVisible();
  await expect(pane.locator('img')).toHaveCount(1);
  // The image's error fired (no such file), yet its handler never reached the page.
  await expect
    .poll(() => pane.locator('img').evaluate((img: HTMLImageElement) => img.complete))
    .toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __previewRan?: number }).__previewRan)).toBeUndefined();
  expect(await pane.locator('script, [onerror], a[href^="javascript"]').count()).toBe(0);
  // Rendered by the server: the pane's words are the public pipeline's, never Markdown source.
  await expect(pane).not.toContainText('## Tides');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
});

test('the pane follows the Language field: Arabic reads right to left', async ({ page }) => {
  const pane = await newArticle(page);
  await page.getByLabel('Title', { exact: true }).fill('عودة الطاحونة');
  await page.getByLabel('Body').fill('تدور العجلة مع *كل* مد.');
  const article = pane.locator('article');
  await expect(article).toHaveAttribute('dir', 'ltr');
  await page.getByLabel('Language').selectOption('ar');
  await expect(article).toHaveAttribute('dir', 'rtl');
  await expect(article).toHaveAttribute('lang', 'ar');
  await expect(article.locator('em')).toHaveText('كل');
  await page.getByLabel('Language').selectOption('fr');
  await expect(article).toHaveAttribute('lang', 'fr');
  await expect(article).toHaveAttribute('dir', 'ltr');
});

test('the pane hides and shows by keyboard, and the form takes the room', async ({ page, isMobile }) => {
  const pane = await newArticle(page);
  await page.getByLabel('Body').fill('## Before hiding');
  await expect(pane.getByRole('heading', { level: 2, name: 'Before hiding' })).toBeVisible();
  const form = page.locator('#editor-form');
  const besidePane = (await form.boundingBox())!.width;

  const hide = pane.getByRole('button', { name: 'Hide preview' });
  await expect(hide).toHaveAttribute('aria-expanded', 'true');
  await hide.focus();
  await page.keyboard.press('Enter');
  const show = pane.getByRole('button', { name: 'Show preview' });
  await expect(show).toBeFocused();
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await expect(pane.getByRole('heading', { level: 2, name: 'Before hiding' })).toBeHidden();
  await expect(pane.getByRole('button', { name: 'Refresh preview' })).toBeHidden();
  if (!isMobile) {
    // Beside the pane the form had half the width; alone, it has it all.
    await expect.poll(async () => (await form.boundingBox())!.width).toBeGreaterThan(besidePane * 1.5);
  }
  expect(await seriousViolations(page)).toEqual([]);

  // Hidden, it asks for nothing; shown again, it catches up with what was typed meanwhile.
  const previews = countPreviews(page);
  await page.getByLabel('Body').fill('## Written while hidden');
  await page.waitForTimeout(1500);
  expect(previews()).toBe(0);
  await show.focus();
  await page.keyboard.press('Space');
  await expect(pane.getByRole('button', { name: 'Hide preview' })).toBeFocused();
  await expect(pane.getByRole('heading', { level: 2, name: 'Written while hidden' })).toBeVisible();
  if (!isMobile) {
    await expect.poll(async () => (await form.boundingBox())!.width).toBeLessThan(besidePane * 1.2);
  }
});

test('a preview that cannot be had is said politely, and Refresh preview tries again', async ({ page }) => {
  const pane = await newArticle(page);
  await page.getByLabel('Body').fill('## Steady state');
  await expect(pane.getByRole('heading', { level: 2, name: 'Steady state' })).toBeVisible();
  const note = pane.locator('[aria-live="polite"]');

  // No connection.
  await page.route('**/newsroom/articles/preview', (route) => route.abort('internetdisconnected'));
  await pane.getByRole('button', { name: 'Refresh preview' }).click();
  await expect(note).toHaveText(/^No preview: no connection/);
  // The last preview stays.
  await expect(pane.getByRole('heading', { level: 2, name: 'Steady state' })).toBeVisible();

  // A refusal the server did not explain (a session that ended elsewhere).
  await page.unroute('**/newsroom/articles/preview');
  await page.route('**/newsroom/articles/preview', (route) =>
    route.fulfill({ status: 401, contentType: 'text/html', body: '<h1>Unauthorized</h1>' }),
  );
  await pane.getByRole('button', { name: 'Refresh preview' }).click();
  await expect(note).toHaveText(/^No preview: your session has ended/);
  expect(await pane.getByRole('heading', { name: 'Unauthorized' }).count()).toBe(0);

  // One it did: its words, as they are.
  await page.unroute('**/newsroom/articles/preview');
  await page.route('**/newsroom/articles/preview', (route) =>
    route.fulfill({ status: 422, contentType: 'application/json', body: '{"message":"No preview: the title is over 300 characters; shorten it."}' }),
  );
  await pane.getByRole('button', { name: 'Refresh preview' }).click();
  await expect(note).toHaveText('No preview: the title is over 300 characters; shorten it.');

  // Back to normal: the note goes, the preview is current.
  await page.unroute('**/newsroom/articles/preview');
  await page.getByLabel('Body').fill('## Back again');
  await expect(pane.getByRole('heading', { level: 2, name: 'Back again' })).toBeVisible();
  await expect(note).toHaveText('');
  expect(await seriousViolations(page)).toEqual([]);
});

test('a saved draft previews through its own address', async ({ page }, testInfo) => {
  await newArticle(page);
  await page.getByLabel('Title', { exact: true }).fill(`Mill accounts ${testInfo.project.name} ${stamp()}`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/newsroom\/articles\/\d+\?done=save$/);
  await waitForHydration(page);
  const saved = page.getByRole('region', { name: 'Preview', exact: true });
  const request = page.waitForRequest((r) => /\/newsroom\/articles\/\d+\/preview$/.test(r.url()));
  await page.getByLabel('Body').fill('Kept *for* the record.');
  await request;
  await expect(saved.locator('em')).toHaveText('for');
});
