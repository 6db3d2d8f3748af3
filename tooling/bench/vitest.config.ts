import { vitestConfig } from '@jwt-authorizer/vitest-config';

// The smoke test runs the whole quick bench (builds, child processes, servers): minutes on a busy machine at worst.
export default vitestConfig({ testTimeout: 300_000 });
