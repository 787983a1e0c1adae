import { test, expect } from '@playwright/test';

// Every reader page is complete as served: these run with JavaScript on (hydrated, desktop and
// mobile) and off (server-rendered HTML only).

const LAVROV = '/2024/04/07/lavrov-to-visit-china-april-8-9';

test('home page has the whole frame: ticker, masthead, menus, topics, stories, rails, footer', async ({ page, isMobile }) => {
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  await expect(page).toHaveTitle('West Timelines');
  await expect(page.getByRole('region', { name: 'Trending Now' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trending Now' }).getByRole('listitem').first()).toContainText(/ago|just now/);
  await expect(page.getByRole('link', { name: 'West Timelines' }).first()).toBeVisible();
  // The whole menu tree is in the HTML (on phones with JavaScript it is shown in the off-canvas
  // panel, and the menu row is hidden), so it is looked up in the markup, seen or not.
  const main = page.locator('nav[aria-label="Main"]');
  for (const name of ['News', 'Politics', 'World', 'Business', 'Lifestyle', 'Sports']) {
    await expect(main.locator(`a:text-is("${name}")`)).toHaveAttribute('href', /\/category\//);
  }
  await expect(main.locator('button.menu__toggle', { hasText: 'World submenu' })).toHaveAttribute('aria-expanded', 'false');
  // Third-level submenu links are in the server's HTML (shown on hover, focus or toggle).
  await expect(main.locator('.submenu .submenu a[href="/category/world/europe/ukraine"]')).toHaveText('Ukraine');
  await expect(page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'Ukraine War' })).toHaveAttribute('href', '/tag/ukraine-war');
  await expect(page.getByRole('link', { name: 'Subscribe' })).toHaveAttribute('href', '/subscribe');
  // Social profiles: in the top bar on wide screens, always in the footer.
  for (const network of ['Facebook', 'X (Twitter)', 'Instagram', 'TikTok', 'Threads']) {
    if (!isMobile) await expect(page.getByRole('banner').getByRole('link', { name: network })).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('link', { name: network })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: "Editors' Picks" })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Latest News' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'World', exact: true })).toBeVisible();
  const footer = page.getByRole('contentinfo');
  await expect(footer).toContainText(`© ${new Date().getUTCFullYear()} West Timelines. All Rights Reserved.`);
  for (const name of ['Privacy Policy', 'Terms', 'Contact']) {
    await expect(footer.getByRole('link', { name })).toBeVisible();
  }
});

test('category archive shows breadcrumbs, stories and pagination', async ({ page }) => {
  const res = await page.goto('/category/world');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'World' })).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Home' })).toHaveAttribute('href', '/');
  await expect(crumbs.getByRole('link', { name: 'World' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/category\/world\?page=2$/);
  await expect(page.getByRole('heading', { level: 1, name: 'World' })).toBeVisible();
  await expect(page).toHaveTitle(/Page 2 of/);
});

test('article page: breadcrumbs, label, meta, body, share bars, follow links, related, sidebar, ad slot', async ({ page, javaScriptEnabled }) => {
  const res = await page.goto(LAVROV);
  expect(res?.status()).toBe(200);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs).toContainText('Home');
  await expect(crumbs.getByRole('link', { name: 'Europe' })).toHaveAttribute('href', '/category/world/europe');
  await expect(crumbs.getByRole('link', { name: 'Ukraine' })).toHaveAttribute('href', '/category/world/europe/ukraine');
  const article = page.locator('article.article');
  await expect(article.getByRole('heading', { level: 1 })).toContainText('Lavrov');
  await expect(article).toContainText('April 7, 2024');
  await expect(article).toContainText('No Comments');
  await expect(article).toContainText(/\d+ Mins? Read/);
  await expect(article.locator('.article__meta').getByRole('link', { name: 'Anna Koval' })).toHaveAttribute('href', '/author/anna-koval');
  expect(await article.locator('.article__body p').count()).toBeGreaterThanOrEqual(4);
  for (const name of ['Share on Facebook', 'Share on X (Twitter)', 'Share on Pinterest', 'Share on LinkedIn', 'Share on Telegram', 'Share by Email', 'Share on WhatsApp']) {
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(2);
  }
  // Copying needs the Clipboard API, so the button appears once the page is hydrated.
  await expect(page.getByRole('button', { name: 'Copy Link' })).toHaveCount(javaScriptEnabled ? 2 : 0);
  await expect(page.getByRole('link', { name: 'Follow on Google News' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Follow on Flipboard' })).toBeVisible();
  const related = page.getByRole('region', { name: 'You Might Like' });
  expect(await related.getByRole('article').count()).toBeGreaterThanOrEqual(3);
  await expect(related).not.toContainText('Array');
  await expect(page.getByRole('heading', { name: "Editors' Picks" })).toBeVisible();
  const ad = page.getByRole('region', { name: 'Advertisement' });
  await expect(ad).toContainText('Advertisement');
  const box = await ad.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(250);
});

test('Arabic articles are set right-to-left with lang="ar"', async ({ page }) => {
  await page.goto('/category/business/finance');
  const card = page.locator('article[lang="ar"]').first();
  await expect(card).toHaveAttribute('dir', 'rtl');
  const href = await card.getByRole('heading').getByRole('link').getAttribute('href');
  const res = await page.goto(href!);
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const body = page.locator('.article__body');
  const direction = await body.evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe('rtl');
});

test('tag and author archives list their stories', async ({ page }) => {
  expect((await page.goto('/tag/ukraine-war'))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Ukraine War' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Lavrov/ }).first()).toBeVisible();
  expect((await page.goto('/author/anna-koval'))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Anna Koval' })).toBeVisible();
});

test('search results page finds stories and highlights the words', async ({ page }) => {
  const res = await page.goto('/search?q=oil');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('oil');
  await expect(page.getByRole('status').filter({ hasText: /\d+ results?/ })).toBeVisible();
  await expect(page.locator('mark').first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search the site' }).fill('Lavrov');
  await page.getByRole('searchbox', { name: 'Search the site' }).press('Enter');
  await expect(page).toHaveURL(/\/search\?q=Lavrov/);
  await expect(page.getByRole('link', { name: /Lavrov/ }).first()).toBeVisible();
});

test('WordPress search links redirect to the search page', async ({ page }) => {
  await page.goto('/?s=copper');
  await expect(page).toHaveURL(/\/search\?q=copper$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('copper');
});

test('static pages are in the frame', async ({ page }) => {
  for (const [path, title] of [['/privacy-policy', 'Privacy Policy'], ['/terms', 'Terms of Use'], ['/contact', 'Contact']]) {
    expect((await page.goto(path))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
  }
});

test('unknown pages get a 404 inside the portal frame', async ({ page, isMobile }) => {
  for (const path of ['/no-such-page', '/category/atlantis', '/2024/04/07/not-a-story', '/category/world?page=500']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    // The site's navigation: the menu row, or on a phone the Menu button that opens it.
    if (isMobile) await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeVisible();
    else await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the front page' })).toHaveAttribute('href', '/');
  }
  const bad = await page.goto('/category/world?page=abc');
  expect(bad?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1, name: 'Bad request' })).toBeVisible();
});

test('newsletter sign-up validates, confirms and accepts a repeat', async ({ page }) => {
  const email = `reader-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto('/subscribe');
  const input = page.getByRole('textbox', { name: 'Email address' });
  const status = page.locator('#subscribe-status');

  await input.fill('not an address');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(status).toContainText("doesn't look like an email address");

  await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(status).toContainText("we've sent you an email");

  await page.getByRole('textbox', { name: 'Email address' }).fill(email.toUpperCase().replace('@EXAMPLE.COM', '@example.com'));
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  // The same answer again: the page never tells who is on the list.
  await expect(status).toContainText("we've sent you an email");
});
