import type { ComponentChildren } from 'preact';
import { useAccount } from '../account/use-account.ts';
import { Page } from '../components/page.tsx';
import { Link } from '../lib/link.tsx';

/**
 * The organisers' pages show only to an organiser's account; a player gets a plain refusal and no request
 * to the organisers' routes is made. The API checks the role again on every route (403 FORBIDDEN).
 */
export function OrganiserOnly({ children }: { children: ComponentChildren }) {
  const account = useAccount();
  if (!account) return <p role="status">Comprobando tu cuenta…</p>;
  if (account.role !== 'organiser')
    return (
      <Page title="Solo para la organización">
        <p>
          Esta página es solo para los organizadores del concurso. Tu cuenta es de jugador.{' '}
          <Link href="/">Ir a los videos</Link>
        </p>
      </Page>
    );
  return <>{children}</>;
}

/** The entries of the organisers' menu, in the order of their work. */
export const organiserPages = [
  { href: '/moderacion', label: 'Moderación' },
  { href: '/calendario', label: 'Calendario' },
  { href: '/resultados', label: 'Resultados' },
  { href: '/auditoria', label: 'Auditoría' },
] as const;
