import { accountLinkPages } from '@anb/core/account-security-texts';
import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { AccountPage } from './account/account-page.tsx';
import { EmailConfirmationBanner } from './account/email-confirmation-banner.tsx';
import { ForgotPasswordPage } from './account/forgot-password-page.tsx';
import { ResetPasswordPage } from './account/reset-password-page.tsx';
import { SignInPage } from './account/sign-in-page.tsx';
import { SignUpPage } from './account/sign-up-page.tsx';
import { VerifyEmailPage } from './account/verify-email-page.tsx';
import { Header } from './components/header.tsx';
import { Page } from './components/page.tsx';
import { HomePage } from './home/home-page.tsx';
import { flashNext } from './lib/flash.ts';
import { lazyPage } from './lib/lazy-page.tsx';
import { Link } from './lib/link.tsx';
import { currentAddress, navigate, usePlace, withQuery } from './lib/router.ts';
import { videoIdOf } from './lib/video-address.ts';
import { MyVideosPage } from './my-videos/my-videos-page.tsx';
import { OrganiserOnly } from './organiser/organiser-only.tsx';
import type * as OrganiserPages from './organiser/organiser-pages.ts';
import { RankingsPage } from './rankings/rankings-page.tsx';
import { onSessionExpired, useSession } from './session/session.ts';
import { UploadPage } from './upload/upload-page.tsx';
import { VideoPage } from './video-page/video-page.tsx';

interface Route {
  page: ComponentType;
  /** Pages of a signed-in player; others are public. */
  playersOnly?: boolean;
  /** Pages of a signed-in organiser (implies playersOnly). */
  organisersOnly?: boolean;
}

const organiserPage = (name: keyof typeof OrganiserPages) =>
  lazyPage(() => import('./organiser/organiser-pages.ts').then((pages) => pages[name]));

export const routes: Record<string, Route> = {
  '/': { page: HomePage },
  '/ranking': { page: RankingsPage },
  '/ingresar': { page: SignInPage },
  '/registro': { page: SignUpPage },
  '/subir': { page: UploadPage, playersOnly: true },
  '/mis-videos': { page: MyVideosPage, playersOnly: true },
  '/cuenta': { page: AccountPage, playersOnly: true },
  '/olvide-contrasena': { page: ForgotPasswordPage },
  // Where the mails' links point, as core builds them.
  [accountLinkPages.verify_email]: { page: VerifyEmailPage },
  [accountLinkPages.reset_password]: { page: ResetPasswordPage },
  '/moderacion': { page: organiserPage('ModerationPage'), organisersOnly: true },
  '/moderacion/votos': { page: organiserPage('VoteProfilePage'), organisersOnly: true },
  '/calendario': { page: organiserPage('CalendarPage'), organisersOnly: true },
  '/resultados': { page: organiserPage('ResultsPage'), organisersOnly: true },
  '/auditoria': { page: organiserPage('AuditPage'), organisersOnly: true },
};

/** `/v/{id}`: a shared video's page, the one address with a part that varies. */
const videoRoute: Route = { page: VideoPage };

export function App() {
  const { path } = usePlace();
  const session = useSession();
  const route = routes[path] ?? (videoIdOf(path) ? videoRoute : undefined);
  const mustSignIn = (route?.playersOnly || route?.organisersOnly) && !session;

  useEffect(
    () =>
      onSessionExpired(() => {
        flashNext('Tu sesión expiró. Ingresa de nuevo para continuar.');
        navigate(withQuery('/ingresar', { volver: currentAddress() }), { replace: true });
      }),
    [],
  );
  useEffect(() => {
    if (!mustSignIn) return;
    flashNext('Ingresa para continuar.');
    navigate(withQuery('/ingresar', { volver: currentAddress() }), { replace: true });
  }, [mustSignIn]);
  useFocusHeadingOnNavigation(path);

  const Current = mustSignIn ? undefined : (route?.page ?? NotFoundPage);
  return (
    <>
      <a class="skip-link" href="#contenido">
        Saltar al contenido
      </a>
      <Header path={path} />
      <EmailConfirmationBanner />
      <main id="contenido" class="container" tabIndex={-1}>
        {Current &&
          (route?.organisersOnly ? (
            <OrganiserOnly>
              <Current />
            </OrganiserOnly>
          ) : (
            <Current />
          ))}
      </main>
      <footer class="site-footer">
        <p class="container">ANB Rising Stars Showcase · Asociación Nacional de Baloncesto</p>
      </footer>
    </>
  );
}

/**
 * A new page announces itself: its heading takes the focus (not on the first load). A page whose heading
 * comes later (its code or its account check still loading) gets the focus when the heading appears.
 */
function useFocusHeadingOnNavigation(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>('main h1');
      heading?.focus();
      return !!heading;
    };
    if (focusHeading()) return;
    const main = document.querySelector('main');
    if (!main) return;
    const observer = new MutationObserver(() => focusHeading() && observer.disconnect());
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [path]);
}

function NotFoundPage() {
  return (
    <Page title="Página no encontrada">
      <p>
        Esta dirección no existe.{' '}
        <Link href="/" class="action-link">
          Ir a los videos
        </Link>
      </p>
    </Page>
  );
}
