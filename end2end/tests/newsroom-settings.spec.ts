import { test, expect, type Page } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// The site settings in the newsroom, by keyboard: an admin reaches them from the navigation, a
// bad link is refused with its message beside the field and the typed text kept, and a saved
// tagline and social link show on the home page at once. The settings are the whole site's, so
// only one project (nojs: the plain form, as every browser can send it) saves them, and puts
// the file's values back after; the others only send forms the server refuses. Editors see no
// Settings link and are refused.

/** From the article list to the settings page, through the navigation, by keyboard. */
async function openSettings(page: Page) {
  await page.getByRole('link', { name: 'Settings', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Site settings' })).toBeVisible();
}

/** Presses "Save settings" by keyboard. */
async function pressSave(page: Page) {
  await page.getByRole('button', { name: 'Save settings' }).focus();
  await page.keyboard.press('Enter');
}

test('the settings page is axe-clean and refuses a bad link, keeping what was typed', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  await signIn(page, staffEmail('admin'));
  await openSettings(page);
  for (const label of ['Site name', 'Tagline', 'Facebook', 'X', 'Instagram', 'TikTok', 'Threads', 'Google News', 'Flipboard', 'Ad slot HTML']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByText("Empty: the configuration file's value, “West Timelines”.")).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);

  const facebook = page.getByLabel('Facebook', { exact: true });
  await facebook.fill('facebook.com/not-a-full-address');
  await pressSave(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Site settings' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('The settings were not saved');
  await expect(facebook).toHaveAttribute('aria-invalid', 'true');
  await expect(facebook).toHaveValue('facebook.com/not-a-full-address');
  await expect(page.locator('#facebook-error')).toContainText('The Facebook link must be a full web address');
  // The summary's link leads to the field.
  await page.getByRole('alert').getByRole('link').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#facebook$/);
  if (js) expect(await seriousViolations(page)).toEqual([]);
});

test('an admin changes the tagline and a social link, and the home page shows them', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'nojs', 'the settings are the whole site’s: one project changes them');
  const tagline = `News from the e2e desk ${Date.now().toString(36)}`;
  const instagram = `https://www.instagram.com/e2e-${Date.now().toString(36)}`;
  await signIn(page, staffEmail('admin'));
  await openSettings(page);
  await page.getByLabel('Tagline', { exact: true }).fill(tagline);
  await page.getByLabel('Instagram', { exact: true }).fill(instagram);
  await pressSave(page);
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await expect(page.getByLabel('Tagline', { exact: true })).toHaveValue(tagline);

  await page.goto('/');
  await expect(page.getByText(tagline)).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Instagram' })).toHaveAttribute('href', instagram);
  await expect(page).toHaveTitle('West Timelines');

  // Emptied, both take the configuration file's values again.
  await page.goto('/newsroom/settings');
  await page.getByLabel('Tagline', { exact: true }).fill('');
  await page.getByLabel('Instagram', { exact: true }).fill('');
  await pressSave(page);
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await page.goto('/');
  await expect(page.getByText(tagline)).toHaveCount(0);
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Instagram' })).toHaveAttribute('href', 'https://www.instagram.com/westtimelines');
});

test('an editor has no Settings link and is refused the settings', async ({ page }) => {
  await signIn(page, staffEmail('editor'));
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
  const res = await page.goto('/newsroom/settings');
  expect(res?.status()).toBe(403);
  await expect(page).toHaveTitle(/West Timelines Newsroom/);
});
