import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the built app (`vite preview`), in Debian's Chromium. Never run
 * `npx playwright install`: the system browser is used. One worker: training saturates the CPU.
 */
/** `E2E_PORT` lets two checkouts on one machine each test their own build. */
const port = Number(process.env.E2E_PORT ?? 4173);
const baseArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const webgpuArgs = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-angle=swiftshader'];

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1366, height: 768 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: baseArgs },
    trace: 'retain-on-failure',
    // The built app registers a service worker (docs/offline.md). A worker left from one spec
    // could serve that build's cached files to the next, so specs run without one unless they
    // opt in (e2e/offline.spec.ts does, in a fresh context each test).
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'chromium', testIgnore: /webgpu\.spec\.ts/ },
    {
      name: 'chromium-webgpu',
      testMatch: /webgpu\.spec\.ts/,
      use: { launchOptions: { executablePath: '/usr/bin/chromium', args: [...baseArgs, ...webgpuArgs] } },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
