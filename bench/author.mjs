// An author at work, for `make bench` (bench/run.sh, section 1c): signs in to the newsroom at
// BASE, opens a new article and, for SECONDS seconds, every INTERVAL ms
//  - MODE autosave (the default): autosaves it as a draft, the way the editor's island does (the
//    same form, the same endpoint, the version each save returns): readers' pages stay cached;
//  - MODE update: publishes it, then saves a new body with "Update" each time, as an editor
//    correcting a live story does: every save changes what readers see, so every page renders
//    anew after it.
// Prints one JSON line: { saves, ok, failed, statuses, meanMs, maxMs }.
//
//   node bench/author.mjs BASE EMAIL PASSWORD SECONDS [INTERVAL_MS] [autosave|update]

const [base, email, password, seconds, interval = '2000', mode = 'autosave'] = process.argv.slice(2);
if (!base || !email || !password || !seconds || !['autosave', 'update'].includes(mode)) {
  console.error('usage: node bench/author.mjs BASE EMAIL PASSWORD SECONDS [INTERVAL_MS] [autosave|update]');
  process.exit(2);
}
const sameOrigin = { Origin: base, 'Sec-Fetch-Site': 'same-origin' };
const form = (pairs) => new URLSearchParams(pairs).toString();
const formHeaders = (cookie) => ({
  ...sameOrigin,
  'Content-Type': 'application/x-www-form-urlencoded',
  ...(cookie ? { Cookie: cookie } : {}),
});

const signIn = await fetch(`${base}/newsroom/sign-in`, {
  method: 'POST',
  redirect: 'manual',
  headers: formHeaders(),
  body: form({ email, password, next: '/newsroom' }),
});
const setCookie = signIn.headers.get('set-cookie') || '';
const cookie = setCookie.split(';')[0];
if (signIn.status !== 303 || !cookie) {
  console.error(`signing in as ${email} failed: ${signIn.status} ${await signIn.text()}`);
  process.exit(1);
}
const editor = await (await fetch(`${base}/newsroom/articles/new`, { headers: { Cookie: cookie } })).text();
const csrf = editor.match(/name="csrf" value="([^"]+)"/)?.[1];
const category = editor.match(/<select id="category"[^>]*>\s*<option value="(\d+)"/)?.[1];
if (!csrf || !category) {
  console.error('the editor page has no form token or category');
  process.exit(1);
}

const fieldsFor = (n) => ({
  csrf,
  title: mode === 'update' ? 'A live story corrected during the benchmark' : 'An article written during the benchmark',
  dek: 'Typed while readers read.',
  body: `Paragraph ${n} of an article an author keeps typing.\n\n`.repeat(1 + (n % 40)),
  lang: 'en',
  category,
  tags: 'Benchmarks',
});

let url = `${base}/newsroom/articles/autosave`;
let version = null;
if (mode === 'update') {
  const published = await fetch(`${base}/newsroom/articles`, {
    method: 'POST',
    redirect: 'manual',
    headers: formHeaders(cookie),
    body: form({ ...fieldsFor(0), action: 'publish' }),
  });
  const id = published.headers.get('location')?.match(/^\/newsroom\/articles\/(\d+)/)?.[1];
  if (published.status !== 303 || !id) {
    console.error(`publishing failed: ${published.status} ${await published.text()}`);
    process.exit(1);
  }
  url = `${base}/newsroom/articles/${id}`;
}
/** The version the editor page holds now (what a browser's form would send). */
const currentVersion = async () => {
  const page = await (await fetch(url, { headers: { Cookie: cookie } })).text();
  return page.match(/name="version" value="(\d+)"/)?.[1];
};
let saves = 0, ok = 0, totalMs = 0, maxMs = 0;
const statuses = {};
const end = Date.now() + Number(seconds) * 1000;
while (Date.now() < end) {
  saves += 1;
  const fields = fieldsFor(saves);
  if (mode === 'update') {
    fields.action = 'update';
    fields.version = await currentVersion();
  } else if (version !== null) {
    fields.version = String(version);
  }
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: formHeaders(cookie),
    body: form(fields),
  });
  const ms = performance.now() - started;
  totalMs += ms;
  maxMs = Math.max(maxMs, ms);
  statuses[res.status] = (statuses[res.status] || 0) + 1;
  if (mode === 'update') {
    if (res.status === 303) ok += 1;
    await res.arrayBuffer();
  } else if (res.status === 200) {
    const answer = await res.json().catch(() => ({}));
    ok += 1;
    version = answer.version;
    url = `${base}${answer.autosave_url}`;
  }
  await new Promise((r) => setTimeout(r, Math.max(0, Number(interval) - ms)));
}
console.log(JSON.stringify({
  saves,
  ok,
  failed: saves - ok,
  statuses,
  meanMs: Number((totalMs / Math.max(saves, 1)).toFixed(1)),
  maxMs: Number(maxMs.toFixed(1)),
}));
