import { useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';
import { findUserByEmail, reinstateUser, suspendUser } from '../api/admin.api.ts';
import type { AdminUser } from '../api/admin-types.ts';
import { Notice } from '../components/notice.tsx';
import { formatShortContestDate } from '../lib/contest-time.ts';
import { ConfirmWithReason } from './confirm-with-reason.tsx';

type Lookup =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'none'; email: string }
  | { kind: 'found'; user: AdminUser; message?: string }
  | { kind: 'failed'; message: string };

/** Finds an account by its address, to suspend it (optionally voiding its votes) or reinstate it. */
export function UserLookup({ idPrefix, initialEmail = '' }: { idPrefix: string; initialEmail?: string }) {
  const [email, setEmail] = useState(initialEmail);
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' });

  const search = async (event: Event) => {
    event.preventDefault();
    const wanted = email.trim();
    if (!wanted) return;
    setLookup({ kind: 'searching' });
    try {
      const user = await findUserByEmail(wanted);
      setLookup(user ? { kind: 'found', user } : { kind: 'none', email: wanted });
    } catch (error) {
      setLookup({ kind: 'failed', message: messageOf(error) });
    }
  };

  return (
    <div class="user-lookup">
      <form class="filters" role="search" aria-label="Buscar un usuario" onSubmit={(event) => void search(event)}>
        <div class="field">
          <label for={`${idPrefix}-email`}>Correo del usuario</label>
          <input
            id={`${idPrefix}-email`}
            type="email"
            value={email}
            maxLength={254}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button">
          Buscar
        </button>
      </form>
      <div role="status">
        {lookup.kind === 'searching' && <p>Buscando…</p>}
        {lookup.kind === 'none' && <p>No hay ninguna cuenta con el correo {lookup.email}.</p>}
      </div>
      {lookup.kind === 'failed' && <Notice tone="error">{lookup.message}</Notice>}
      {lookup.kind === 'found' && (
        <UserCard
          key={lookup.user.user_id}
          user={lookup.user}
          message={lookup.message}
          idPrefix={idPrefix}
          onChanged={(user, message) => setLookup({ kind: 'found', user, message })}
        />
      )}
    </div>
  );
}

interface UserCardProps {
  user: AdminUser;
  message: string | undefined;
  idPrefix: string;
  onChanged(user: AdminUser, message: string): void;
}

function UserCard({ user, message, idPrefix, onChanged }: UserCardProps) {
  const name = `${user.first_name} ${user.last_name}`;
  // The API's answer to the action, shown once its confirmation comes.
  const changed = useRef<AdminUser>(user);
  return (
    <section class="user-card" aria-label={`Cuenta de ${name}`}>
      {message && <Notice tone="success">{message}</Notice>}
      <dl class="account-details">
        <dt>Nombre</dt>
        <dd>{name}</dd>
        <dt>Correo</dt>
        <dd>
          {user.email} · {user.email_verified ? 'confirmado' : 'sin confirmar'}
        </dd>
        <dt>Ciudad</dt>
        <dd>
          {user.city}, {user.country}
        </dd>
        <dt>Rol</dt>
        <dd>{user.role === 'organiser' ? 'Organizador' : 'Jugador'}</dd>
        <dt>Cuenta creada</dt>
        <dd>{formatShortContestDate(user.created_at)}</dd>
        <dt>Estado</dt>
        <dd>
          {user.suspended_at
            ? `Suspendida el ${formatShortContestDate(user.suspended_at)}${user.suspension_reason ? `: ${user.suspension_reason}` : ''}`
            : 'Activa'}
          {user.votes_voided && ' · sus votos están anulados'}
        </dd>
      </dl>
      <div class="actions">
        {user.suspended_at ? (
          <ConfirmWithReason
            key="reinstate"
            id={`${idPrefix}-reinstate`}
            action="Restablecer cuenta"
            actionLabel={`Restablecer la cuenta de ${name}`}
            confirm="Restablecer cuenta"
            reasonRequired={false}
            run={async (reason) => {
              changed.current = await reinstateUser(user.user_id, reason);
              return `La cuenta de ${name} está activa de nuevo.`;
            }}
            onDone={(text) => onChanged(changed.current, text)}
          />
        ) : (
          <ConfirmWithReason
            key="suspend"
            id={`${idPrefix}-suspend`}
            action="Suspender cuenta"
            actionLabel={`Suspender la cuenta de ${name}`}
            confirm="Suspender cuenta"
            reasonRequired
            danger
            option="Anular también sus votos"
            run={async (reason, voidVotes) => {
              changed.current = await suspendUser(user.user_id, reason, voidVotes);
              return voidVotes
                ? `La cuenta de ${name} está suspendida y sus votos anulados.`
                : `La cuenta de ${name} está suspendida.`;
            }}
            onDone={(text) => onChanged(changed.current, text)}
          />
        )}
      </div>
    </section>
  );
}
