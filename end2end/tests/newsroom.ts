import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The staff run-e2e.sh adds, all with this password. */
export const STAFF_PASSWORD = process.env.E2E_STAFF_PASSWORD || 'e2e staff password';
export const staffEmail = (role: 'admin' | 'editor' | 'author' | 'contributor') => `${role}@e2e.example`;
/** An account of the project's own, for specs that end its sessions or change its password. */
export const ownEmail = (project: string) => `own-${project}@e2e.example`;

/** Signs in through the form, by keyboard alone, and waits for the article list. */
export async function signIn(page: Page, email: string, password = STAFF_PASSWORD) {
  await page.goto('/newsroom/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Articles' })).toBeVisible();
}

/** axe-core's serious and critical findings on the page as it is. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
