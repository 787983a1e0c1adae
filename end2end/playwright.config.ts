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
  timeout: 30_000,
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
      // Phone-sized, touch, JavaScript on (Chromium mobile emulation).
      name: 'mobile',
      testIgnore: /\.nojs\.spec\.ts$/,
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
