import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { UserRow } from '../member.repo.js';
import type { JoinRequestRepository } from './join-request.repo.js';
import { joinRequestDigestMail, mailLanguage } from './mail/mail-templates.js';
import type { MailSender, OnboardingMailer } from './onboarding-mailer.js';

/** At most one join-request mail per approver per window (RELIABILITY §5: 5 minutes). */
export const DIGEST_WINDOW_SECONDS = 300;

/**
 * Join-request mails to approvers, coalesced: an approver who got no digest in the window gets
 * one now listing every pending request; one who did gets the next digest when their window
 * ends (a timer in this process; requests stay visible in the Team tab meanwhile).
 */
export class ApproverDigests {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: Database,
    private readonly repo: JoinRequestRepository,
    private readonly mailer: OnboardingMailer,
    private readonly publicUrl: string,
    private readonly logger: Logger,
    private readonly windowSeconds = DIGEST_WINDOW_SECONDS,
  ) {}

  async notify(orgId: string, organisation: string, approvers: UserRow[], sender: MailSender): Promise<void> {
    await Promise.all(approvers.map((a) => this.flush(orgId, organisation, a, sender)));
  }

  /** Stops pending deferred digests (shutdown). */
  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async flush(orgId: string, organisation: string, approver: UserRow, sender: MailSender) {
    const { claimed, pending, windowEnd } = await this.db.scoped(orgId, async (tx) => {
      const claimed = await this.repo.claimDigest(tx, orgId, approver.id, this.windowSeconds);
      return {
        claimed,
        pending: claimed ? await this.repo.pending(tx, orgId) : [],
        windowEnd: claimed
          ? null
          : await this.repo.digestWindowEnd(tx, orgId, approver.id, this.windowSeconds),
      };
    });
    if (!claimed) return this.defer(orgId, organisation, approver, sender, windowEnd);
    if (!pending.length) return;
    const mail = joinRequestDigestMail({
      language: mailLanguage(approver.preferredLanguage),
      organisation,
      requests: pending.map((r) => ({
        displayName: r.requesterDisplayName,
        userPrincipalName: r.requesterUpn,
        message: r.message,
        reviewUrl: `${this.publicUrl}/tabs/team?request=${r.id}`,
      })),
    });
    const to = { address: approver.email ?? approver.userPrincipalName, name: approver.displayName };
    await this.mailer.send(sender, to, mail, 'join-request digest');
  }

  private defer(
    orgId: string,
    organisation: string,
    approver: UserRow,
    sender: MailSender,
    end: Date | null,
  ) {
    const key = `${orgId}:${approver.id}`;
    if (this.timers.has(key)) return;
    const delay = Math.max(1000, (end?.getTime() ?? Date.now()) - Date.now() + 1000);
    // Deferred digests go app-only: the requester's SSO token will have expired by then.
    const later: MailSender = { tenantId: sender.tenantId, objectId: sender.objectId };
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.flush(orgId, organisation, approver, later).catch((err: unknown) =>
        this.logger.warn({ err }, 'a deferred join-request digest failed'),
      );
    }, delay);
    timer.unref();
    this.timers.set(key, timer);
  }
}
