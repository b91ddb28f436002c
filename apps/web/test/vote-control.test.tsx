import { accountSecurityTexts, type VoteRefusalCode } from '@anb/core/account-security-texts';
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, networkError } from '../src/api/api-error.ts';
import { VoteControl } from '../src/gallery/vote-control.tsx';

function deferred() {
  let resolve!: (value: string) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<string>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

function renderVote(options: { signedIn?: boolean; votedByMe?: boolean; votes?: number } = {}) {
  const answer = deferred();
  const castVote = vi.fn(() => answer.promise);
  const onSignInNeeded = vi.fn();
  const onAccountRefused = vi.fn();
  render(
    <VoteControl
      videoId="v1"
      title="Triple"
      votes={options.votes ?? 4}
      votedByMe={options.votedByMe ?? false}
      signedIn={options.signedIn ?? true}
      castVote={castVote}
      onSignInNeeded={onSignInNeeded}
      onAccountRefused={onAccountRefused}
    />,
  );
  return { answer, castVote, onSignInNeeded, onAccountRefused, user: userEvent.setup() };
}

const voteButton = () => screen.getByRole('button', { name: /por «Triple»/ });

describe('the vote button', () => {
  it('counts the vote at once, before the API answers, and then confirms it', async () => {
    const { answer, castVote, user } = renderVote();
    await user.click(screen.getByRole('button', { name: 'Votar por «Triple»' }));
    expect(castVote).toHaveBeenCalledWith('v1');
    expect(screen.getByText('5 votos')).toBeTruthy();
    expect(voteButton().textContent).toContain('Ya votaste');
    answer.resolve('Voto registrado exitosamente.');
    await screen.findByText('Voto registrado exitosamente.');
    expect(screen.getByText('5 votos')).toBeTruthy();
  });

  it('rolls the count back when the vote fails and lets the player try again', async () => {
    const { answer, user } = renderVote();
    await user.click(voteButton());
    expect(screen.getByText('5 votos')).toBeTruthy();
    answer.reject(networkError());
    await screen.findByText(/No se pudo conectar con el servidor/);
    expect(screen.getByText('4 votos')).toBeTruthy();
    expect(voteButton().textContent).toContain('Votar');
    expect(voteButton().getAttribute('aria-disabled')).toBeNull();
  });

  it('on "Ya has votado por este video." rolls the count back and shows the already-voted state', async () => {
    const { answer, user } = renderVote();
    await user.click(voteButton());
    answer.reject(new ApiError(400, 'DUPLICATE_VOTE', 'Ya has votado por este video.'));
    await screen.findByText('Ya has votado por este video.');
    expect(screen.getByText('4 votos')).toBeTruthy();
    expect(voteButton().textContent).toContain('Ya votaste');
    expect(voteButton().getAttribute('aria-disabled')).toBe('true');
  });

  it('shows "No puedes votar por tu propio video." and the old count for the owner', async () => {
    const { answer, user } = renderVote();
    await user.click(voteButton());
    answer.reject(new ApiError(400, 'OWN_VIDEO', 'No puedes votar por tu propio video.'));
    await screen.findByText('No puedes votar por tu propio video.');
    await waitFor(() => expect(screen.getByText('4 votos')).toBeTruthy());
  });

  it.each(['EMAIL_NOT_VERIFIED', 'DISPOSABLE_EMAIL'] satisfies VoteRefusalCode[])(
    "on a 403 %s shows the API's detail by the button and asks for the account's state again",
    async (code) => {
      const { answer, onAccountRefused, user } = renderVote();
      await user.click(voteButton());
      const detail = accountSecurityTexts.voteRefused[code];
      answer.reject(new ApiError(403, code, detail));
      const message = await screen.findByText(detail);
      expect(message.getAttribute('role')).toBe('status');
      expect(message.closest('.vote')?.contains(voteButton())).toBe(true);
      expect(screen.getByText('4 votos')).toBeTruthy();
      expect(voteButton().textContent).toContain('Votar');
      expect(onAccountRefused).toHaveBeenCalledOnce();
    },
  );

  it("shows the API's detail when voting has closed, with the count as it was", async () => {
    const { answer, onAccountRefused, user } = renderVote();
    await user.click(voteButton());
    const detail = 'La votación del concurso cerró el 31 de marzo de 2026, 23:59 COT; ya no se reciben votos.';
    answer.reject(new ApiError(403, 'VOTING_CLOSED', detail));
    expect((await screen.findByText(detail)).getAttribute('role')).toBe('status');
    expect(screen.getByText('4 votos')).toBeTruthy();
    expect(voteButton().textContent).toContain('Votar');
    expect(onAccountRefused).not.toHaveBeenCalled();
  });

  it('does not ask for the account again after a refusal about the video', async () => {
    const { answer, onAccountRefused, user } = renderVote();
    await user.click(voteButton());
    answer.reject(new ApiError(400, 'DUPLICATE_VOTE', 'Ya has votado por este video.'));
    await screen.findByText('Ya has votado por este video.');
    expect(onAccountRefused).not.toHaveBeenCalled();
  });

  it('asks to sign in instead of voting when nobody is signed in', async () => {
    const { castVote, onSignInNeeded, user } = renderVote({ signedIn: false });
    await user.click(voteButton());
    expect(onSignInNeeded).toHaveBeenCalledOnce();
    expect(castVote).not.toHaveBeenCalled();
    expect(screen.getByText('4 votos')).toBeTruthy();
  });

  it('does not vote again once voted ("Ya votaste")', async () => {
    const { castVote, user } = renderVote({ votedByMe: true, votes: 1 });
    expect(voteButton().textContent).toContain('Ya votaste');
    await user.click(voteButton());
    expect(castVote).not.toHaveBeenCalled();
    expect(screen.getByText('1 voto')).toBeTruthy();
  });
});
