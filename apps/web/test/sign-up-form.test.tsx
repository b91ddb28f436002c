import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectFocusOn } from './focus.ts';
import { SignUpForm } from '../src/account/sign-up-form.tsx';
import { ApiError } from '../src/api/api-error.ts';
import type { SignupInput } from '../src/api/types.ts';

const valid: SignupInput = {
  first_name: 'Ana',
  last_name: 'Pérez',
  email: 'ana@example.com',
  password1: 'StrongPass123',
  password2: 'StrongPass123',
  city: 'Bogotá',
  country: 'Colombia',
};
const labels: Record<keyof SignupInput, string> = {
  first_name: 'Nombre',
  last_name: 'Apellido',
  email: 'Correo electrónico',
  password1: 'Contraseña',
  password2: 'Repite la contraseña',
  city: 'Ciudad',
  country: 'País',
};
const field = (name: keyof SignupInput) => screen.getByLabelText(labels[name]) as HTMLInputElement;

async function fillAndSubmit(values: Partial<SignupInput>, onSignUp = vi.fn(async () => {})) {
  const user = userEvent.setup();
  render(<SignUpForm onSignUp={onSignUp} />);
  for (const [name, value] of Object.entries({ ...valid, ...values }) as [keyof SignupInput, string][]) {
    if (value) await user.type(field(name), value);
  }
  await user.click(screen.getByRole('button', { name: 'Crear cuenta' }));
  return onSignUp;
}

describe('the sign-up form', () => {
  it('sends the trimmed values when every rule holds', async () => {
    const onSignUp = await fillAndSubmit({ first_name: '  Ana ', city: ' Bogotá ' });
    expect(onSignUp).toHaveBeenCalledWith(valid);
  });

  it('shows each missing field next to it, sends nothing and focuses the first one', async () => {
    const onSignUp = vi.fn(async () => {});
    render(<SignUpForm onSignUp={onSignUp} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Crear cuenta' }));
    expect(onSignUp).not.toHaveBeenCalled();
    expect(field('first_name')).toHaveProperty('ariaInvalid', 'true');
    await expectFocusOn(screen.getByRole('textbox', { name: 'Nombre', description: 'Escribe tu nombre.' }));
    expect(
      screen.getByRole('textbox', { name: 'Correo electrónico', description: 'Escribe tu correo electrónico.' }),
    ).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'País', description: 'Escribe tu país.' })).toBeTruthy();
  });

  it('mirrors the API: a valid email, a password of 8 characters to 72 bytes, both passwords equal', async () => {
    await fillAndSubmit({ email: 'ana@', password1: 'corta12', password2: 'otra' });
    expect(field('email').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Escribe un correo válido, por ejemplo ana@ejemplo.com.')).toBeTruthy();
    expect(screen.getByText('La contraseña debe tener al menos 8 caracteres.')).toBeTruthy();
    expect(screen.getByText('Las contraseñas no coinciden.')).toBeTruthy();
  });

  it('refuses a password over 72 bytes even when it has fewer characters (ñ takes two bytes)', async () => {
    const long = 'ñ'.repeat(37);
    const onSignUp = await fillAndSubmit({ password1: long, password2: long });
    expect(onSignUp).not.toHaveBeenCalled();
    expect(screen.getByText(/no puede superar 72 bytes/)).toBeTruthy();
  });

  it("puts the API's text for a taken email next to the email field and focuses it", async () => {
    const detail = 'Error de validación (email duplicado, contraseñas no coinciden): el email ya está registrado.';
    await fillAndSubmit(
      {},
      vi.fn(async () => Promise.reject(new ApiError(400, 'EMAIL_TAKEN', detail))),
    );
    const email = await screen.findByRole('textbox', { name: 'Correo electrónico', description: detail });
    await expectFocusOn(email);
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });

  it("puts the API's text for different passwords next to the repeated password", async () => {
    const detail = 'Error de validación (email duplicado, contraseñas no coinciden): las contraseñas no coinciden.';
    await fillAndSubmit(
      {},
      vi.fn(async () => Promise.reject(new ApiError(400, 'PASSWORD_MISMATCH', detail))),
    );
    expect(await screen.findByLabelText('Repite la contraseña')).toHaveProperty('ariaInvalid', 'true');
    expect(field('password2').getAttribute('aria-describedby')).toBe('signup-password2-error');
    expect(document.getElementById('signup-password2-error')?.textContent).toBe(detail);
  });

  it("marks the fields the API's errors[] names, with its Spanish detail", async () => {
    const refusal = new ApiError(
      400,
      'VALIDATION_ERROR',
      'Error de validación (email duplicado, contraseñas no coinciden).',
      [{ path: 'city', message: 'Too big' }],
    );
    await fillAndSubmit(
      {},
      vi.fn(async () => Promise.reject(refusal)),
    );
    // A combobox: the city field suggests the known cities (a datalist).
    await expectFocusOn(await screen.findByRole('combobox', { name: 'Ciudad', description: refusal.message }));
  });

  it('shows a refusal that belongs to no field above the form, as an alert', async () => {
    const detail = 'Demasiadas solicitudes. Intenta de nuevo en 60 s.';
    await fillAndSubmit(
      {},
      vi.fn(async () => Promise.reject(new ApiError(429, 'TOO_MANY_REQUESTS', detail))),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(detail);
  });
});
