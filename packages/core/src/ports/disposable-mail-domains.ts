/** Knows the throwaway-mail services, whose accounts may not vote. */
export interface DisposableMailDomains {
  /** Whether the address's domain (or a parent domain) is a known disposable-mail service. */
  isDisposable(email: string): boolean;
}
