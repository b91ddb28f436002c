import { z } from 'zod';

/** Unicode's Cc: C0 and C1 controls and DEL. PostgreSQL refuses NUL outright; none belongs in a name, title or email. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

export const CONTROL_CHARACTERS_MESSAGE = 'contiene caracteres de control no permitidos';

export const hasControlCharacters = (value: string): boolean => CONTROL_CHARACTERS.test(value);

/** A string with no control characters; every text that reaches the database or bcrypt goes through it. */
export const plainString = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE);
