import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectFocusOn } from './focus.ts';
import { SignInForm } from '../src/account/sign-in-form.tsx';
import { ApiError } from '../src/api/api-error.ts';

describe('the sign-in form', () => {
  it('asks for both fields before calling the API', async () => {
    const onSignIn = vi.fn(async () => {});
    render(<SignInForm onSignIn={onSignIn} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Ingresar' }));
    expect(onSignIn).not.toHaveBeenCalled();
    await expectFocusOn(
      screen.getByRole('textbox', { name: 'Correo electrónico', description: 'Escribe tu correo electrónico.' }),
    );
    expect(screen.getByText('Escribe tu contraseña.')).toBeTruthy();
  });

  it('signs in with the typed email and password (Enter submits)', async () => {
    const onSignIn = vi.fn(async () => {});
    const user = userEvent.setup();
    render(<SignInForm onSignIn={onSignIn} />);
    await user.type(screen.getByLabelText('Correo electrónico'), ' ana@example.com ');
    await user.type(screen.getByLabelText('Contraseña'), 'StrongPass123{Enter}');
    expect(onSignIn).toHaveBeenCalledWith('ana@example.com', 'StrongPass123');
  });

  it('shows "Credenciales inválidas." above the form and moves the focus to it', async () => {
    const onSignIn = vi.fn(async () =>
      Promise.reject(new ApiError(401, 'INVALID_CREDENTIALS', 'Credenciales inválidas.')),
    );
    const user = userEvent.setup();
    render(<SignInForm onSignIn={onSignIn} />);
    await user.type(screen.getByLabelText('Correo electrónico'), 'ana@example.com');
    await user.type(screen.getByLabelText('Contraseña'), 'equivocada{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Credenciales inválidas.');
    await expectFocusOn(alert);
  });
});
