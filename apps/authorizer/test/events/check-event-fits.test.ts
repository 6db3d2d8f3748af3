import { parseConfig } from '@jwt-authorizer/config';
import { SEED_ENV } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { checkEventFits } from '../../src/events/check-event-fits.js';
import type { EventFormat } from '../../src/events/read-event.js';

const config = (env: Record<string, string> = {}) => parseConfig({ ...SEED_ENV, ...env });
const FORMATS: EventFormat[] = ['rest-token', 'rest-request', 'http-1.0', 'http-2.0', 'websocket'];

/** The formats a configuration refuses, with the start of each message. */
function refused(env: Record<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const format of FORMATS) {
    try {
      checkEventFits(format, config(env));
    } catch (error) {
      expect(error).toMatchObject({ name: 'UnsupportedEventError', code: 'incompatible_event' });
      found[format] = (error as Error).message.split(':')[0] as string;
    }
  }
  return found;
}

describe('checkEventFits', () => {
  it('takes every format with the defaults', () => {
    expect(refused({})).toEqual({});
  });

  it('refuses TOKEN events when TOKEN_SOURCES names no header', () => {
    expect(refused({ TOKEN_SOURCES: 'query:token,cookie:session' })).toEqual({
      'rest-token': 'a TOKEN event carries one header, and TOKEN_SOURCES names none',
    });
    expect(refused({ TOKEN_SOURCES: 'query:token,header:X-Api-Token' })).toEqual({});
  });

  it('refuses $connect events with route rules', () => {
    expect(Object.keys(refused({ ROUTE_SCOPES: '{"GET /pets": []}' }))).toEqual(['websocket']);
    expect(Object.keys(refused({ ROUTE_RULES: '{"GET /pets": {}}' }))).toEqual(['websocket']);
  });

  it('refuses TOKEN and $connect events with certificate binding: they carry no certificate', () => {
    expect(Object.keys(refused({ CLIENT_CERT_BINDING: 'required' }))).toEqual(['rest-token', 'websocket']);
  });
});
