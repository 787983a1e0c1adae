import { test, expect, type Page } from '@playwright/test';
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
  // The article's share bars came with the page and were hydrated: Copy Link is there.
  await expect(page.getByRole('group', { name: 'Share this article', exact: true }).getByRole('button', { name: 'Copy Link' })).toBeVisible();

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

test('the header stays on screen while the page changes, and marks the new page as current', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await waitForHydration(page);
  await page.evaluate(() => { (document.querySelector('.site-header') as any).__kept = true; });
  const topics = page.getByRole('navigation', { name: 'Topics' });
  const ukraine = topics.getByRole('link', { name: 'Ukraine', exact: true });
  await expect(ukraine).not.toHaveAttribute('aria-current', 'page');

  await ukraine.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ukraine' })).toBeVisible();
  await expect(ukraine).toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => (document.querySelector('.site-header') as any).__kept)).toBe(true);
  // The page's own head tags are the new page's, once each.
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${baseURL}/category/world/europe/ukraine`);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', `${baseURL}/category/world/europe/ukraine`);
  // Focus moves to the new content, as a page load would put the reader at its start.
  await expect(page.locator('#main')).toBeFocused();

  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(ukraine).not.toHaveAttribute('aria-current', 'page');
  expect(errors).toEqual([]);
});

test('back returns to where the reader had scrolled', async ({ page }) => {
  await page.goto('/category/world');
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).__timelinesMarker = 'kept'; });
  const link = page.locator('.layout__main article h2 a, .layout__main article h3 a').last();
  await link.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 50));
  await page.waitForTimeout(300); // the position is remembered once scrolling stops
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(300);
  await link.click();
  await expect(page.locator('article.article')).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'World' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 20);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(20);
  expect(await page.evaluate(() => (window as any).__timelinesMarker)).toBe('kept');
});

test('forms are submitted in place: the search filters (GET) and the newsletter (POST)', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/search?q=lavrov');
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).__timelinesMarker = 'kept'; });
  const field = page.locator('#search-page-q');
  await field.fill('ceasefire');
  await field.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=ceasefire/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ceasefire');

  await page.goto('/subscribe');
  await waitForHydration(page);
  await page.evaluate(() => { (window as any).__timelinesMarker = 'kept'; });
  // A mistake comes back with what was typed still in the field.
  await page.getByRole('textbox', { name: 'Email address' }).fill('not quite an address');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page.locator('#subscribe-status')).toContainText("doesn't look like an email address");
  await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveValue('not quite an address');
  await page.getByRole('textbox', { name: 'Email address' }).fill(`nav-${Date.now()}@example.com`);
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page).toHaveURL(/\/subscribe\?result=subscribed$/);
  const status = page.locator('#subscribe-status');
  await expect(status).toContainText("we've sent you an email");
  // The outcome takes the focus, so a screen reader reads it out.
  await expect(status).toBeFocused();
  expect(await page.evaluate(() => (window as any).__timelinesMarker)).toBe('kept');
  expect(errors).toEqual([]);
});

/** Puts a link to `href` at the top of the content (and marks the window, to tell a page load). */
async function addLink(page: Page, href: string, target = '') {
  await page.evaluate(([href, target]) => {
    document.getElementById('test-link')?.remove();
    const a = document.createElement('a');
    a.href = href;
    a.textContent = `Test link to ${href}`;
    a.id = 'test-link';
    if (target) a.target = target;
    document.querySelector('main')!.prepend(a);
    (window as any).__timelinesMarker = 'kept';
  }, [href, target]);
  return page.locator('#test-link');
}

test('a missing page shows its 404 inside the frame; feeds and new-tab links load normally', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await (await addLink(page, '/category/no-such-section')).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('banner')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__timelinesMarker)).toBe('kept');

  // A new tab opens the page in it; this one stays as it was.
  const [tab] = await Promise.all([page.waitForEvent('popup'), (await addLink(page, '/tag/israel-war', '_blank')).click()]);
  await expect(tab).toHaveURL(/\/tag\/israel-war$/);
  await tab.close();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');

  const feed = await addLink(page, '/feed');
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/feed')), feed.click()]);
  expect(response.headers()['content-type']).toContain('xml');
  await expect.poll(() => page.evaluate(() => (window as any).__timelinesMarker).catch(() => undefined)).toBeUndefined();
});
