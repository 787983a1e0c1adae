// The soak's load (`make soak`, bench/soak.sh): CONNECTIONS clients against BASE for SECONDS
// seconds, over a news site's mix, and what each kind of request got.
//
// Readers (all but NEWSROOM of the clients) ask, one request after another with no pause:
//   home 20%, category 20%, article 35% (any of the site's articles, from its sitemaps: on a
//   large site most of them are page-cache misses), search 15% (bench/search-queries.txt),
//   feeds 10% (RSS, Atom, a sitemap, the news sitemap).
// The newsroom (NEWSROOM clients, accounts EMAIL_PREFIX1@… to EMAIL_PREFIXn@…, one each) works
// as editors do, a second or two between steps: sign in, open a new article, autosave it five
// times, publish it, correct it once, sign out; then again. Every publish changes what readers
// see, so cached pages are rendered anew after it.
//
// An error is any network failure, a time-out (TIMEOUT_MS) or a status that is not the one the
// step expects (200 for readers, 303 for sign-in, publish, correction and sign-out). The
// server's resident memory (/proc/PID/status) is sampled every 10 s, with the page cache's share
// of it (timelines_page_cache_bytes at METRICS, the server's metrics address), so that growth
// can be told apart from the cache filling up to its size.
// Prints one JSON object: per kind { requests, errors, statuses, p50, p99, max (ms), cache },
// and memory samples [{ s, mb, cacheMb }].
//
//   node bench/soak.mjs BASE PID SECONDS CONNECTIONS NEWSROOM EMAIL_PREFIX PASSWORD QUERIES METRICS

import { readFileSync } from 'node:fs';

const [base, pid, seconds, connections, newsroomClients, emailPrefix, password, queriesFile, metrics] =
  process.argv.slice(2);
if (!metrics) {
  console.error('usage: node bench/soak.mjs BASE PID SECONDS CONNECTIONS NEWSROOM EMAIL_PREFIX PASSWORD QUERIES METRICS');
  process.exit(2);
}
const TIMEOUT_MS = 30_000;

// ---- what is measured --------------------------------------------------------------------
const kinds = {};
const kind = (name) =>
  (kinds[name] ??= { latencies: [], errors: 0, statuses: {}, cache: {}, firstErrors: [] });

/** One request, timed and judged: the response's body as text, or null when it failed. */
async function request(name, url, { expect = 200, ...init } = {}) {
  const k = kind(name);
  const started = performance.now();
  let status = 'network';
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), ...init });
    status = res.status;
    const body = await res.text();
    k.latencies.push(performance.now() - started);
    k.statuses[status] = (k.statuses[status] ?? 0) + 1;
    const cache = res.headers.get('x-cache');
    if (cache) k.cache[cache] = (k.cache[cache] ?? 0) + 1;
    if (status === expect) return { body, headers: res.headers };
  } catch (e) {
    status = e.name === 'TimeoutError' ? 'timeout' : 'network';
    k.statuses[status] = (k.statuses[status] ?? 0) + 1;
  }
  k.errors += 1;
  if (k.firstErrors.length < 5) k.firstErrors.push(`${status} ${url}`);
  return null;
}

const percentile = (sorted, p) =>
  sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1)) : null;

const memory = [];
let started = Date.now();
const sampleMemory = () => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS in /proc/${pid}/status`);
  const sample = { s: Math.round((Date.now() - started) / 1000), mb: Number((kb / 1024).toFixed(1)), cacheMb: null };
  memory.push(sample);
  pending.push(
    fetch(metrics, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      .then((res) => res.text())
      .then((text) => {
        const bytes = Number(text.match(/^timelines_page_cache_bytes (\S+)$/m)?.[1]);
        if (Number.isFinite(bytes)) sample.cacheMb = Number((bytes / 1048576).toFixed(1));
        else metricsMissed += 1;
      })
      .catch(() => {
        metricsMissed += 1;
      }),
  );
};
let metricsMissed = 0;
const pending = [];

// ---- what readers ask for -------------------------------------------------------------------
const text = async (url) => {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return res.text();
};
const locs = (xml) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
const home = await text(`${base}/`);
const categories = [...new Set([...home.matchAll(/href="(\/category\/[^"#?]+)"/g)].map((m) => m[1]))];
const sitemaps = locs(await text(`${base}/sitemap.xml`));
const articles = [];
for (const sitemap of sitemaps) {
  for (const path of locs(await text(`${base}${sitemap}`))) {
    if (/^\/\d{4}\/\d{2}\/\d{2}\//.test(path)) articles.push(path);
  }
}
const queries = readFileSync(queriesFile, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const feeds = ['/feed', '/feed/atom', sitemaps[0], '/news-sitemap.xml'];
if (!categories.length || articles.length < 2 || !queries.length) {
  console.error(`nothing to read: ${categories.length} categories, ${articles.length} articles, ${queries.length} queries`);
  process.exit(1);
}
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const mix = [
  [0.2, 'home', () => '/'],
  [0.2, 'category', () => pick(categories)],
  [0.35, 'article', () => pick(articles)],
  [0.15, 'search', () => `/search?q=${encodeURIComponent(pick(queries))}`],
  [0.1, 'feed', () => pick(feeds)],
];

async function reader() {
  while (Date.now() < end) {
    let r = Math.random();
    const [, name, path] = mix.find(([share]) => (r -= share) < 0) ?? mix[mix.length - 1];
    await request(name, `${base}${path()}`);
  }
}

// ---- the newsroom ---------------------------------------------------------------------------
const json = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const think = () => pause(1000 + Math.random() * 1000);
const form = (pairs) => new URLSearchParams(pairs).toString();
const formHeaders = (cookie) => ({
  Origin: base,
  'Sec-Fetch-Site': 'same-origin',
  'Content-Type': 'application/x-www-form-urlencoded',
  ...(cookie ? { Cookie: cookie } : {}),
});
let published = 0;

async function editor(n) {
  const email = `${emailPrefix}${n}@soak.example`;
  let round = 0;
  while (Date.now() < end) {
    round += 1;
    const signIn = await request('newsroom sign-in', `${base}/newsroom/sign-in`, {
      method: 'POST',
      expect: 303,
      headers: formHeaders(),
      body: form({ email, password, next: '/newsroom' }),
    });
    const cookie = signIn?.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) {
      await think();
      continue;
    }
    const page = await request('newsroom page', `${base}/newsroom/articles/new`, { headers: { Cookie: cookie } });
    const csrf = page?.body.match(/name="csrf" value="([^"]+)"/)?.[1];
    const category = page?.body.match(/<select id="category"[^>]*>\s*<option value="(\d+)"/)?.[1];
    if (!csrf || !category) {
      kind('newsroom page').errors += page ? 1 : 0;
      await think();
      continue;
    }
    const title = `Soak desk ${n}, story ${round}: council weighs the ferry timetable`;
    const fields = (i) => ({
      csrf,
      title,
      dek: 'Written while the site was under load.',
      body: `Paragraph ${i} of a story an editor keeps typing while readers read.\n\n`.repeat(1 + i),
      lang: 'en',
      category,
      tags: 'Soak',
    });
    let autosaveUrl = `${base}/newsroom/articles/autosave`;
    let version = null;
    for (let i = 0; i < 5 && Date.now() < end; i++) {
      await think();
      const saved = await request('newsroom autosave', autosaveUrl, {
        method: 'POST',
        headers: formHeaders(cookie),
        body: form({ ...fields(i), ...(version === null ? {} : { version: String(version) }) }),
      });
      const answer = saved && json(saved.body);
      if (answer?.version !== undefined && answer?.autosave_url) {
        version = answer.version;
        autosaveUrl = `${base}${answer.autosave_url}`;
      } else if (saved) {
        kind('newsroom autosave').errors += 1;
      }
    }
    const editorUrl = autosaveUrl.replace(/\/autosave$/, '');
    if (version !== null && Date.now() < end) {
      await think();
      const done = await request('newsroom publish', editorUrl, {
        method: 'POST',
        expect: 303,
        headers: formHeaders(cookie),
        body: form({ ...fields(5), version: String(version), action: 'publish' }),
      });
      if (done) published += 1;
      await think();
      const now = await request('newsroom page', editorUrl, { headers: { Cookie: cookie } });
      const current = now?.body.match(/name="version" value="(\d+)"/)?.[1];
      if (current && Date.now() < end) {
        await think();
        await request('newsroom correction', editorUrl, {
          method: 'POST',
          expect: 303,
          headers: formHeaders(cookie),
          body: form({ ...fields(6), dek: 'Corrected while the site was under load.', version: current, action: 'update' }),
        });
      }
    }
    await request('newsroom sign-out', `${base}/newsroom/sign-out`, {
      method: 'POST',
      expect: 303,
      headers: formHeaders(cookie),
      body: form({ csrf }),
    });
    await think();
  }
}

// ---- the run --------------------------------------------------------------------------------
const end = Date.now() + Number(seconds) * 1000;
started = Date.now();
sampleMemory();
const sampler = setInterval(sampleMemory, 10_000);
const editors = Number(newsroomClients);
const clients = [
  ...Array.from({ length: Number(connections) - editors }, reader),
  ...Array.from({ length: editors }, (_, i) => editor(i + 1)),
];
await Promise.all(clients);
clearInterval(sampler);
sampleMemory();
await Promise.all(pending);
if (metricsMissed) console.error(`the page cache's size was not read for ${metricsMissed} of ${memory.length} samples (${metrics})`);

const report = { seconds: Number(seconds), connections: Number(connections), articles: articles.length, published, kinds: {}, memory };
for (const [name, k] of Object.entries(kinds)) {
  const sorted = k.latencies.sort((a, b) => a - b);
  report.kinds[name] = {
    requests: sorted.length + (k.statuses.network ?? 0) + (k.statuses.timeout ?? 0),
    errors: k.errors,
    statuses: k.statuses,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? Number(sorted[sorted.length - 1].toFixed(1)) : null,
    cache: k.cache,
    firstErrors: k.firstErrors,
  };
}
console.log(JSON.stringify(report));
