import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// Trending Now rotates one headline at a time, with Pause/Play (WCAG 2.2.2).

async function activeHeadline(page: import('@playwright/test').Page) {
  return page.getByRole('region', { name: 'Trending Now' }).locator('.ticker__item.is-active a').textContent();
}

test('rotates, pauses on the button, on hover and on focus', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await waitForHydration(page);
  const ticker = page.getByRole('region', { name: 'Trending Now' });
  await expect(ticker.locator('.ticker__item:visible')).toHaveCount(1);
  const first = await activeHeadline(page);
  await page.clock.runFor(5_500);
  const second = await activeHeadline(page);
  expect(second).not.toBe(first);

  const pause = ticker.getByRole('button', { name: 'Pause' });
  await pause.click();
  await expect(ticker.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
  await page.clock.runFor(11_000);
  expect(await activeHeadline(page)).toBe(second);
  await ticker.getByRole('button', { name: 'Play' }).click();

  await ticker.locator('.ticker__item.is-active a').hover();
  await page.clock.runFor(11_000);
  expect(await activeHeadline(page)).toBe(second);
  await page.mouse.move(600, 700);
  await ticker.getByRole('button', { name: 'Pause' }).focus();
  await page.clock.runFor(11_000);
  expect(await activeHeadline(page)).toBe(second);
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.clock.runFor(5_500);
  expect(await activeHeadline(page)).not.toBe(second);
  await expect(ticker.locator('.ticker__item.is-active time')).toHaveText(/ago|just now/);
});

test('no motion under prefers-reduced-motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  await page.goto('/');
  await waitForHydration(page);
  const ticker = page.getByRole('region', { name: 'Trending Now' });
  await expect(ticker.getByRole('button', { name: 'Play' })).toBeVisible();
  const first = await activeHeadline(page);
  await page.clock.runFor(20_000);
  expect(await activeHeadline(page)).toBe(first);
});
