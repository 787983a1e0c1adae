import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// The primary menu as WAI-ARIA disclosure navigation, desktop width, JavaScript on.

test.beforeEach(async ({ page, isMobile }) => {
  test.skip(isMobile, 'below 1024px the menu lives in the off-canvas panel (mobile-menu spec)');
  await page.goto('/category/politics');
  await waitForHydration(page);
});

test('toggles open on click, Enter and Space, and only one top-level submenu is open', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const world = nav.getByRole('button', { name: 'World submenu' });
  const business = nav.getByRole('button', { name: 'Business submenu' });
  await expect(world).toHaveAttribute('aria-controls', /.+/);
  await world.click();
  await expect(world).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Africa' })).toBeVisible();
  await business.focus();
  await page.keyboard.press('Enter');
  await expect(business).toHaveAttribute('aria-expanded', 'true');
  await expect(world).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Africa' })).toBeHidden();
  await page.keyboard.press(' ');
  await expect(business).toHaveAttribute('aria-expanded', 'false');
});

test('three levels deep; Esc closes the innermost submenu and returns focus to its toggle', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const world = nav.getByRole('button', { name: 'World submenu' });
  await world.focus();
  await page.keyboard.press('Enter');
  const europe = nav.getByRole('button', { name: 'Europe submenu' });
  await europe.focus();
  await page.keyboard.press('Enter');
  const ukraine = nav.getByRole('link', { name: 'Ukraine', exact: true });
  await expect(ukraine).toBeVisible();
  await ukraine.focus();
  await page.keyboard.press('Escape');
  await expect(europe).toHaveAttribute('aria-expanded', 'false');
  await expect(europe).toBeFocused();
  await expect(world).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(world).toHaveAttribute('aria-expanded', 'false');
  await expect(world).toBeFocused();
});

test('a click outside or focus leaving the menu closes it', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const world = nav.getByRole('button', { name: 'World submenu' });
  await world.click();
  await expect(world).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(world).toHaveAttribute('aria-expanded', 'false');
  await world.click();
  await expect(world).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await expect(world).toHaveAttribute('aria-expanded', 'false');
});

test('hover opens a submenu and a short grace delay closes it', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const lifestyle = nav.getByRole('button', { name: 'Lifestyle submenu' });
  await nav.getByRole('link', { name: 'Lifestyle', exact: true }).hover();
  await expect(lifestyle).toHaveAttribute('aria-expanded', 'true');
  // Moving into the submenu keeps it open.
  await nav.getByRole('link', { name: 'Travel' }).hover();
  await page.waitForTimeout(500);
  await expect(lifestyle).toHaveAttribute('aria-expanded', 'true');
  await page.mouse.move(5, 700);
  await expect(lifestyle).toHaveAttribute('aria-expanded', 'false');
});

test('the More group behaves the same and the current page is marked', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Politics', exact: true })).toHaveAttribute('aria-current', 'page');
  const more = nav.getByRole('button', { name: 'More submenu' });
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Science' }).click();
  await expect(page).toHaveURL(/\/category\/science$/);
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Politics', exact: true })).not.toHaveAttribute('aria-current', 'page');
});

test('the sticky header condenses on scroll without changing height', async ({ page }) => {
  const navbar = page.locator('.navbar');
  const before = await navbar.boundingBox();
  await page.mouse.wheel(0, 1200);
  await expect(navbar).toHaveClass(/is-condensed/);
  const after = await navbar.boundingBox();
  expect(after!.y).toBeLessThanOrEqual(1);
  expect(Math.round(after!.height)).toBe(Math.round(before!.height));
  await expect(navbar.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
