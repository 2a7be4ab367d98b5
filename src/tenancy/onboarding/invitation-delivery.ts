import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditTrail } from './audit-trail.js';
import type { InvitationRecord, InvitationRepository } from './invitation.repo.js';
import type { InvitationRow } from './invitation.table.js';
import { invitationMail, mailLanguage } from './mail/mail-templates.js';
import type { MemberCaller } from './onboarding-caller.js';
import { actorOfPrincipal } from './onboarding-caller.js';
import type { MailSender, OnboardingMailer } from './onboarding-mailer.js';
import type { InvitationView, OnboardingNotifier } from './onboarding.contract.js';
import { invitationView } from './onboarding.views.js';
import type { TeamsInstaller } from './teams-installer.js';

/**
 * Takes a freshly created (or re-sent) invitation to its invitee: the mail through Graph
 * `sendMail` as the inviting member, then Tandem installed in their Teams and the bot's card.
 * Records both outcomes on the invitation and in the audit trail. Never throws for delivery.
 */
export class InvitationDelivery {
  constructor(
    private readonly db: Database,
    private readonly repo: InvitationRepository,
    private readonly audit: AuditTrail,
    private readonly mailer: OnboardingMailer,
    private readonly installer: TeamsInstaller,
    private readonly notifier: () => OnboardingNotifier | undefined,
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {}

  acceptUrl(secret: string): string {
    return `${this.publicUrl}/tabs/accept#token=${secret}`;
  }

  async deliver(
    caller: MemberCaller,
    record: InvitationRecord,
    secret: string,
    action: 'invitation.send' | 'invitation.resend',
  ): Promise<InvitationView> {
    const { principal } = caller;
    const row = record.row;
    const acceptUrl = this.acceptUrl(secret);
    const sender: MailSender = {
      tenantId: principal.tenantId,
      objectId: principal.objectId,
      ssoToken: caller.ssoToken,
    };
    const mail = invitationMail({
      language: mailLanguage(row.inviteeLanguage),
      invitee: row.inviteeDisplayName,
      inviter: principal.displayName,
      organisation: principal.organisationName,
      profile: record.profile.name,
      acceptUrl,
      expiresAt: row.expiresAt,
    });
    const to = { address: row.inviteeMail ?? row.inviteeUpn, name: row.inviteeDisplayName };
    const [emailSent, teams] = await Promise.all([
      this.mailer.send(sender, to, mail, 'invitation'),
      this.teams(record, principal.orgId, acceptUrl),
    ]);
    const delivery: Pick<InvitationRow, 'emailDelivery' | 'teamsDelivery'> = {
      emailDelivery: emailSent ? 'sent' : 'failed',
      teamsDelivery: teams,
    };
    await this.db.scoped(principal.orgId, async (tx) => {
      await this.repo.setDelivery(tx, principal.orgId, row.id, delivery);
      await this.audit.record(
        tx,
        {
          orgId: principal.orgId,
          actor: actorOfPrincipal(principal),
          action,
          target: { kind: 'invitation', id: row.id, label: row.inviteeDisplayName },
          outcome: 'success',
          detail: `email=${delivery.emailDelivery};teams=${delivery.teamsDelivery}`,
        },
        caller.meta,
      );
    });
    return invitationView({ ...row, ...delivery }, record.profile, record.invitedBy);
  }

  private async teams(
    record: InvitationRecord,
    orgId: string,
    acceptUrl: string,
  ): Promise<InvitationRow['teamsDelivery']> {
    const installed = await this.installer.ensureInstalled(record.row.tenantId, record.row.inviteeObjectId);
    if (installed === 'failed') return 'failed';
    const notifier = this.notifier();
    if (installed !== 'installed' || !notifier) return 'not_installed';
    try {
      const view = invitationView(record.row, record.profile, record.invitedBy);
      return (await notifier.invitationSent({ ...view, orgId, acceptUrl })) ? 'sent' : 'not_installed';
    } catch (err) {
      this.logger.warn({ err }, 'the invitation card could not be sent');
      return 'failed';
    }
  }
}
