/** ISO-8601 UTC without milliseconds, as the contract shows: 2025-03-10T14:30:00Z. */
export const toIso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
