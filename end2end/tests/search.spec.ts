import { test, expect } from '@playwright/test';
import { LAVROV } from './helpers';

// The results page (/search): count, marked snippets, filters, pagination and spelling
// suggestions. Server-rendered, so it runs with JavaScript on and off.

test('results show the count, title, section, date and a snippet with the words marked', async ({ page }) => {
  await page.goto('/search?q=lavrov');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search results for “lavrov”');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.locator('.archive__count')).toHaveText(/^\d+ results?$/);
  const first = page.locator('.search-result').first();
  await expect(first.getByRole('link', { name: /Lavrov/ }).first()).toHaveAttribute('href', LAVROV);
  await expect(first.locator('time')).toHaveCount(1);
  const marks = first.locator('.search-result__snippet mark');
  expect(await marks.count()).toBeGreaterThan(0);
  for (const m of await marks.allTextContents()) expect(m.toLowerCase()).toContain('lavrov');
  // The last word is a prefix: "lavr" finds the same article.
  await page.goto('/search?q=lavr');
  await expect(page.locator('.search-result').first()).toContainText('Lavrov');
});

test('pages of results follow one another with the query kept', async ({ page }) => {
  await page.goto('/search?q=the');
  const count = Number((await page.locator('.archive__count').textContent())!.replace(/\D/g, ''));
  expect(count).toBeGreaterThan(10);
  const firstPage = await page.locator('.search-result h3, .search-result h2').allTextContents();
  expect(firstPage).toHaveLength(10);
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/search\?q=the&page=2$/);
  const second = await page.locator('.search-result h3, .search-result h2').allTextContents();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((t) => firstPage.includes(t))).toEqual([]);
  await expect(page.getByRole('searchbox', { name: 'Search the site' })).toHaveValue('the');
});

test('the language filter narrows the results and sorting by date orders them', async ({ page }) => {
  const langs = () => page.locator('.search-result__snippet').evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
  await page.goto('/search?q=finance');
  expect(new Set(await langs())).toEqual(new Set(['en', 'ar']));
  await page.getByLabel('Language').selectOption('ar');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page).toHaveURL(/[?&]lang=ar(&|$)/);
  await expect(page.locator('.search-result').first()).toBeVisible();
  expect(new Set(await langs())).toEqual(new Set(['ar']));
  await expect(page.getByLabel('Language')).toHaveValue('ar');

  await page.goto('/search?q=the');
  await page.getByLabel('Sort by').selectOption('date');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page).toHaveURL(/sort=date/);
  const dates = await page.locator('.search-result time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  expect(dates.length).toBe(10);
  expect([...dates].sort().reverse()).toEqual(dates);
});

test('a misspelt query gets "Did you mean" links that find the story', async ({ page }) => {
  await page.goto('/search?q=lavrof');
  await expect(page.locator('.archive__count')).toHaveText('No results');
  const suggestion = page.locator('.search-suggestions').getByRole('link', { name: 'lavrov' });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).toHaveURL(/\/search\?q=lavrov$/);
  await expect(page.locator('.search-result').first()).toContainText('Lavrov');
});

test('hostile and very long queries get a page, never an error', async ({ page }) => {
  for (const q of ['"unbalanced', 'NEAR(a b) OR -x *', '\u0000', '😀', 'a'.repeat(10_000)]) {
    const res = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(res!.status(), q.slice(0, 20)).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: 'only its first 200 characters' })).toBeVisible();
});
