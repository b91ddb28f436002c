import { callApi } from './http.ts';
import type { Account, PasswordChangedAnswer } from './types.ts';

// The account routes of docs/accounts.md. A success other than 204 carries a Spanish `message` to show as is.

const post = async (path: string, body?: unknown, signal?: AbortSignal) =>
  (await callApi<{ message: string }>(path, { method: 'POST', body, signal })).data.message;

export const fetchMyAccount = async (signal?: AbortSignal) => (await callApi<Account>('/api/auth/me', { signal })).data;

export const verifyEmail = (token: string, signal?: AbortSignal) => post('/api/auth/verify-email', { token }, signal);

/** `returnTo` (a shared video's page) is where the new link leads back to once opened. */
export const resendVerification = (returnTo?: string) =>
  post('/api/auth/resend-verification', returnTo ? { return_to: returnTo } : undefined);

/** Answers alike whether or not an account has that address, so it tells nobody who is registered. */
export const forgotPassword = (email: string) => post('/api/auth/forgot-password', { email });

export const resetPassword = (token: string, password1: string, password2: string) =>
  post('/api/auth/reset-password', { token, password1, password2 });

export const changePassword = async (currentPassword: string, password1: string, password2: string) =>
  (
    await callApi<PasswordChangedAnswer>('/api/auth/change-password', {
      method: 'POST',
      body: { current_password: currentPassword, password1, password2 },
    })
  ).data;

/** Revokes this session's token on the server (204, no body). */
export const logOut = async () => {
  await callApi<undefined>('/api/auth/logout', { method: 'POST' });
};

/** Revokes every token of the account, on every device. */
export const logOutEverywhere = async () => {
  await callApi<undefined>('/api/auth/logout-all', { method: 'POST' });
};
