import type { Account } from '../api/types.ts';

/** Name, address and whether the address is confirmed, as `GET /api/auth/me` tells them. */
export function AccountDetails({ account }: { account: Account }) {
  return (
    <dl class="account-details">
      <dt>Nombre</dt>
      <dd>
        {account.first_name} {account.last_name}
      </dd>
      <dt>Correo electrónico</dt>
      <dd>{account.email}</dd>
      <dt>Estado del correo</dt>
      <dd>{account.email_verified ? 'Confirmado' : 'Sin confirmar'}</dd>
      <dt>Ciudad</dt>
      <dd>
        {account.city}, {account.country}
      </dd>
    </dl>
  );
}
