import { test, expect, type Page } from '@playwright/test';
import { LAVROV } from './helpers';

// Featured pictures as readers get them (JavaScript on and off, desktop and phone): the demo
// newsroom's drawn pictures on the article, its cards and the home page, as <picture> with WebP
// and JPEG srcsets; the browser takes a WebP wide enough for the room the layout gives it; the
// width and height attributes keep that room, so nothing moves as pictures load (layout shift
// measured in the page); the page's largest picture loads first and the others lazily; the
// share card in the head is a real 1200×630 JPEG.

const KEYED = /^\/media\/[0-9a-f]{20}\//;

/** The width and height in a JPEG's frame header. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  throw new Error('no frame header');
}

/** What the browser made of a picture: the file it chose, its pixels and its box. */
async function shown(page: Page, selector: string) {
  const img = page.locator(selector).first();
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  return img.evaluate((el: HTMLImageElement) => {
    const box = el.getBoundingClientRect();
    return { src: new URL(el.currentSrc).pathname, natural: el.naturalWidth, naturalHeight: el.naturalHeight, width: box.width, height: box.height };
  });
}

test('the article shows its picture sized, described, loaded first, in WebP wide enough', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  await page.goto(LAVROV);
  const figure = page.locator('figure.article__figure');
  const img = figure.locator('img');
  await expect(img).toHaveAttribute('alt', /^Illustration: \w/);
  await expect(img).toHaveAttribute('width', '1600');
  await expect(img).toHaveAttribute('height', '900');
  await expect(img).toHaveAttribute('fetchpriority', 'high');
  expect(await img.getAttribute('loading')).toBeNull();
  await expect(figure.locator('source[type="image/webp"]')).toHaveAttribute('srcset', /^\/media\/[0-9a-f]{20}\/320\.webp 320w, .* \/media\/[0-9a-f]{20}\/1600\.webp 1600w$/);
  await expect(figure.locator('figcaption')).toHaveText('Illustration: the Timelines desk');
  if (!js) return;
  const s = await shown(page, 'figure.article__figure img');
  expect(s.src).toMatch(KEYED);
  expect(s.src).toMatch(/\.webp$/);
  // Sharp on this screen: about as many pixels as the box has device pixels (the browser may
  // take a variant a little short of them), or the widest there is.
  // (naturalWidth is in CSS pixels for a srcset pick: the file's width is in its name.)
  const dpr = await page.evaluate(() => devicePixelRatio);
  const fileWidth = Number(/\/(\d+)\.webp$/.exec(s.src)![1]);
  expect(fileWidth).toBeGreaterThanOrEqual(Math.min(1600, s.width * dpr * 0.9));
  // The room kept is the picture's own proportions.
  expect(Math.abs(s.width / s.height - 16 / 9)).toBeLessThan(0.02);
  expect(Math.abs(s.natural / s.naturalHeight - 16 / 9)).toBeLessThan(0.01);
});

test('nothing moves as the pictures of the article and the home page load', async ({ page }, testInfo) => {
  test.skip(!testInfo.project.use.javaScriptEnabled, 'measured by a script in the page');
  await page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) {
        // Scrolled down, the sticky navbar makes room for the site's name (header.rs): that
        // shift is the navbar's own, not the pictures'.
        const navbarOnly = (e.sources ?? []).length > 0 && e.sources.every((s: any) => s.node?.closest?.('.navbar'));
        if (!e.hadRecentInput && !navbarOnly) (window as any).__shift += e.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const path of [LAVROV, '/']) {
    await page.goto(path);
    await page.waitForLoadState('load');
    // Down the page a screen at a time, so the lazy pictures load too.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 600) {
      await page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' as ScrollBehavior }), y);
      await page.waitForTimeout(60);
    }
    await expect.poll(() => page.evaluate(() =>
      [...document.images].filter((i) => i.getBoundingClientRect().width > 0).every((i) => i.complete))).toBe(true);
    const loaded = await page.evaluate(() => [...document.images].filter((i) => i.naturalWidth > 0).length);
    expect(loaded).toBeGreaterThan(1);
    expect(await page.evaluate(() => (window as any).__shift), path).toBe(0);
  }
});

test('the home page: the lead picture loads first, every other waits, every one has its size', async ({ page }) => {
  await page.goto('/');
  const lead = page.locator('.card--lead img');
  await expect(lead).toHaveAttribute('fetchpriority', 'high');
  await expect(lead).toHaveAttribute('alt', /^Illustration: \w/);
  await expect(page.locator('.card--lead source[type="image/webp"]')).toHaveAttribute('sizes', /^\(min-width: 1248px\) 495px/);
  const images = await page.locator('main img').evaluateAll((els) =>
    els.map((e) => ({ priority: e.getAttribute('fetchpriority'), loading: e.getAttribute('loading'), width: e.getAttribute('width'), height: e.getAttribute('height'), alt: e.getAttribute('alt') })));
  expect(images.length).toBeGreaterThan(5);
  expect(images.filter((i) => i.priority === 'high')).toHaveLength(1);
  for (const i of images) {
    expect(i.width && i.height && i.alt).toBeTruthy();
    if (i.priority !== 'high') expect(i.loading).toBe('lazy');
  }
});

test('a section page shows a picture on its cards, the first loaded first', async ({ page }) => {
  await page.goto('/category/world');
  // (Stories other specs publish without a picture may come first.)
  const cards = page.locator('.article-list .card:has(img)');
  await expect(cards.first().locator('img')).toHaveAttribute('fetchpriority', 'high');
  await expect(cards.nth(1).locator('img')).toHaveAttribute('loading', 'lazy');
  await expect(cards.nth(1).locator('source[type="image/webp"]')).toHaveAttribute('srcset', /320\.webp 320w/);
  await expect(cards.nth(1).locator('img')).toHaveAttribute('srcset', /320\.jpg 320w/);
});

test('the share card in the head is a 1200×630 JPEG cached for good', async ({ page, request }) => {
  await page.goto(LAVROV);
  const url = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(url).toMatch(/\/media\/[0-9a-f]{20}\/share\.jpg$/);
  await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200');
  await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630');
  await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', url!);
  const res = await request.get(new URL(url!).pathname);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
  expect(res.headers()['cache-control']).toContain('immutable');
  expect(jpegSize(await res.body())).toEqual({ width: 1200, height: 630 });
});
