import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { deflateSync } from 'node:zlib';

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

/** A PNG drawn here (never downloaded): a sky, a sea and a sun, with a stripe of pixels from
 *  `seed` so that each run uploads different bytes. */
export function drawPng(width: number, height: number, seed: string): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (kind: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(kind, 'ascii'), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, tail]);
  };
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const sun = (x - width * 0.7) ** 2 + (y - height * 0.3) ** 2 < (height * 0.12) ** 2;
      const sea = y > height * 0.6;
      let [r, g, b] = sun ? [250, 210, 90] : sea ? [20, 70 + (y % 7) * 6, 140] : [120 + y / 4, 170, 235];
      if (y < 4) [r, g, b] = [seed.charCodeAt(x % seed.length), (x * 7) % 256, (x * 13) % 256];
      row.set([r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v)))), 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
