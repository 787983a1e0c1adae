import { test, expect } from '@playwright/test';
import { LAVROV, waitForHydration } from './helpers';

// Hydration must not move what the reader already sees: the layout-shift score from the first
// paint until the page is hydrated and settled stays at zero (Lighthouse counts it in CLS).

for (const [name, path] of [['home', '/'], ['article', LAVROV], ['category', '/category/world']]) {
  test(`nothing moves while the ${name} page hydrates`, async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).__shift = 0;
      (window as any).__shifted = [] as string[];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) {
          (window as any).__shift += e.value;
          for (const s of e.sources ?? []) (window as any).__shifted.push(s.node?.className ?? s.node?.nodeName ?? '?');
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(path);
    await waitForHydration(page);
    await page.waitForTimeout(500);
    const { shift, shifted } = await page.evaluate(() => ({ shift: (window as any).__shift, shifted: (window as any).__shifted }));
    expect(shift, `shifted: ${shifted.join(', ')}`).toBeLessThan(0.01);
  });
}
