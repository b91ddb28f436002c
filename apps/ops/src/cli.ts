import { parseArgs } from 'node:util';
import { OpsError, type OpsContext } from './context.ts';
import { deployStatus } from './deploy-status.ts';
import { findEnvironment, parseServiceName } from './environment.ts';
import { parseDuration, printLogs } from './logs.ts';
import { migrate } from './migrate.ts';
import { changeOrganiser, ORGANISER_VERBS, parseEmail, type OrganiserVerb } from './organiser.ts';
import { redrive } from './redrive.ts';
import { scale } from './scale.ts';
import { status } from './status.ts';

export const HELP = `Operate a deployed ANB environment (AWS credentials from the usual AWS SDK chain).

Usage: npm run ops -- <verb> [arguments] [--env dev|prod] [--region <region>]

Verbs:
  status                          tasks per service, queue depth and oldest job, dead letters, failed videos (24 h)
  scale api|worker <N>            set the desired task count within the scaling limits
        [--adjust-limits]         ...or widen the limits to include N (kept until cdk.json's change)
  redrive [--yes]                 show the dead-letter count; with --yes move the messages back to the job queue
  logs api|worker|migrate         print recent log events
        [--since 10m] [--follow]  how far back (s, m, h, d); keep printing new events until Ctrl-C
        [--task <id>]             only one task's events (the id a failed migrate or organiser run names)
  deploy-status                   the stack's last operation and each service's rollouts and image tags
  migrate                         run the migration task and wait for it (the deploy workflow does this)
  grant-organiser <email>         make the account with this e-mail an organiser, or make it a player again,
  revoke-organiser <email>        ...in a one-off task of the migration task definition; waits for exit code 0

Options:
  --env <name>      environment (stack Anb-<env>-App); default dev
  --region <name>   AWS region; default from AWS_REGION or the profile
  -h, --help        this text

Examples:
  npm run ops -- status --env prod
  npm run ops -- scale worker 3 --env prod
  npm run ops -- scale worker 6 --adjust-limits --env prod
  npm run ops -- redrive --env prod            # shows the counts
  npm run ops -- redrive --yes --env prod      # moves the dead letters back
  npm run ops -- logs worker --since 1h --follow --env prod
  npm run ops -- deploy-status --env prod
  npm run ops -- grant-organiser ana@example.com --env prod
  npm run ops -- revoke-organiser ana@example.com --env prod
  npm run ops -- logs migrate --since 30m --task 0123456789abcdef0123456789abcdef --env prod
`;

const OPTIONS = {
  env: { type: 'string', default: 'dev' },
  region: { type: 'string' },
  since: { type: 'string', default: '10m' },
  follow: { type: 'boolean', default: false },
  task: { type: 'string' },
  yes: { type: 'boolean', default: false },
  'adjust-limits': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type ParsedArguments = ReturnType<typeof parseArguments>;

export function parseArguments(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { values, verb: positionals[0], operands: positionals.slice(1) };
  } catch (error) {
    throw new OpsError(`${(error as Error).message}\nSee: npm run ops -- --help`);
  }
}

/** Runs one verb; the command line (main.ts) turns an OpsError into a message and exit code 1. */
export async function runCommand(context: OpsContext, argv: string[], signal?: AbortSignal): Promise<void> {
  const { values, verb, operands } = parseArguments(argv);
  if (values.help || !verb) {
    context.out(HELP);
    return;
  }
  const known = ['status', 'scale', 'redrive', 'logs', 'deploy-status', 'migrate', ...ORGANISER_VERBS];
  if (!known.includes(verb)) throw new OpsError(`unknown verb "${verb}"; one of ${known.join(', ')}`);
  const email = isOrganiserVerb(verb) ? parseEmail(operands) : undefined;
  const environment = await findEnvironment(context.clients, values.env);
  if (isOrganiserVerb(verb)) return changeOrganiser(context, environment, verb, email!);
  switch (verb) {
    case 'status':
      return status(context, environment);
    case 'scale':
      return scale(context, environment, parseServiceName(operands[0]), Number(operands[1]), values['adjust-limits']);
    case 'redrive':
      return redrive(context, environment, values.yes);
    case 'logs': {
      const program = parseServiceName(operands[0], ['api', 'worker', 'migrate']) as keyof typeof environment.logGroups;
      const options = {
        sinceMs: parseDuration(values.since),
        follow: values.follow,
        taskId: values.task,
        ...(signal ? { signal } : {}),
      };
      return printLogs(context, environment.logGroups[program], options);
    }
    case 'deploy-status':
      return deployStatus(context, environment);
    default:
      return migrate(context, environment);
  }
}

const isOrganiserVerb = (verb: string): verb is OrganiserVerb => (ORGANISER_VERBS as readonly string[]).includes(verb);
