import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

const MAIL_SENDER_NAME = 'ANB Rising Stars';
const MAIL_LOCAL_PART = 'no-reply';
/** The CloudWatch dimension SES counts this environment's mail events under (AWS/SES namespace). */
const MAIL_EVENTS_DIMENSION = 'ConfigurationSet';

export interface MailSendingProps {
  envName: string;
  /** Domain the mail comes from; SES sends from it once its DKIM records are in DNS. */
  domain: string;
}

/**
 * Account mail through Amazon SES: the mail domain's identity (Easy DKIM, SES's default) and a
 * configuration set that counts sends, deliveries, bounces and complaints and keeps reputation metrics.
 */
export class MailSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.fromAddress = `${MAIL_LOCAL_PART}@${props.domain}`;
    const configurationSetName = `anb-${props.envName}-mail`;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      reputationMetrics: true,
      // A bounced or complaining address is not mailed again: repeated bounces put the account under review.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('EventCounts', {
      // The app sets no message tags, so every event counts under the default value: the set's own name.
      destination: ses.EventDestination.cloudWatchDimensions([
        {
          name: MAIL_EVENTS_DIMENSION,
          source: ses.CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: configurationSetName,
        },
      ]),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.DELIVERY_DELAY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
      ],
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      // Events are recorded even for a message sent without SES_CONFIGURATION_SET.
      configurationSet: this.configurationSet,
    });
  }

  /** The API's mail settings (packages/config): SES, from this identity, through this configuration set. */
  get containerEnvironment(): Record<string, string> {
    return {
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: `${MAIL_SENDER_NAME} <${this.fromAddress}>`,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
    };
  }

  /** Lets a role send as no-reply@ of this identity and nothing else; SES also authorizes the configuration set. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendAccountMail',
        // SES v2 SendEmail is authorized as ses:SendEmail for simple content and as ses:SendRawEmail for
        // raw MIME content, which nodemailer's SES transport sends.
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.fromAddress } },
      }),
    );
  }
}
