import { test, expect } from '@playwright/test';
import { LAVROV, waitForHydration } from './helpers';

// Share bar: real share links built from the article's absolute canonical URL, Copy Link,
// and the system share sheet where the Web Share API exists.

const NETWORKS: [string, RegExp, string][] = [
  ['Share on Facebook', /^https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?/, 'u'],
  ['Share on X (Twitter)', /^https:\/\/twitter\.com\/intent\/tweet\?/, 'url'],
  ['Share on Pinterest', /^https:\/\/www\.pinterest\.com\/pin\/create\/button\/\?/, 'url'],
  ['Share on LinkedIn', /^https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?/, 'url'],
  ['Share on Telegram', /^https:\/\/t\.me\/share\/url\?/, 'url'],
];

test('every share link carries the canonical article URL, percent-encoded, in a new tab', async ({ page, baseURL }) => {
  await page.goto(LAVROV);
  const canonical = `${baseURL}${LAVROV}`;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical);
  const top = page.getByRole('group', { name: 'Share this article', exact: true });
  for (const [name, prefix, param] of NETWORKS) {
    const link = top.getByRole('link', { name, exact: true });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(prefix);
    expect(href).not.toContain(' ');
    expect(new URL(href).searchParams.get(param)).toBe(canonical);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  }
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  const x = new URL((await top.getByRole('link', { name: 'Share on X (Twitter)' }).getAttribute('href'))!);
  expect(x.searchParams.get('text')).toBe(title);
  const mail = (await top.getByRole('link', { name: 'Share by Email' }).getAttribute('href'))!;
  expect(mail.startsWith('mailto:?')).toBe(true);
  const mailParams = new URLSearchParams(mail.slice('mailto:?'.length));
  expect(mailParams.get('subject')).toBe(title);
  expect(mailParams.get('body')).toContain(canonical);
  const wa = new URL((await top.getByRole('link', { name: 'Share on WhatsApp' }).getAttribute('href'))!);
  expect(wa.origin + wa.pathname).toBe('https://wa.me/');
  expect(wa.searchParams.get('text')).toContain(canonical);
});

test('Copy Link copies the canonical URL and announces it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto(LAVROV);
  await waitForHydration(page);
  const top = page.getByRole('group', { name: 'Share this article', exact: true });
  await top.getByRole('button', { name: 'Copy Link' }).click();
  await expect(top.getByRole('status')).toHaveText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${LAVROV}`);
});

test('where the Clipboard API is refused, the link is selected for copying by hand', async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await page.goto(LAVROV);
  await waitForHydration(page);
  const top = page.getByRole('group', { name: 'Share this article', exact: true });
  await top.getByRole('button', { name: 'Copy Link' }).click();
  const field = top.getByRole('textbox', { name: 'Article link' });
  await expect(field).toHaveValue(`${baseURL}${LAVROV}`);
  await expect(field).toBeFocused();
  await expect(top.getByRole('status')).toHaveText(/Link copied|Press Ctrl\+C/);
  const selected = await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement;
    return el.value.substring(el.selectionStart ?? 0, el.selectionEnd ?? 0);
  });
  expect(selected).toBe(`${baseURL}${LAVROV}`);
});

test('a "Share…" button opens the system share sheet where the Web Share API exists', async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    (window as any).__shared = null;
    (navigator as any).share = (data: ShareData) => { (window as any).__shared = data; return Promise.resolve(); };
  });
  await page.goto(LAVROV);
  await waitForHydration(page);
  const top = page.getByRole('group', { name: 'Share this article', exact: true });
  await top.getByRole('button', { name: 'Share…' }).click();
  const shared = await page.evaluate(() => (window as any).__shared);
  expect(shared.url).toBe(`${baseURL}${LAVROV}`);
  expect(shared.title).toContain('Lavrov');
});

test('without the Web Share API there is no "Share…" button', async ({ page }) => {
  await page.addInitScript(() => { delete (Navigator.prototype as any).share; });
  await page.goto(LAVROV);
  await waitForHydration(page);
  await expect(page.getByRole('button', { name: 'Share…' })).toHaveCount(0);
});
