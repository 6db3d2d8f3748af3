import { vitestConfig } from '@jwt-authorizer/vitest-config';

export default vitestConfig();
