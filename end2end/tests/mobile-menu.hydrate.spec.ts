import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// Below 1024px the whole menu opens in an off-canvas modal dialog.

test.beforeEach(async ({ page, isMobile }) => {
  test.skip(!isMobile, 'the mobile project covers the narrow layout');
  await page.goto('/');
  await waitForHydration(page);
});

test('Menu opens a modal panel with expandable sections; Close Menu returns focus', async ({ page }) => {
  const button = page.getByRole('button', { name: 'Menu', exact: true });
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'News', exact: true })).toBeHidden();
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Menu' });
  await expect(dialog).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('html')).toHaveClass(/has-modal/);
  const overflow = await page.evaluate(() => getComputedStyle(document.documentElement).overflow);
  expect(overflow).toBe('hidden');
  const world = dialog.getByRole('button', { name: 'World submenu' });
  await world.click();
  await expect(world).toHaveAttribute('aria-expanded', 'true');
  const europe = dialog.getByRole('button', { name: 'Europe submenu' });
  await europe.click();
  await expect(dialog.getByRole('link', { name: 'Ukraine', exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close Menu' }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.locator('html')).not.toHaveClass(/has-modal/);
});

test('Esc closes the panel and focus stays inside while it is open', async ({ page }) => {
  const button = page.getByRole('button', { name: 'Menu', exact: true });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Menu' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
    const inside = await page.evaluate(() => !!document.activeElement?.closest('#site-menu'));
    expect(inside).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

test('following a link in the panel navigates and closes it', async ({ page }) => {
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Menu' });
  await dialog.getByRole('link', { name: 'Politics', exact: true }).click();
  await expect(page).toHaveURL(/\/category\/politics$/);
  await expect(dialog).toBeHidden();
  await expect(page.locator('html')).not.toHaveClass(/has-modal/);
  // The reader lands on the new page's content, not back on the Menu button.
  await expect(page.getByRole('heading', { level: 1, name: 'Politics' })).toBeVisible();
  await expect(page.locator('#main')).toBeFocused();
});
