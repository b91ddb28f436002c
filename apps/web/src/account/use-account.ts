import { useEffect, useState } from 'preact/hooks';
import { fetchMyAccount } from '../api/account.api.ts';
import type { Account } from '../api/types.ts';
import { getSession, onSessionChange } from '../session/session.ts';

// What `GET /api/auth/me` last said about the signed-in player, shared by the banner, the account page and the
// votes. Asked again on sign-in, on a new token, after a verification and when the tab regains the focus: an
// e-mail confirmed on the phone shows here as soon as the player comes back, without polling.

let account: Account | undefined;
/** The token of the last request: a new one (sign-in, new password) asks again. */
let askedWith: string | undefined;
let round = 0;
const listeners = new Set<() => void>();

export const getAccount = () => account;

export async function refreshAccount(): Promise<void> {
  const session = getSession();
  const mine = ++round;
  askedWith = session?.token;
  if (!session) return show(undefined);
  try {
    const answer = await fetchMyAccount();
    // Only the latest request counts: an older answer may predate a verification.
    if (mine === round) show(answer);
  } catch {
    // What is shown stays: a network blip must not flash the banner, and a 401 has already ended the session.
  }
}

/** The account, undefined while signed out or not yet known. */
export function useAccount(): Account | undefined {
  const [state, setState] = useState(account);
  useEffect(() => {
    const update = () => setState(account);
    listeners.add(update);
    update();
    const session = getSession();
    if (session && askedWith !== session.token) void refreshAccount();
    return () => listeners.delete(update);
  }, []);
  return state;
}

function show(next: Account | undefined): void {
  account = next;
  listeners.forEach((listener) => listener());
}

onSessionChange(() => {
  const session = getSession();
  // Another player signing in on this browser must never see the previous player's account, even briefly.
  if (account && account.email !== session?.email.toLowerCase()) show(undefined);
  if (session?.token !== askedWith) void refreshAccount();
});

window.addEventListener('focus', () => {
  if (getSession()) void refreshAccount();
});
