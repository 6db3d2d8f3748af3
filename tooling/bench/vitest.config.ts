import { vitestConfig } from '@jwt-authorizer/vitest-config';

// The smoke test runs the whole quick bench (a build, child processes, servers): seconds, more on a busy machine.
export default vitestConfig({ testTimeout: 120_000 });
