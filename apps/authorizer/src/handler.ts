// The Lambda entry point (`index.handler`). Module scope runs once per container, at init: a bad configuration
// fails the init here with one message naming the variable (docs/configuration.md), and the keys of a remote key
// source are fetched here, so that a container initialized ahead of its first request (provisioned concurrency,
// Lambda's proactive initialization) has them when it comes. The fetch is bounded by KEY_FETCH_TIMEOUT_MS; its
// failure never fails the init: the first request meets the failure (and the back-off) as it would have met its own.
import { createHandler } from './create-handler.js';

export const handler = createHandler();
await handler.prefetchKeys();
