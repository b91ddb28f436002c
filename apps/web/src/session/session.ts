import { useEffect, useState } from 'preact/hooks';
import { tokenExpiry } from './token-expiry.ts';

/** A signed-in player: the bearer token, when it stops working and the email shown in the header. */
export interface Session {
  token: string;
  email: string;
  expiresAt: number;
}

// localStorage, not memory: a reload must keep the player signed in.
const STORAGE_KEY = 'anb.session';
const listeners = new Set<() => void>();
let current: Session | null = readStored();
const expiryListeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

export const getSession = () => current;

export function startSession(token: string, expiresInSeconds: number, email: string): void {
  const expiresAt = tokenExpiry(token) ?? Date.now() + expiresInSeconds * 1000;
  setSession({ token, email, expiresAt });
}

export function endSession(): void {
  setSession(null);
}

/** The token no longer works (its time ran out or the API refused it): sign out and say why. */
export function expireSession(): void {
  if (!current) return;
  setSession(null);
  expiryListeners.forEach((listener) => listener());
}

/** Runs `listener` whenever the session expires; returns the unsubscribe. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

/** Runs `listener` after every sign-in, sign-out or new token, in this tab or another; returns the unsubscribe. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  const [session, setState] = useState(current);
  useEffect(() => {
    const update = () => setState(current);
    update();
    return onSessionChange(update);
  }, []);
  return session;
}

function setSession(next: Session | null): void {
  current = next;
  if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORAGE_KEY);
  scheduleExpiry();
  listeners.forEach((listener) => listener());
}

function readStored(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (stored && typeof stored.token === 'string' && stored.expiresAt > Date.now()) return stored;
  } catch {
    // A hand-edited or foreign value is treated as no session.
  }
  localStorage.removeItem(STORAGE_KEY);
  return null;
}

function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  // setTimeout overflows past ~24.8 days; tokens live an hour by default.
  if (current) expiryTimer = setTimeout(expireSession, Math.min(current.expiresAt - Date.now(), 2 ** 31 - 1));
}

scheduleExpiry();
// Signing in or out in another tab applies here too.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = readStored();
  scheduleExpiry();
  listeners.forEach((listener) => listener());
});
