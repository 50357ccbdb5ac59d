import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,sync,scripts,renderer,tests}/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // expect.poll waits on a browser or a sync under whatever load CI has (two cores, e2e
    // files in parallel): the 1 s default failed a correct sort test at load ~9.
    expect: { poll: { timeout: 10_000 } },
    globalSetup: ['tests/support/cloud-global-setup.ts'],
    setupFiles: ['tests/support/pglite-template-setup.ts'],
    // No test may reach the real Gemini: a developer's key must not leak into a run (tests
    // that want Gemini pass a key store and the loopback double's URL explicitly).
    env: { GEMINI_API_KEY: '', TPJ_GEMINI_BASE_URL: '' },
  },
});
