import { describe, expect, it } from 'vitest';
import { normalisedEmail } from '../src/domain/email-address.ts';

describe('normalisedEmail: the mailbox an address delivers to', () => {
  it.each([
    ['Ana@Example.COM', 'ana@example.com'],
    ['ana+voto2@example.com', 'ana@example.com'],
    ['a.n.a@example.com', 'a.n.a@example.com'],
    ['A.n.a+x@gmail.com', 'ana@gmail.com'],
    ['a.na@googlemail.com', 'ana@gmail.com'],
    ['  ana@example.com ', 'ana@example.com'],
    ['ana+@example.com', 'ana@example.com'],
  ])('%s → %s', (email, mailbox) => {
    expect(normalisedEmail(email)).toBe(mailbox);
  });
});
