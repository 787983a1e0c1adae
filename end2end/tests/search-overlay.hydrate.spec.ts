import { test, expect } from '@playwright/test';
import { LAVROV, waitForHydration, watchConsole } from './helpers';

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
  const box = dialog.getByRole('combobox', { name: 'Search articles' });
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('type', 'search');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog).toContainText('Type above and press Enter to search. Press Esc to cancel.');
  await expect(dialog.getByRole('button', { name: 'Close search' })).toBeVisible();
});

test('Enter navigates client-side to the results and closes the overlay', async ({ page }) => {
  const errors = watchConsole(page);
  await page.evaluate(() => { (window as any).__marker = 'same-page'; });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('combobox', { name: 'Search articles' }).fill('oil & "prices"');
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
  await page.getByRole('dialog', { name: 'Search' }).getByRole('combobox', { name: 'Search articles' }).fill('something');
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
  const box = dialog.getByRole('combobox', { name: 'Search articles' });
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

// ---- suggestions while typing: WAI-ARIA combobox with a listbox popup -------------------

async function openAndType(page: import('@playwright/test').Page, text: string) {
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  const box = dialog.getByRole('combobox', { name: 'Search articles' });
  await box.fill(text);
  return { dialog, box, list: dialog.getByRole('listbox', { name: 'Suggested articles' }) };
}

test('typing lists matching articles; the arrows choose one and Enter opens it in place', async ({ page }) => {
  const errors = watchConsole(page);
  await page.evaluate(() => { (window as any).__marker = 'same-page'; });
  const { dialog, box, list } = await openAndType(page, 'lavrov');
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(box).toHaveAttribute('aria-controls', 'search-suggestions');
  const options = list.getByRole('option');
  await expect(options.first()).toContainText('Lavrov');
  expect(await options.count()).toBeLessThanOrEqual(6);
  await expect(dialog.getByRole('status')).toContainText(/suggested/);
  // Nothing is chosen until an arrow key is pressed; focus stays in the field.
  await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const id = await options.first().getAttribute('id');
  await expect(box).toHaveAttribute('aria-activedescendant', id!);
  await expect(box).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${LAVROV}$`));
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lavrov');
  expect(await page.evaluate(() => (window as any).__marker)).toBe('same-page');
  expect(errors).toEqual([]);
});

test('the arrows wrap around the six suggestions; Enter with none chosen opens the results page', async ({ page }) => {
  const { box, list } = await openAndType(page, 'the');
  const options = list.getByRole('option');
  await expect(options).toHaveCount(6);
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(5)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(5)).toHaveAttribute('aria-selected', 'false');
  // Typing again starts a new list with nothing chosen.
  await box.fill('lavrov');
  await expect(options.first()).toContainText('Lavrov');
  await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=lavrov$/);
  await expect(page.locator('.search-result').first()).toContainText('Lavrov');
});

test('suggestions wait for a pause in typing, and only the last text counts', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/suggest') asked.push(u.searchParams.get('q') ?? '');
  });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  const box = dialog.getByRole('combobox', { name: 'Search articles' });
  await box.pressSequentially('lavrov', { delay: 40 });
  const list = dialog.getByRole('listbox', { name: 'Suggested articles' });
  await expect(list.getByRole('option').first()).toContainText('Lavrov');
  // A pause inside the word (a busy machine) may show "lavro"'s suggestions first; the whole
  // word is still asked for last.
  await expect.poll(() => asked[asked.length - 1]).toBe('lavrov');
  expect(asked.length).toBeLessThanOrEqual(2);
  // Text that matches nothing empties the list and says so.
  await box.fill('qqzzxxq');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog.getByRole('status')).toContainText('No articles match yet');
  // One letter is too little to suggest from.
  await box.fill('l');
  await expect(dialog.getByRole('status')).toHaveText('');
});

test('a click on a suggestion opens it; Esc still cancels with the list open', async ({ page }) => {
  const url = page.url();
  let { dialog, list } = await openAndType(page, 'lavrov');
  await expect(list.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(page.url()).toBe(url);
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeFocused();
  ({ dialog, list } = await openAndType(page, 'lavrov'));
  await list.getByRole('option').first().click();
  await expect(page).toHaveURL(new RegExp(`${LAVROV}$`));
  await expect(dialog).toBeHidden();
});
