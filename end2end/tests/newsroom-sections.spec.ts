import { test, expect } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// Categories and tags in the newsroom, by form (JavaScript on and off alike): an editor adds a
// category, renames it (the old address then leads to the new one), and renames a tag.

test('an editor adds and renames a category, and renames a tag', async ({ page }, testInfo) => {
  const slug = `harbours-${testInfo.project.name}-${Date.now().toString(36)}`;
  const name = `Harbours ${testInfo.project.name}`;
  await signIn(page, staffEmail('editor'));
  await page.getByRole('link', { name: 'Categories' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Categories' })).toBeVisible();
  if (testInfo.project.use.javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);

  const add = page.getByRole('region', { name: 'Add a category' });
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Slug').fill(slug);
  await add.getByLabel('Parent').selectOption({ label: 'World' });
  await add.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByRole('status')).toHaveText('Category added.');
  await page.goto(`/category/world/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);

  // Renamed: the old address leads to the new one.
  await page.goto('/newsroom/sections');
  await page.getByRole('link', { name, exact: true }).last().click();
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  await page.getByLabel('Name', { exact: true }).fill(`Ports and harbours ${testInfo.project.name}`);
  await page.getByLabel('Slug').fill(`${slug}-and-ports`);
  await page.getByRole('button', { name: 'Save category' }).click();
  await expect(page.getByRole('status')).toHaveText('Category saved.');
  if (testInfo.project.use.javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`/category/world/${slug}`);
  await expect(page).toHaveURL(new RegExp(`/category/world/${slug}-and-ports$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Ports and harbours ${testInfo.project.name}`);
});

test('an editor finds and renames a tag', async ({ page }, testInfo) => {
  await signIn(page, staffEmail('editor'));
  await page.getByRole('link', { name: 'Tags' }).click();
  await page.getByLabel('Find a tag').fill('Drama');
  await page.getByLabel('Find a tag').press('Enter');
  await page.getByRole('link', { name: /^Drama/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tag: Drama');
  if (testInfo.project.use.javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
  const name = `Drama ${testInfo.project.name}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Rename tag' }).click();
  await expect(page.getByRole('status')).toHaveText('Tag renamed.');
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await page.goto(`/tag/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
});

test('the menus are outlines an editor saves by keyboard', async ({ page }, testInfo) => {
  await signIn(page, staffEmail('editor'));
  await page.getByRole('link', { name: 'Menus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Menus' })).toBeVisible();
  await expect(page.getByLabel('Primary menu')).toHaveValue(/^News \| \/category\/news\n/);
  await expect(page.getByLabel('Primary menu')).toHaveValue(/\n  Europe \| \/category\/world\/europe\n/);
  if (testInfo.project.use.javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
  // A broken line is named, and the text comes back as typed (nothing saved).
  const more = page.getByLabel('More menu');
  const before = await more.inputValue();
  await more.fill(`${before}A line without its address\n`);
  await page.getByRole('button', { name: 'Save the more menu' }).click();
  await expect(page.getByRole('alert')).toContainText('needs a label, then |, then the address');
  await expect(page.getByLabel('More menu')).toHaveValue(`${before}A line without its address\n`);
  // Saved as it was: said so, by keyboard.
  await page.getByLabel('More menu').fill(before);
  await page.getByRole('button', { name: 'Save the more menu' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('More menu saved.');
});
