import type { UserConfig, ViteUserConfig } from 'vitest/config';

/** The workspace's vitest settings, with `test` overrides. */
export declare function vitestConfig(test?: ViteUserConfig['test']): UserConfig;
