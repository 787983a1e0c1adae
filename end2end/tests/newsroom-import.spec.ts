import { test, expect, type Page } from '@playwright/test';
import { seriousViolations, signIn, staffEmail } from './newsroom';
import { waitForHydration } from './helpers';

// Moving in from WordPress, in the browser (JavaScript on and off alike): an admin opens Import
// by keyboard, tries a small export (a dry run writes nothing), imports it and reads the
// report; the old site's address of the post then leads to the article, and its day's archive
// lists it. The export is written here, one per run, dated 2020 so it never shows among the
// demo's latest stories. An editor has no Import.

/** Presses Enter on the link or button named `name`, as a keyboard user does. */
async function press(page: Page, role: 'link' | 'button', name: string | RegExp) {
  await page.getByRole(role, { name, exact: typeof name === 'string' }).first().focus();
  await page.keyboard.press('Enter');
}

function cdata(s: string) {
  return `<![CDATA[${s}]]>`;
}

/** A WordPress export of one post, `run` in its slug and title. */
function exportOf(run: string): Buffer {
  const slug = `harbour-archive-${run}`;
  // A site of its own per run: each run's post 7 is a new one.
  const site = `https://old-harbour-${run}.example`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Old Harbour Gazette</title><link>${site}</link>
  <language>en-GB</language><wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${site}</wp:base_site_url>
  <wp:base_blog_url>${site}</wp:base_blog_url>
  <wp:author><wp:author_login>${cdata('archivist')}</wp:author_login><wp:author_email>${cdata('archivist@old-harbour.example')}</wp:author_email><wp:author_display_name>${cdata('The Archivist')}</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>${cdata('world')}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('World')}</wp:cat_name></wp:category>
  <item>
    <title>${cdata(`From the harbour archive (${run})`)}</title>
    <link>${site}/news/${slug}/</link>
    <dc:creator>${cdata('archivist')}</dc:creator>
    <content:encoded>${cdata('<!-- wp:paragraph -->\n<p>The harbour master kept a diary of every ship for forty years.</p>\n<!-- /wp:paragraph -->')}</content:encoded>
    <excerpt:encoded>${cdata('Forty years of ships, one diary.')}</excerpt:encoded>
    <wp:post_id>7</wp:post_id>
    <wp:post_date_gmt>${cdata('2020-03-05 09:00:00')}</wp:post_date_gmt>
    <wp:post_name>${cdata(slug)}</wp:post_name>
    <wp:status>${cdata('publish')}</wp:status>
    <wp:post_type>${cdata('post')}</wp:post_type>
    <wp:post_password>${cdata('')}</wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>
    <category domain="category" nicename="world">${cdata('World')}</category>
  </item>
</channel>
</rss>
`);
}

test('an admin tries and imports a WordPress export, and its old address leads to the article', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled;
  const run = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const title = `From the harbour archive (${run})`;
  const file = { name: `old-harbour-${run}.xml`, mimeType: 'text/xml', buffer: exportOf(run) };
  await signIn(page, staffEmail('admin'));

  await press(page, 'link', 'Import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import from WordPress' })).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);

  // A dry run first: the report, and nothing written.
  await page.getByLabel('Export file (required)').setInputFiles(file);
  await page.getByLabel('Only show what would be done').check();
  await press(page, 'button', 'Import');
  await expect(page.getByRole('heading', { level: 2, name: 'What an import would do (nothing was written)' })).toBeVisible();
  const table = page.getByRole('table', { name: 'What the import made, by kind' });
  await expect(table.getByRole('row', { name: /^articles/ })).toHaveText(/articles\s*1\s*0\s*0\s*0\s*0/);
  if (js) expect(await seriousViolations(page)).toEqual([]);
  const slug = `harbour-archive-${run}`;
  expect((await page.request.get(`/2020/03/05/${slug}`, { maxRedirects: 0 })).status()).toBe(404);

  // The import itself.
  await page.getByLabel('Export file (required)').setInputFiles(file);
  await press(page, 'button', 'Import');
  await expect(page.getByRole('heading', { level: 2, name: 'Imported' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'What the import made, by kind' }).getByRole('row', { name: /^articles/ }))
    .toHaveText(/articles\s*1\s*0\s*0\s*0\s*0/);
  if (js) expect(await seriousViolations(page)).toEqual([]);

  // The old site's address leads readers to the article.
  await page.goto(`/news/${slug}/`);
  await expect(page).toHaveURL(new RegExp(`/2020/03/05/${slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Forty years of ships, one diary.').first()).toBeVisible();

  // And its day's archive lists it.
  await page.goto('/2020/03/05');
  await expect(page.getByRole('heading', { level: 1, name: '5 March 2020' })).toBeVisible();
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
  if (js) {
    // Hydrated, and with the ticker's fade-in done (axe would measure a headline's contrast
    // halfway through it).
    await waitForHydration(page);
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('an editor has no Import', async ({ page }) => {
  await signIn(page, staffEmail('editor'));
  await expect(page.getByRole('link', { name: 'Import', exact: true })).toHaveCount(0);
  const res = await page.goto('/newsroom/import');
  expect(res?.status()).toBe(403);
});
