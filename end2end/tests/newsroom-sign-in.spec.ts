import { test, expect } from '@playwright/test';
import { STAFF_PASSWORD, ownEmail, seriousViolations, signIn, staffEmail } from './newsroom';

// Staff sign-in, sign-out, the account page and the audit log, with JavaScript on and off (the
// newsroom's forms work without it), by keyboard, and axe-clean.

test('signed out, the newsroom asks to sign in and comes back after', async ({ page }) => {
  await page.goto('/newsroom/account');
  await expect(page).toHaveURL(/\/newsroom\/sign-in\?next=%2Fnewsroom%2Faccount$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // Keyboard only: the skip link, then the fields in order, Enter to send.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.getByLabel('Email').focus();
  await page.keyboard.type(staffEmail('editor'));
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/newsroom\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText(staffEmail('editor'))).toBeVisible();
  await expect(page.getByRole('link', { name: 'Account' })).toHaveAttribute('aria-current', 'page');
});

test('wrong credentials get one message that names neither part', async ({ page }) => {
  await page.goto('/newsroom/sign-in');
  await page.getByLabel('Email').fill('nobody@e2e.example');
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That email and password do not match an account. Check both and try again.',
  );
  await expect(page.getByLabel('Email')).toHaveValue('nobody@e2e.example');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('sign out ends the session', async ({ page }) => {
  await signIn(page, staffEmail('author'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toHaveText('You have signed out.');
  await page.goto('/newsroom');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('sign out everywhere ends the sessions of other browsers', async ({ browser, baseURL }, testInfo) => {
  const email = ownEmail(testInfo.project.name);
  const contexts = await Promise.all([1, 2].map(() => browser.newContext({ baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled })));
  const [here, there] = await Promise.all(contexts.map((c) => c.newPage()));
  await signIn(here, email);
  await signIn(there, email);
  await here.goto('/newsroom/account');
  await expect(here.getByText('You are also signed in on 1 other browser or device.')).toBeVisible();
  await here.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(here.getByRole('status')).toHaveText('You have signed out on every browser and device.');
  await there.goto('/newsroom');
  await expect(there.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await Promise.all(contexts.map((c) => c.close()));
});

test('changing the password signs out other browsers, and the new one works', async ({ browser, baseURL }, testInfo) => {
  const email = ownEmail(testInfo.project.name);
  const contexts = await Promise.all([1, 2].map(() => browser.newContext({ baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled })));
  const [here, there] = await Promise.all(contexts.map((c) => c.newPage()));
  await signIn(here, email);
  await signIn(there, email);
  const change = async (current: string, next: string) => {
    await here.goto('/newsroom/account');
    await here.getByLabel('Current password').fill(current);
    await here.getByLabel('New password', { exact: true }).fill(next);
    await here.getByLabel('Confirm new password').fill(next);
    await here.getByRole('button', { name: 'Change password' }).click();
  };
  await change(STAFF_PASSWORD, 'a new e2e password');
  await expect(here.getByRole('status')).toContainText('Your password has been changed');
  await there.goto('/newsroom');
  await expect(there.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signIn(there, email, 'a new e2e password');
  // Back as it was, for the next run of this spec.
  await change('a new e2e password', STAFF_PASSWORD);
  await expect(here.getByRole('status')).toContainText('Your password has been changed');
  await Promise.all(contexts.map((c) => c.close()));
});

test('the audit log is offered to admins only', async ({ page }) => {
  await signIn(page, staffEmail('contributor'));
  await expect(page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/newsroom/audit');
  await expect(page.getByRole('alert')).toContainText('not allowed');

  await page.context().clearCookies();
  await signIn(page, staffEmail('admin'));
  await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'signed in' }).first()).toBeVisible();
});

test('the article list filters by status, author, category and title', async ({ page }) => {
  await signIn(page, staffEmail('author'));
  await page.getByLabel('Title contains').fill('Lavrov');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/q=Lavrov/);
  await expect(page.getByRole('status')).toHaveText('1 article');
  await expect(page.getByRole('rowheader', { name: /Lavrov/ })).toBeVisible();
  await page.getByLabel('Status').selectOption('scheduled');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('status')).toHaveText('No articles match.');
});

for (const [name, path, role] of [
  ['sign-in', '/newsroom/sign-in', null],
  ['article list', '/newsroom', 'author'],
  ['account', '/newsroom/account', 'author'],
  ['new article', '/newsroom/articles/new', 'author'],
  ['audit log', '/newsroom/audit', 'admin'],
  ['staff', '/newsroom/staff', 'admin'],
] as const) {
  test(`the ${name} page has no serious accessibility violations`, async ({ browser, baseURL }) => {
    // axe runs as a script; the newsroom's pages have none of their own.
    const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
    const page = await context.newPage();
    if (role) await signIn(page, staffEmail(role));
    await page.goto(path);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}
