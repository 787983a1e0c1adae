import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriousViolations, signIn, staffEmail } from './newsroom';

// The newsletter's double opt-in, with JavaScript on and off: a reader signs up, the confirmation
// message arrives at the SMTP test server (scripts/with-smtp.sh keeps it in a Maildir), the
// reader follows its link and presses the button, and later leaves through the unsubscribe link
// every message carries.

const maildir = process.env.TIMELINES_TEST_MAILDIR;

/** Quoted-printable decoded (soft line breaks joined, =XX bytes as UTF-8). */
function unquote(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The message to `to` (whose subject matches `subject`, when given), once it has arrived
 *  (headers unfolded, body decoded). */
async function messageTo(to: string, subject?: RegExp): Promise<{ headers: string; body: string }> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const dir = join(maildir!, 'new');
        found = readdirSync(dir)
          .map((f) => readFileSync(join(dir, f), 'utf8'))
          .find(
            (m) =>
              new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(m) &&
              (!subject || subject.test(m.split(/\r?\n\r?\n/)[0])),
          );
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const [headers, ...rest] = found!.split(/\r?\n\r?\n/);
  return { headers: headers.replace(/\r?\n[ \t]+/g, ' '), body: unquote(rest.join('\n\n')) };
}

test('a reader signs up, confirms from the message, and unsubscribes', async ({ page }, testInfo) => {
  test.skip(!maildir, 'needs the SMTP test server (scripts/with-smtp.sh, which make test starts)');
  const js = testInfo.project.use.javaScriptEnabled;
  const email = `reader-${testInfo.project.name}-${Date.now().toString(36)}@example.com`;

  await page.goto('/subscribe');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Email address').press('Enter');
  await expect(page.getByRole('status')).toContainText("we've sent you an email");

  const message = await messageTo(email);
  expect(message.headers).toMatch(/^Subject: Confirm your subscription to /m);
  expect(message.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  const confirm = message.body.match(/https?:\/\/\S+\/subscribe\/confirm\?token=[\w.-]+/)![0];
  const unsubscribe = message.headers.match(/^List-Unsubscribe: <([^>]+)>/m)![1];

  // The link opens a page with a button (a mail scanner opening it confirms nothing).
  await page.goto(confirm);
  await expect(page.getByRole('heading', { name: 'Confirm your subscription' })).toBeVisible();
  if (js) expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Confirm my subscription' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('your subscription is confirmed');

  await page.goto(unsubscribe);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('status')).toContainText("You're unsubscribed");

  // An altered link says so.
  await page.goto(`${confirm.slice(0, -3)}xyz`);
  await page.getByRole('button', { name: 'Confirm my subscription' }).click();
  await expect(page.getByRole('status')).toContainText("That link doesn't work");
});

test('an editor sends the digest; a confirmed reader gets it and leaves through its link', async ({ page, browser }, testInfo) => {
  test.skip(!maildir, 'needs the SMTP test server (scripts/with-smtp.sh, which make test starts)');
  const js = testInfo.project.use.javaScriptEnabled;
  const email = `digest-${testInfo.project.name}-${Date.now().toString(36)}@example.com`;

  await page.goto('/subscribe');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Email address').press('Enter');
  await expect(page.getByRole('status')).toContainText("we've sent you an email");
  const confirmation = await messageTo(email, /^Subject: Confirm/m);
  await page.goto(confirmation.body.match(/https?:\/\/\S+\/subscribe\/confirm\?token=[\w.-]+/)![0]);
  await page.getByRole('button', { name: 'Confirm my subscription' }).click();
  await expect(page.getByRole('status')).toContainText('your subscription is confirmed');

  // The editor, by keyboard: the newsroom's Newsletter page, the day's digest, Send.
  const deskContext = await browser.newContext({ javaScriptEnabled: js });
  const desk = await deskContext.newPage();
  await signIn(desk, staffEmail('editor'));
  await desk.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Newsletter' }).click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Newsletter' })).toBeVisible();
  await expect(desk.getByText(/confirmed address(es)? receives? the newsletter/)).toBeVisible();
  const picks = desk.locator('ol.nr-digest li a');
  await expect(picks.first()).toBeVisible();
  const firstTitle = (await picks.first().textContent())!.trim();
  // axe runs as a script in the page: with JavaScript on only.
  if (js) expect(await seriousViolations(desk)).toEqual([]);
  const send = desk.getByRole('button', { name: /^Send newsletter to \d+ subscribers?$/ });
  await send.focus();
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('status').first()).toContainText('The newsletter is on its way to');
  await expect(desk.getByRole('heading', { level: 1 })).toContainText("the day's top stories");
  if (js) expect(await seriousViolations(desk)).toEqual([]);
  await expect
    .poll(async () => {
      await desk.reload();
      return desk.locator('main').textContent();
    }, { timeout: 15_000 })
    .toMatch(/Queued to \d+ address(es)?: \d+ delivered, 0 waiting, 0 failed\./);
  await deskContext.close();

  // The reader's digest: the day's articles, linked, with its own way out.
  const digest = await messageTo(email, /^Subject: .*the day's top stories/m);
  expect(digest.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(digest.body).toContain(firstTitle);
  const leave = digest.body.match(/https?:\/\/\S+\/subscribe\/unsubscribe\?token=[\w.-]+/)![0];
  await page.goto(leave);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('status')).toContainText("You're unsubscribed");
});
