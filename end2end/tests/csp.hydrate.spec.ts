import { test, expect, type Page } from '@playwright/test';
import { LAVROV, waitForHydration } from './helpers';

// The Content-Security-Policy (a fresh script nonce on every response, no 'unsafe-inline') must
// not get in the way: no violation events, no console errors, and the page still hydrates.

/** Collects console errors, policy messages of any level, uncaught exceptions and CSP violations. */
async function watchPolicy(page: Page) {
  const messages: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || /security policy|permissions.policy|nonce/i.test(text)) {
      messages.push(`${msg.type()}: ${text}`);
    }
  });
  page.on('pageerror', (err) => messages.push(`pageerror: ${err.message}`));
  // Installed before any of the page's own scripts run.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return {
    messages,
    violations: () =>
      page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  };
}

for (const path of ['/', LAVROV]) {
  test(`${path} hydrates under the Content-Security-Policy`, async ({ page, isMobile }) => {
    const watch = await watchPolicy(page);
    const response = await page.goto(path);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9_-]{16,}'/);
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');

    await waitForHydration(page);
    if (!isMobile) {
      // Below 1024px the menu lives in the off-canvas panel; the data-js mark above suffices.
      const world = page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'World submenu' });
      await world.click();
      await expect(world).toHaveAttribute('aria-expanded', 'true');
    }

    expect(await watch.violations()).toEqual([]);
    expect(watch.messages).toEqual([]);
  });
}

test('client-side navigation to an article adds its JSON-LD without a violation', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto('/category/world/europe/ukraine');
  await waitForHydration(page);
  await page.evaluate(() => { (window as unknown as { __marker: string }).__marker = 'same-document'; });

  await page.locator('.layout__main').getByRole('link', { name: /Lavrov/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`${LAVROV}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lavrov');
  expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same-document');
  const types = await page.evaluate(() =>
    [...document.head.querySelectorAll('script[type="application/ld+json"]')].map(
      (s) => JSON.parse(s.textContent ?? '{}')['@type'],
    ),
  );
  expect(types).toContain('NewsArticle');

  expect(await watch.violations()).toEqual([]);
  expect(watch.messages).toEqual([]);
});
