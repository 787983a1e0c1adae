import { defineConfig } from '@playwright/test';

// Timelines end-to-end tests.
//
// The browser is Debian's Chromium (/usr/bin/chromium, installed by `make test`);
// never let Playwright download its own browser build (it fails
// on machines that only reach package registries). Override the binary with
// CHROMIUM_PATH if needed.
//
// The server is started either
//  - by end2end/run-e2e.sh (make test, make e2e), on its own port (E2E_PORT, default 3100) with a
//    fresh database; it exports BASE_URL; or
//  - by `cargo leptos end-to-end` (end2end-cmd in Cargo.toml), on site-addr from Cargo.toml
//    [package.metadata.leptos], which cargo-leptos passes to the server as LEPTOS_SITE_ADDR. It
//    does not pass it to this command, so the default below must match site-addr; when you
//    override it (LEPTOS_SITE_ADDR=127.0.0.1:3200 cargo leptos end-to-end), both see it.
// BASE_URL, when set, wins.

const isCI = !!process.env.CI;
const siteAddr = process.env.LEPTOS_SITE_ADDR || '127.0.0.1:3000';
const baseURL = process.env.BASE_URL || `http://${siteAddr}`;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  // The longest flows (a comment held, approved and shown; an upload published as a featured
  // image, on a phone) do the work of two or three people with accessibility checks between: up
  // to 27 s on a machine at half speed, and over 30 s on a slower one (a fresh make test here on
  // 2026-12-07). A timeout only guards against a hang.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  reporter: 'list',
  use: {
    baseURL,
    ...chromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      // Desktop, JavaScript on: the hydrated app.
      name: 'hydrated',
      testIgnore: /\.nojs\.spec\.ts$/,
      use: {
        ...chromium,
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: true,
      },
    },
    {
      // Desktop, JavaScript off: server-rendered HTML and plain forms only.
      name: 'nojs',
      testIgnore: /\.hydrate\.spec\.ts$/,
      use: {
        ...chromium,
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: false,
      },
    },
    {
      // Phone-sized, touch, JavaScript on (Chromium mobile emulation): the reader's pages, the
      // comment form, signing in, the newsroom's pages under axe (newsroom-sign-in) and writing
      // an article. The other newsroom flows, the contact and newsletter forms, search results
      // and the CSP behave the same at any width and run on desktop, with and without
      // JavaScript; leaving them out here keeps make test within CI's time.
      name: 'mobile',
      testIgnore: [
        /\.nojs\.spec\.ts$/,
        /newsroom-(autosave|preview-pane|preview-link|media|sections|import|pages|delete|settings)\.(hydrate\.)?spec\.ts$/,
        /(contact|newsletter|search|csp\.hydrate)\.spec\.ts$/,
      ],
      use: {
        ...chromium,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled: true,
      },
    },
  ],
});
