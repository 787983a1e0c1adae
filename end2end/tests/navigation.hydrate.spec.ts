import { test, expect } from '@playwright/test';
import { watchConsole, waitForHydration } from './helpers';

// With JavaScript on, links navigate inside the running app: no full page load, no console errors.

test('home → category → article → back happens without a page reload', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).__timelinesMarker = 'still-here'; });

  await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'Ukraine', exact: true }).click();
  await expect(page).toHaveURL(/\/category\/world\/europe\/ukraine$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ukraine' })).toBeVisible();
  await expect(page).toHaveTitle('Ukraine — West Timelines');

  await page.locator('.layout__main').getByRole('link', { name: /Lavrov/ }).first().click();
  await expect(page).toHaveURL(/\/2024\/04\/07\/lavrov-to-visit-china-april-8-9$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lavrov');

  await page.goBack();
  await expect(page).toHaveURL(/\/category\/world\/europe\/ukraine$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ukraine' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);

  expect(await page.evaluate(() => (window as any).__timelinesMarker)).toBe('still-here');
  expect(errors).toEqual([]);
});

test('client-side navigation to an Arabic story switches the page direction', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/category/business/finance');
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).__timelinesMarker = 'kept'; });
  await page.locator('.layout__main article[lang="ar"]').first().getByRole('heading').getByRole('link').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.goBack();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(await page.evaluate(() => (window as any).__timelinesMarker)).toBe('kept');
  expect(errors).toEqual([]);
});

test('a submenu opens from its toggle button once hydrated', async ({ page, isMobile }) => {
  test.skip(isMobile, 'the mobile menu is covered by its own spec');
  await page.goto('/');
  await waitForHydration(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const toggle = nav.getByRole('button', { name: 'World submenu' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Africa' })).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});
