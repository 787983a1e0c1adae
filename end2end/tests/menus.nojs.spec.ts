import { test, expect } from '@playwright/test';

// Without JavaScript every submenu is still reachable: CSS opens them on hover and focus, the
// Search control is a link to a page with a plain GET form.

test('submenus open on hover and on keyboard focus', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const africa = nav.getByRole('link', { name: 'Africa' });
  await expect(africa).toBeHidden();
  await nav.getByRole('link', { name: 'World', exact: true }).hover();
  await expect(africa).toBeVisible();
  await page.mouse.move(5, 700);
  await expect(africa).toBeHidden();
  await nav.getByRole('button', { name: 'World submenu' }).focus();
  await expect(africa).toBeVisible();
  await nav.getByRole('button', { name: 'Europe submenu' }).focus();
  await expect(nav.getByRole('link', { name: 'Ukraine', exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Ukraine', exact: true }).click();
  await expect(page).toHaveURL(/\/category\/world\/europe\/ukraine$/);
});

test('Search is a link to the search page and its form works', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('link', { name: 'Search', exact: true });
  await expect(search).toHaveAttribute('href', '/search');
  await search.click();
  await expect(page).toHaveURL(/\/search$/);
  const box = page.getByRole('searchbox', { name: 'Search the site' });
  await box.fill('harvest');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=harvest(&|$)/);
  await expect(page.getByRole('status').filter({ hasText: /results?/ })).toBeVisible();
});

test('the off-canvas menu opens as a link target on a narrow screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.getByRole('link', { name: 'Menu', exact: true }).click();
  await expect(page).toHaveURL(/#site-menu$/);
  const panel = page.locator('#site-menu');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Ukraine', exact: true })).toBeVisible();
  await panel.getByRole('link', { name: 'Close Menu' }).click();
  await expect(panel).toBeHidden();
});
