import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIssuerCheck } from '../src/index.js';

const TEMPLATE = 'https://login.microsoftonline.com/{tid}/v2.0';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const issuerOf = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

describe('createIssuerCheck', () => {
  it('accepts the literal issuers, compared exactly', () => {
    const check = createIssuerCheck(['https://idp.example/', 'accounts.google.com']);
    expect(check({ iss: 'https://idp.example/' })).toBeUndefined();
    expect(check({ iss: 'accounts.google.com' })).toBeUndefined();
    for (const iss of ['https://idp.example', 'https://IDP.example/', 'https://idp.example/x', 42, undefined]) {
      expect(check({ iss } as never)).toBe('unexpected "iss" claim value');
    }
  });

  it("accepts an iss equal to a template holding the token's own tid, for any tenant", () => {
    const check = createIssuerCheck([TEMPLATE]);
    expect(check({ iss: issuerOf(TENANT), tid: TENANT })).toBeUndefined();
    expect(check({ iss: issuerOf('contoso-tenant-2'), tid: 'contoso-tenant-2' })).toBeUndefined();
  });

  it('refuses a tid that is missing, empty, not a string, or holds "/", "." or anything else outside [A-Za-z0-9-]', () => {
    const check = createIssuerCheck([TEMPLATE]);
    for (const tid of [undefined, '', 42, ['a'], 'a/b', '..', 'a.b', 'a b', 'a%2Fb', 'tenant\n', 'ténant']) {
      const iss = typeof tid === 'string' ? issuerOf(tid) : issuerOf('x');
      expect(check({ iss, ...(tid !== undefined && { tid }) } as never)).toMatch(/needs a "tid" claim/);
    }
  });

  it("refuses an iss of another tenant than the token's tid, and the template text itself", () => {
    const check = createIssuerCheck([TEMPLATE]);
    expect(check({ iss: issuerOf('other'), tid: TENANT })).toBe('unexpected "iss" claim value');
    expect(check({ iss: TEMPLATE, tid: TENANT })).toBe('unexpected "iss" claim value');
  });

  it('reads tid as an own property only', () => {
    const check = createIssuerCheck(['https://idp.example/{tid}']);
    expect(check({ iss: 'https://idp.example/constructor' })).toMatch(/needs a "tid" claim/);
  });

  it('substitutes every {tid} of a template, and tries literal issuers and templates together', () => {
    const check = createIssuerCheck(['https://a.example/', 'https://{tid}.example/t/{tid}']);
    expect(check({ iss: 'https://a.example/' })).toBeUndefined();
    expect(check({ iss: 'https://t1.example/t/t1', tid: 't1' })).toBeUndefined();
    expect(check({ iss: 'https://t1.example/t/t2', tid: 't1' })).toBe('unexpected "iss" claim value');
    const either = createIssuerCheck(['https://a.example/{tid}', 'https://b.example/{tid}']);
    expect(either({ iss: 'https://b.example/t1', tid: 't1' })).toBeUndefined();
  });

  it('never accepts an iss that differs from the template outside the tenant (property)', () => {
    const check = createIssuerCheck([TEMPLATE]);
    fc.assert(
      fc.property(fc.string(), fc.string(), (tid, iss) => {
        if (check({ iss, tid }) === undefined) expect(iss).toBe(issuerOf(tid));
        if (check({ iss, tid }) === undefined) expect(tid).toMatch(/^[A-Za-z0-9-]+$/);
      }),
    );
  });
});
