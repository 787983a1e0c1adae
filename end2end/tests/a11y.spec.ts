import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { LAVROV, waitForHydration } from './helpers';

// axe-core finds no serious or critical violation on the main page types, with JavaScript on
// and off, and with the interactive parts open.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [name, path] of [
  ['home', '/'],
  ['category', '/category/world/europe'],
  ['article', LAVROV],
  ['Arabic archive', '/category/business/finance'],
  ['search results', '/search?q=oil'],
  ['not found', '/no-such-page'],
  ['subscribe', '/subscribe'],
]) {
  test(`${name} page has no serious accessibility violations`, async ({ page, browser, javaScriptEnabled, baseURL }) => {
    if (javaScriptEnabled) {
      await page.goto(path);
      // Hydrated, and with the ticker's fade-in done (axe would measure a headline's contrast
      // halfway through it).
      await waitForHydration(page);
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      expect(await seriousViolations(page)).toEqual([]);
      return;
    }
    // axe itself runs as a script: analyse the server-rendered page in a context where
    // scripts run but the app's own bundle is blocked, which is what a no-JS reader gets.
    const context = await browser.newContext({ javaScriptEnabled: true, baseURL });
    const ssr = await context.newPage();
    await ssr.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await ssr.goto(path);
    await expect(ssr.locator('html')).not.toHaveAttribute('data-js', 'true');
    expect(await seriousViolations(ssr)).toEqual([]);
    await context.close();
  });
}

test('no serious violations with a submenu, the mobile menu or the search overlay open', async ({ page, isMobile, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'the open states need JavaScript');
  await page.goto('/');
  await waitForHydration(page);
  if (isMobile) {
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await page.getByRole('dialog', { name: 'Menu' }).getByRole('button', { name: 'World submenu' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  } else {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'World submenu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Europe submenu' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  }
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // With suggestions listed and one chosen.
  await page.getByRole('combobox', { name: 'Search articles' }).fill('the');
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  expect(await seriousViolations(page)).toEqual([]);
});
