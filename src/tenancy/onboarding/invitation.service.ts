import type { Database, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { PG, pgErrorOf } from '../../platform/db/pg-errors.js';
import { AppError, ConflictError, NotFoundError } from '../../platform/errors/app-error.js';
import type { MemberRepository, ProfileRow } from '../member.repo.js';
import type { AuditLogRepository } from './audit-log.repo.js';
import type { AuditTrail } from './audit-trail.js';
import { DIRECTORY_SCOPE, type DirectoryService, type DirectoryUser } from './directory.service.js';
import type { InvitationDelivery } from './invitation-delivery.js';
import { hashInvitationSecret, newInvitationSecret } from './invitation-secret.js';
import type { InvitationRecord, InvitationRepository } from './invitation.repo.js';
import { actorOfPrincipal, type MemberCaller } from './onboarding-caller.js';
import { tooManyRequests } from './onboarding-errors.js';
import { authOf } from './onboarding-mailer.js';
import type { InvitationStatus, InvitationView } from './onboarding.contract.js';
import { invitationStatus, invitationView } from './onboarding.views.js';
import { refused, type InviteRefusal, type InviteResult } from './invite-result.js';
import { requireUserManager } from './user-manager.guard.js';

export type DirectoryEntry = Omit<DirectoryUser, 'userType'> & { membership: 'member' | 'invited' | 'none' };

/** Invitation sends (new and re-sent) one member may make per hour (RELIABILITY §5). */
export const SENDS_PER_MEMBER_PER_HOUR = 200;

/** Case 1 for members holding `manageUsers`: invite directory users, list, resend, revoke. */
export class InvitationService {
  constructor(
    private readonly db: Database,
    private readonly repo: InvitationRepository,
    private readonly members: MemberRepository,
    private readonly auditRepo: AuditLogRepository,
    private readonly audit: AuditTrail,
    private readonly directory: DirectoryService,
    private readonly delivery: InvitationDelivery,
    private readonly ttlDays: number,
  ) {}

  async invite(
    caller: MemberCaller,
    input: { userIds: string[]; profile?: string },
  ): Promise<InviteResult[]> {
    const p = caller.principal;
    const ids = [...new Set(input.userIds.map((id) => id.toLowerCase()))];
    const profile = await this.db
      .scoped(p.orgId, async (tx) => {
        await requireUserManager(tx, this.members, p);
        await this.checkSendBudget(tx, p.orgId, p.userId, ids.length);
        return this.members.findProfileByKey(tx, p.orgId, input.profile ?? 'standard');
      })
      .catch(async (err: unknown) => {
        if (err instanceof AppError)
          await this.auditRefusals(
            caller,
            ids.map((id) => ({ id, code: err.code, label: id })),
          );
        throw err;
      });
    if (!profile) {
      await this.auditRefusals(
        caller,
        ids.map((id) => ({ id, code: 'unknown_profile' as const, label: id })),
      );
      return ids.map((id) => refused(id, 'unknown_profile', id));
    }
    const directory = await this.directory.lookup(
      authOf({ tenantId: p.tenantId, objectId: p.objectId, ssoToken: caller.ssoToken }, [DIRECTORY_SCOPE]),
      ids,
    );
    const { created, refusals } = await this.db.scoped(p.orgId, (tx) =>
      this.createAll(tx, caller, ids, directory, profile),
    );
    await this.auditRefusals(caller, refusals);
    const results = new Map<string, InviteResult>(
      refusals.map((r) => [r.id, refused(r.id, r.code, r.label)]),
    );
    await Promise.all(
      created.map(async ({ record, secret }) => {
        const view = await this.delivery.deliver(caller, record, secret, 'invitation.send');
        results.set(record.row.inviteeObjectId, {
          id: record.row.inviteeObjectId,
          status: 'invited',
          invitation: view,
        });
      }),
    );
    return ids.map((id) => results.get(id)!);
  }

  /** Directory users matching `term` (on behalf of the caller), each with its membership here. */
  async searchDirectory(caller: MemberCaller, term: string): Promise<DirectoryEntry[]> {
    const p = caller.principal;
    await this.db.scoped(p.orgId, (tx) => requireUserManager(tx, this.members, p));
    const found = await this.directory.search(
      authOf({ tenantId: p.tenantId, objectId: p.objectId, ssoToken: caller.ssoToken }, [DIRECTORY_SCOPE]),
      term,
    );
    const ids = found.map((u) => u.id.toLowerCase());
    const { memberIds, invitedIds } = await this.db.scoped(p.orgId, async (tx) => ({
      memberIds: new Set((await this.members.findByObjectIds(tx, p.orgId, ids)).map((u) => u.objectId)),
      invitedIds: new Set((await this.repo.pendingFor(tx, p.orgId, ids)).map((i) => i.inviteeObjectId)),
    }));
    return found.map(({ userType: _type, ...u }) => {
      const id = u.id.toLowerCase();
      const membership = memberIds.has(id) ? 'member' : invitedIds.has(id) ? 'invited' : 'none';
      return { ...u, membership };
    });
  }

  async list(caller: MemberCaller, status?: InvitationStatus): Promise<InvitationView[]> {
    const p = caller.principal;
    const records = await this.db.scoped(p.orgId, async (tx) => {
      await requireUserManager(tx, this.members, p);
      return this.repo.list(tx, p.orgId);
    });
    return records
      .map((r) => invitationView(r.row, r.profile, r.invitedBy))
      .filter((v) => !status || v.status === status);
  }

  /** A new secret (the previous link stops working), a fresh expiry, and the mail and card again. */
  async resend(caller: MemberCaller, id: string): Promise<InvitationView> {
    const p = caller.principal;
    const secret = newInvitationSecret();
    const record = await this.refusing(caller, 'invitation.resend', id, async (tx) => {
      await requireUserManager(tx, this.members, p);
      const current = await this.repo.find(tx, p.orgId, id);
      if (!current) throw invitationNotFound();
      await this.checkSendBudget(tx, p.orgId, p.userId, 1);
      const rotated = await this.repo.rotate(tx, p.orgId, id, hashInvitationSecret(secret), this.ttlDays);
      if (!rotated) throw notPending(invitationStatus(current.row));
      return { ...current, row: rotated };
    });
    return this.delivery.deliver(caller, record, secret, 'invitation.resend');
  }

  async revoke(caller: MemberCaller, id: string): Promise<InvitationView> {
    const p = caller.principal;
    return this.refusing(caller, 'invitation.revoke', id, async (tx) => {
      await requireUserManager(tx, this.members, p);
      const current = await this.repo.find(tx, p.orgId, id);
      if (!current) throw invitationNotFound();
      const revoked = await this.repo.revoke(tx, p.orgId, id, p.userId);
      if (!revoked) throw notPending(invitationStatus(current.row));
      await this.audit.record(
        tx,
        {
          orgId: p.orgId,
          actor: actorOfPrincipal(p),
          action: 'invitation.revoke',
          target: { kind: 'invitation', id, label: current.row.inviteeDisplayName },
          outcome: 'success',
        },
        caller.meta,
      );
      return invitationView(revoked, current.profile, current.invitedBy);
    });
  }

  private async createAll(
    tx: Tx,
    caller: MemberCaller,
    ids: string[],
    directory: Map<string, DirectoryUser>,
    profile: ProfileRow,
  ) {
    const p = caller.principal;
    await this.repo.expireStale(tx, p.orgId, ids);
    const memberIds = new Set((await this.members.findByObjectIds(tx, p.orgId, ids)).map((u) => u.objectId));
    const pendingIds = new Set((await this.repo.pendingFor(tx, p.orgId, ids)).map((i) => i.inviteeObjectId));
    const created: { record: InvitationRecord; secret: string }[] = [];
    const refusals: { id: string; code: InviteRefusal; label: string }[] = [];
    for (const id of ids) {
      const user = directory.get(id);
      const label = user?.displayName ?? id;
      // A guest is someone outside the tenant: "New user" is their path, not this one.
      if (!user || user.userType?.toLowerCase() === 'guest')
        refusals.push({ id, code: 'not_in_tenant', label });
      else if (memberIds.has(id)) refusals.push({ id, code: 'already_a_member', label });
      else if (pendingIds.has(id)) refusals.push({ id, code: 'already_invited', label });
      else {
        const secret = newInvitationSecret();
        const row = await this.insertOnce(tx, p, user, profile, secret);
        if (!row) refusals.push({ id, code: 'already_invited', label });
        else {
          created.push({
            record: { row, profile, invitedBy: { userId: p.userId, displayName: p.displayName } },
            secret,
          });
          await this.audit.record(
            tx,
            {
              orgId: p.orgId,
              actor: actorOfPrincipal(p),
              action: 'invitation.create',
              target: { kind: 'invitation', id: row.id, label: user.displayName },
              outcome: 'success',
              detail: `profile=${profile.key}`,
            },
            caller.meta,
          );
        }
      }
    }
    return { created, refusals };
  }

  /** Inserts in a savepoint: a concurrent invitation of the same person (unique index) is a refusal. */
  private async insertOnce(
    tx: Tx,
    p: MemberCaller['principal'],
    user: DirectoryUser,
    profile: ProfileRow,
    secret: string,
  ) {
    try {
      return await tx.transaction((sp) =>
        this.repo.insert(sp as unknown as Tx, {
          id: newId(),
          orgId: p.orgId,
          tenantId: p.tenantId,
          inviteeObjectId: user.id.toLowerCase(),
          inviteeUpn: user.userPrincipalName,
          inviteeDisplayName: user.displayName,
          inviteeMail: user.mail,
          inviteeLanguage: user.preferredLanguage,
          profileId: profile.id,
          tokenHash: hashInvitationSecret(secret),
          invitedBy: p.userId,
          expiresAt: new Date(Date.now() + this.ttlDays * 86_400_000),
        }),
      );
    } catch (err) {
      if (pgErrorOf(err)?.code === PG.uniqueViolation) return undefined;
      throw err;
    }
  }

  /** Runs `fn` in the organisation's transaction; a refusal is audited in a transaction of its own. */
  private async refusing<T>(
    caller: MemberCaller,
    action: 'invitation.resend' | 'invitation.revoke',
    id: string,
    fn: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    const p = caller.principal;
    try {
      return await this.db.scoped(p.orgId, fn);
    } catch (err) {
      if (err instanceof AppError)
        await this.audit.recordAlone(
          {
            orgId: p.orgId,
            actor: actorOfPrincipal(p),
            action,
            target: { kind: 'invitation', id },
            outcome: 'refused',
            detail: err.code,
          },
          caller.meta,
        );
      throw err;
    }
  }

  private async checkSendBudget(tx: Tx, orgId: string, userId: string, more: number): Promise<void> {
    const sent = await this.auditRepo.countRecent(
      tx,
      orgId,
      userId,
      ['invitation.send', 'invitation.resend'],
      3600,
    );
    if (sent + more > SENDS_PER_MEMBER_PER_HOUR) {
      throw tooManyRequests(
        'too_many_invitations',
        `You can send up to ${SENDS_PER_MEMBER_PER_HOUR} invitations per hour. Try again later.`,
        3600,
      );
    }
  }

  private async auditRefusals(caller: MemberCaller, refusals: { id: string; code: string; label: string }[]) {
    const p = caller.principal;
    if (!refusals.length) return;
    await this.db.scoped(p.orgId, async (tx) => {
      for (const r of refusals) {
        await this.audit.record(
          tx,
          {
            orgId: p.orgId,
            actor: actorOfPrincipal(p),
            action: 'invitation.create',
            target: { kind: 'member', id: r.id, label: r.label },
            outcome: 'refused',
            detail: r.code,
          },
          caller.meta,
        );
      }
    });
  }
}

export const invitationNotFound = () =>
  new NotFoundError('This invitation does not exist.', 'invitation_not_found');

function notPending(status: InvitationStatus) {
  return new ConflictError(
    'invitation_not_pending',
    `This invitation is ${status}: it can no longer be changed.`,
    {
      status,
    },
  );
}
