import { COMMAND_LINE, type ModerationService } from '@anb/core';

export const USAGE = `Change an account's role (the database of DATA_DIR, or DATABASE_URL when set).

Usage: npm run admin -- <verb> <email>

Verbs:
  grant-organiser <email>    the account may use the organiser's tools (/api/admin/*, the web app's pages)
  revoke-organiser <email>   the account is a player again; its open sessions lose organiser access at once

Each change is recorded in the audit log as done from the command line.
`;

export type AdminVerb = 'grant-organiser' | 'revoke-organiser';

/** What to do, or the sentence that says why the arguments cannot be understood. */
export function parseAdminArguments(
  argv: string[],
): { verb: AdminVerb; email: string } | { help: true } | { error: string } {
  const [verb, email, ...extra] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') return { help: true };
  if (verb !== 'grant-organiser' && verb !== 'revoke-organiser') {
    return { error: `Unknown verb "${verb}": use grant-organiser or revoke-organiser (npm run admin -- --help).` };
  }
  if (email === undefined || extra.length > 0 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    return { error: `${verb} takes one e-mail address, e.g. npm run admin -- ${verb} ana@example.com` };
  }
  return { verb, email: email.toLowerCase() };
}

/** Runs one verb; returns the line to print and whether it succeeded. */
export async function runAdminVerb(
  moderation: Pick<ModerationService, 'grantOrganiser' | 'revokeOrganiser'>,
  { verb, email }: { verb: AdminVerb; email: string },
): Promise<{ ok: boolean; line: string }> {
  const granting = verb === 'grant-organiser';
  const outcome = granting
    ? await moderation.grantOrganiser(email, COMMAND_LINE)
    : await moderation.revokeOrganiser(email, COMMAND_LINE);
  if (outcome === 'not_found') {
    return { ok: false, line: `No account has the e-mail ${email}: the person signs up first (check the spelling).` };
  }
  const lines = {
    changed: granting ? `${email} is now an organiser.` : `${email} is no longer an organiser.`,
    unchanged: granting ? `${email} was already an organiser.` : `${email} was not an organiser.`,
  };
  return { ok: true, line: lines[outcome] };
}
