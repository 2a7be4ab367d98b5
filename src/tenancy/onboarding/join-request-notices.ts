import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { MemberRepository, UserRow } from '../member.repo.js';
import type { OrganisationRow } from '../organisation.repo.js';
import type { ApproverDigests } from './approver-digest.js';
import { DIRECTORY_SCOPE, type DirectoryService, type DirectoryUser } from './directory.service.js';
import type { JoinRequestRecord } from './join-request.repo.js';
import { joinRequestOutcomeMail, mailLanguage } from './mail/mail-templates.js';
import type { MemberCaller } from './onboarding-caller.js';
import { authOf, type MailSender, type OnboardingMailer } from './onboarding-mailer.js';
import type { Approver, JoinRequestView, OnboardingNotifier } from './onboarding.contract.js';

/**
 * Who hears about join requests: approvers (coalesced mail digests and the bot's cards) when one
 * is created; every approver's card and the requester (mail in their language, Teams) when it is
 * decided. Delivery failures are logged, never thrown: the decision stands.
 */
export class JoinRequestNotices {
  constructor(
    private readonly db: Database,
    private readonly members: MemberRepository,
    private readonly mailer: OnboardingMailer,
    private readonly digests: ApproverDigests,
    private readonly directory: DirectoryService,
    private readonly notifier: () => OnboardingNotifier | undefined,
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {}

  private async approvers(orgId: string): Promise<{ rows: UserRow[]; approvers: Approver[] }> {
    const rows = await this.db.scoped(orgId, (tx) => this.members.activeUserManagers(tx, orgId));
    return {
      rows,
      approvers: rows.map((u) => ({
        orgId,
        userId: u.id,
        displayName: u.displayName,
        preferredLanguage: u.preferredLanguage,
      })),
    };
  }

  async announce(
    org: OrganisationRow,
    view: JoinRequestView & { orgId: string },
    sender: { tenantId: string; objectId: string; ssoToken?: string },
  ) {
    const { rows, approvers } = await this.approvers(org.id);
    await Promise.all([
      this.digests.notify(org.id, org.name, rows, sender),
      this.safely(() => this.notifier()?.joinRequestCreated(view, approvers)),
    ]);
  }

  /** Every approver's card goes to the decided state; the requester learns the outcome by mail and Teams. */
  async tellOutcome(caller: MemberCaller, decided: JoinRequestRecord, view: JoinRequestView) {
    const p = caller.principal;
    const { approvers } = await this.approvers(p.orgId);
    const row = decided.row;
    const sender = { tenantId: p.tenantId, objectId: p.objectId, ssoToken: caller.ssoToken };
    const requester = await this.requesterInDirectory(sender, row.requesterObjectId);
    const mail = joinRequestOutcomeMail({
      language: mailLanguage(requester?.preferredLanguage),
      approved: row.status === 'approved',
      approver: p.displayName,
      organisation: p.organisationName,
      profile: decided.profile?.name ?? null,
      reason: row.declineReason,
      openUrl: `${this.publicUrl}/tabs/sync`,
    });
    await Promise.all([
      this.mailer.send(
        sender,
        { address: requester?.mail ?? row.requesterUpn, name: row.requesterDisplayName },
        mail,
        'join-request outcome',
      ),
      this.safely(() => this.notifier()?.joinRequestDecided({ ...view, orgId: p.orgId }, approvers)),
    ]);
  }

  /** The requester's mail address and language, read on behalf of the decider; none if unreadable. */
  private async requesterInDirectory(
    sender: MailSender,
    objectId: string,
  ): Promise<DirectoryUser | undefined> {
    try {
      return (await this.directory.lookup(authOf(sender, [DIRECTORY_SCOPE]), [objectId])).get(objectId);
    } catch (err) {
      this.logger.warn(
        { code: (err as { code?: unknown }).code },
        'the requester could not be read from the directory',
      );
      return undefined;
    }
  }

  private async safely(fn: () => Promise<void> | undefined): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.logger.warn({ err }, 'an onboarding Teams notification failed');
    }
  }
}
