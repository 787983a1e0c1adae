import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// Dark mode follows the system, and a header toggle remembered in a cookie lets the server
// render the chosen theme (no flash of the wrong one).

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

test('the toggle switches theme, sets a cookie, and the server renders it next time', async ({ page, context }) => {
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

  // The server's own HTML carries the theme.
  const html = await (await page.request.get('/category/science')).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.goto('/category/science');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByRole('button', { name: 'Dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect((await context.cookies()).find((c) => c.name === 'timelines_theme')?.value).toBe('light');
});
