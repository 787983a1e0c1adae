import { test, expect } from '@playwright/test';
import { waitForHydration, watchConsole } from './helpers';

// The search overlay: a modal dialog; Enter searches without reloading, Esc cancels.

test.beforeEach(async ({ page }) => {
  await page.goto('/category/health');
  await waitForHydration(page);
});

test('Search opens a labelled modal dialog with the focused search field and the hint', async ({ page }) => {
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((d) => (d as HTMLDialogElement).matches(':modal'))).toBe(true);
  const box = dialog.getByRole('searchbox');
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('type', 'search');
  await expect(dialog).toContainText('Type above and press Enter to search. Press Esc to cancel.');
  await expect(dialog.getByRole('button', { name: 'Close search' })).toBeVisible();
});

test('Enter navigates client-side to the results and closes the overlay', async ({ page }) => {
  const errors = watchConsole(page);
  await page.evaluate(() => { (window as any).__marker = 'same-page'; });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('searchbox').fill('oil & "prices"');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=oil%20%26%20%22prices%22$/);
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('oil & "prices"');
  expect(await page.evaluate(() => (window as any).__marker)).toBe('same-page');
  expect(errors).toEqual([]);
});

test('Esc closes the overlay, keeps the URL and returns focus to Search', async ({ page }) => {
  const url = page.url();
  const button = page.getByRole('button', { name: 'Search', exact: true });
  await button.click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('searchbox').fill('something');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeHidden();
  expect(page.url()).toBe(url);
  await expect(button).toBeFocused();
});

test('"/" opens the overlay from outside a text field; focus is trapped inside', async ({ page }) => {
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('searchbox');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#search-dialog'))).toBe(true);
  }
  await dialog.getByRole('button', { name: 'Close search' }).click();
  await expect(dialog).toBeHidden();
});

test('"/" typed into a text field stays a character', async ({ page }) => {
  await page.goto('/subscribe');
  await waitForHydration(page);
  const input = page.getByRole('textbox', { name: 'Email address' });
  await input.click();
  await page.keyboard.type('a/b');
  await expect(input).toHaveValue('a/b');
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeHidden();
});
