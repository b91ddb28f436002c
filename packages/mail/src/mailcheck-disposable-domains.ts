import mailchecker from 'mailchecker';
import type { DisposableMailDomains } from '@anb/core';

/** The throwaway-mail domains of the maintained `mailchecker` list (updated with the package). */
export class MailcheckerDisposableDomains implements DisposableMailDomains {
  readonly #domains: ReadonlySet<string> = mailchecker.blacklist();

  isDisposable(email: string): boolean {
    // The last "@": a quoted local part may hold one too. A trailing dot is the same domain, fully qualified.
    const at = email.lastIndexOf('@');
    if (at === -1) return false;
    let domain = email
      .slice(at + 1)
      .trim()
      .toLowerCase()
      .replace(/\.$/, '');
    // Throwaway services hand out subdomains too (anything.mailinator.com), so every parent counts.
    for (;;) {
      if (this.#domains.has(domain)) return true;
      const dot = domain.indexOf('.');
      if (dot === -1) return false;
      domain = domain.slice(dot + 1);
    }
  }
}
