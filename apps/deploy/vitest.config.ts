import { vitestConfig } from '@jwt-authorizer/vitest-config';

// A CDK synth takes seconds, and more on a busy machine: a longer timeout than the workspace's 20 s.
export default vitestConfig({ testTimeout: 60_000 });
