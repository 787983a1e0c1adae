import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// Dark mode follows the system, and a header toggle remembered in a cookie applies the chosen
// theme on every page before it is first painted (no flash of the wrong one). The server's HTML
// is the same for everyone, so shared caches keep one copy per URL.

const background = (page: import('@playwright/test').Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('follows prefers-color-scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const light = await background(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background(page);
  expect(dark).not.toBe(light);
});

test('the toggle switches theme, sets a cookie, and the next page opens in it', async ({ page, context }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await waitForHydration(page);
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const light = await background(page);
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await background(page)).not.toBe(light);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === 'timelines_theme')?.value).toBe('dark');

  // The server's HTML is the same for every reader; the head applies the theme before the body
  // is parsed, long before the bundle runs.
  const html = await (await page.request.get('/category/science')).text();
  expect(html).not.toMatch(/<html[^>]*data-theme=/);
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') {
        (window as any).themeAtParse = document.documentElement.getAttribute('data-theme');
      }
    });
  });
  await page.goto('/category/science');
  expect(await page.evaluate(() => (window as any).themeAtParse)).toBe('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByRole('button', { name: 'Dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect((await context.cookies()).find((c) => c.name === 'timelines_theme')?.value).toBe('light');
});
