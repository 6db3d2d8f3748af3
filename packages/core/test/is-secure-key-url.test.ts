import { describe, expect, it } from 'vitest';
import { isSecureKeyUrl } from '../src/index.js';

describe('isSecureKeyUrl', () => {
  it.each([
    'https://idp.example.com/.well-known/jwks.json',
    'https://127.0.0.1/jwks.json',
    'http://localhost:8080/jwks.json',
    'http://127.0.0.1/jwks.json',
    'http://127.10.200.3:9000/jwks.json',
    'http://[::1]:4000/jwks.json',
  ])('accepts %s', (url) => {
    expect(isSecureKeyUrl(new URL(url))).toBe(true);
  });

  it.each([
    'http://idp.example.com/jwks.json',
    'http://localhost.evil.example/jwks.json',
    'http://notlocalhost/jwks.json',
    'http://127.0.0.1.evil.example/jwks.json',
    'http://10.127.0.0/jwks.json',
    'http://[::2]/jwks.json',
    'ftp://localhost/jwks.json',
    'file:///etc/jwks.json',
  ])('refuses %s: plain http leaves loopback, or the scheme is not http(s)', (url) => {
    expect(isSecureKeyUrl(new URL(url))).toBe(false);
  });
});
