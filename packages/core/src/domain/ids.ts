import { v7 as uuidv7 } from 'uuid';

/** UUIDv7: time-ordered, so new rows land at the end of the primary-key index. */
export const newId = (): string => uuidv7();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Anything else cannot name one of our records, so callers answer "not found". */
export const isId = (value: string): boolean => uuidPattern.test(value);
