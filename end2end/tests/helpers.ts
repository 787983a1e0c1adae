import { expect, type Page } from '@playwright/test';

/** Collects console errors and uncaught exceptions for a page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Waits until the wasm bundle has hydrated the page (the root gets data-js). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-js', 'true', { timeout: 15_000 });
}

export const LAVROV = '/2024/04/07/lavrov-to-visit-china-april-8-9';
