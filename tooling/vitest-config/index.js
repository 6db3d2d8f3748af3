// Shared vitest settings: every package's vitest.config.ts is `export default vitestConfig()`.
import { defineConfig } from 'vitest/config';

/** @param {import('vitest/config').ViteUserConfig['test']} [test] */
export function vitestConfig(test = {}) {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      // Tests never reach the network: loopback servers only. A stray real request fails fast.
      testTimeout: 20_000,
      restoreMocks: true,
      unstubEnvs: true,
      ...test,
    },
  });
}
