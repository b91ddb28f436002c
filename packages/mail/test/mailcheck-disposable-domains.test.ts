import { describe, expect, it } from 'vitest';
import { MailcheckerDisposableDomains } from '../src/index.ts';

const domains = new MailcheckerDisposableDomains();

describe('MailcheckerDisposableDomains', () => {
  it('knows a throwaway-mail service', () => {
    expect(domains.isDisposable('ana@mailinator.com')).toBe(true);
  });

  it('counts a subdomain of a throwaway-mail service, at any depth', () => {
    expect(domains.isDisposable('ana@inbox.mailinator.com')).toBe(true);
    expect(domains.isDisposable('ana@a.b.mailinator.com')).toBe(true);
  });

  it('ignores the case of the address and a trailing dot', () => {
    expect(domains.isDisposable('Ana@MailInator.COM')).toBe(true);
    expect(domains.isDisposable('ana@mailinator.com.')).toBe(true);
  });

  it('lets ordinary mail providers and reserved domains through', () => {
    expect(domains.isDisposable('ana@gmail.com')).toBe(false);
    expect(domains.isDisposable('ana@example.com')).toBe(false);
    expect(domains.isDisposable('ana@ejemplo.com.co')).toBe(false);
  });

  it('reads the domain after the last @ only, so a local part cannot make an address disposable', () => {
    expect(domains.isDisposable('"mailinator.com@x"@gmail.com')).toBe(false);
    expect(domains.isDisposable('"ana@gmail.com"@mailinator.com')).toBe(true);
    expect(domains.isDisposable('mailinator.com')).toBe(false);
  });
});
