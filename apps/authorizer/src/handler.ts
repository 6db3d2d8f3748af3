// The Lambda entry point (`index.handler`). Module scope runs once per container, at cold start: a bad
// configuration fails the init here with one message naming the variable (docs/configuration.md).
import { createHandler } from './create-handler.js';

export const handler = createHandler();
