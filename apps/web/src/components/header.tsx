import { useAccount } from '../account/use-account.ts';
import { logOut } from '../api/account.api.ts';
import { Link } from '../lib/link.tsx';
import { navigate } from '../lib/router.ts';
import { organiserPages } from '../organiser/organiser-only.tsx';
import { endSession, useSession } from '../session/session.ts';

const current = (path: string, href: string) => (path === href ? 'page' : undefined);

export function Header({ path }: { path: string }) {
  const session = useSession();
  const account = useAccount();
  const organiser = !!session && account?.role === 'organiser';
  // The request leaves with the token before the session ends here; its answer is not awaited: signing out of
  // this browser must work even when the API cannot be reached (the token then lives until it expires).
  const signOut = () => {
    void logOut().catch(() => undefined);
    endSession();
    navigate('/');
  };
  return (
    <header class="site-header">
      <div class="container header-inner">
        <Link href="/" class="brand">
          <span class="brand-mark" aria-hidden="true" />
          ANB Rising Stars
        </Link>
        <nav aria-label="Principal">
          <ul class="nav">
            <li>
              <Link href="/" aria-current={current(path, '/')}>
                Videos
              </Link>
            </li>
            <li>
              <Link href="/ranking" aria-current={current(path, '/ranking')}>
                Ranking
              </Link>
            </li>
            {session ? (
              <>
                <li>
                  <Link href="/subir" aria-current={current(path, '/subir')}>
                    Subir video
                  </Link>
                </li>
                <li>
                  <Link href="/mis-videos" aria-current={current(path, '/mis-videos')}>
                    Mis videos
                  </Link>
                </li>
                <li>
                  <Link href="/cuenta" aria-current={current(path, '/cuenta')}>
                    Mi cuenta
                  </Link>
                </li>
                <li>
                  <button type="button" class="link-button" onClick={signOut}>
                    Salir <span class="visually-hidden">({session.email})</span>
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link href="/ingresar" aria-current={current(path, '/ingresar')}>
                    Ingresar
                  </Link>
                </li>
                <li>
                  <Link href="/registro" class="nav-cta" aria-current={current(path, '/registro')}>
                    Crear cuenta
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
      {organiser && (
        <nav class="organiser-nav" aria-label="Organización">
          <div class="container">
            <ul class="nav">
              {organiserPages.map(({ href, label }) => (
                <li key={href}>
                  <Link href={href} aria-current={current(path, href)}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
