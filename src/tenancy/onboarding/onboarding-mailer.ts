import type { Logger } from '../../platform/logging/logger.js';
import { GraphCallError, type GraphAuth, type GraphPort } from '../../sync/graph/graph-port.js';
import type { RenderedMail } from './mail/mail-templates.js';

/**
 * Who a mail is sent as. With the sender's SSO token (they act in a tab right now) the mail goes
 * on behalf of them (delegated `Mail.Send`: only their own mailbox, no tenant-wide right needed);
 * without one (a bot turn) it goes app-only as that same user (`Mail.Send` application permission).
 */
export interface MailSender {
  tenantId: string;
  objectId: string;
  ssoToken?: string;
}

export interface MailRecipient {
  address: string;
  name?: string;
}

export const MAIL_SEND_SCOPE = 'Mail.Send';

/** Sends onboarding mails through Graph `sendMail`. Never throws for a delivery failure. */
export class OnboardingMailer {
  constructor(
    private readonly graph: GraphPort | undefined,
    private readonly logger: Logger,
  ) {}

  /** True when Graph accepted the mail (202). `sendMail` is not idempotent: never repeated here. */
  async send(from: MailSender, to: MailRecipient, mail: RenderedMail, what: string): Promise<boolean> {
    if (!this.graph) {
      this.logger.warn({ what }, 'mail not sent: Graph is not configured');
      return false;
    }
    try {
      await this.graph.call(authOf(from, [MAIL_SEND_SCOPE]), from.objectId, {
        method: 'POST',
        url: `/users/${from.objectId}/sendMail`,
        body: {
          message: {
            subject: mail.subject,
            body: { contentType: 'HTML', content: mail.html },
            toRecipients: [
              { emailAddress: to.name ? { address: to.address, name: to.name } : { address: to.address } },
            ],
          },
          saveToSentItems: true,
        },
        idempotent: false,
      });
      return true;
    } catch (err) {
      this.logger.warn(
        {
          what,
          code: err instanceof GraphCallError ? err.code : 'UNKNOWN',
          graphCode: (err as GraphCallError).graphCode,
        },
        'mail not sent',
      );
      return false;
    }
  }
}

/** On behalf of the user when their SSO token is at hand, app-only otherwise. */
export function authOf(who: MailSender, scopes: string[]): GraphAuth {
  return who.ssoToken
    ? { kind: 'user', tenantId: who.tenantId, objectId: who.objectId, ssoToken: who.ssoToken, scopes }
    : { kind: 'app', tenantId: who.tenantId };
}
