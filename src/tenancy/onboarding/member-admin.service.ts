import type { Database } from '../../platform/db/database.js';
import {
  AppError,
  ConflictError,
  NotFoundError,
  UnprocessableError,
} from '../../platform/errors/app-error.js';
import type { MemberRepository, ProfileRow, UserRow } from '../member.repo.js';
import type { AuditTrail } from './audit-trail.js';
import { actorOfPrincipal, type MemberCaller } from './onboarding-caller.js';
import { requireUserManager } from './user-manager.guard.js';

export interface MemberView {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  profile: { key: string; name: string };
  status: 'active' | 'inactive';
  joinedAt: string;
}

const ADMINISTRATOR = 'administrator';

function memberView(user: UserRow, profile: ProfileRow): MemberView {
  return {
    userId: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    profile: { key: profile.key, name: profile.name },
    status: user.status,
    joinedAt: user.createdAt.toISOString(),
  };
}

/** The Team tab's member list and profile changes (holders of `manageUsers` only), audited. */
export class MemberAdminService {
  constructor(
    private readonly db: Database,
    private readonly members: MemberRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(caller: MemberCaller): Promise<MemberView[]> {
    const p = caller.principal;
    const rows = await this.db.scoped(p.orgId, async (tx) => {
      await requireUserManager(tx, this.members, p);
      return this.members.listWithProfiles(tx, p.orgId);
    });
    return rows.map((r) => memberView(r.user, r.profile));
  }

  /** The onboarding audit trail, newest first, 50 entries a page. */
  async auditTrail(caller: MemberCaller, cursor?: string) {
    const p = caller.principal;
    await this.db.scoped(p.orgId, (tx) => requireUserManager(tx, this.members, p));
    return this.audit.page(p.orgId, cursor);
  }

  /** Gives a member another profile; the organisation never loses its last active Administrator. */
  async changeProfile(caller: MemberCaller, userId: string, profileKey: string): Promise<MemberView> {
    const p = caller.principal;
    const event = (outcome: 'success' | 'refused', detail: string, label?: string) => ({
      orgId: p.orgId,
      actor: actorOfPrincipal(p),
      action: 'member.profile_change' as const,
      target: { kind: 'member' as const, id: userId, label },
      outcome,
      detail,
    });
    try {
      return await this.db.scoped(p.orgId, async (tx) => {
        await requireUserManager(tx, this.members, p);
        const target = await this.members.findWithProfile(tx, p.orgId, userId, true);
        if (!target) throw new NotFoundError('This member does not exist.', 'member_not_found');
        const profile = await this.members.findProfileByKey(tx, p.orgId, profileKey);
        if (!profile) throw new UnprocessableError('unknown_profile', 'This profile does not exist.');
        if (profile.id === target.profile.id) return memberView(target.user, target.profile);
        if (target.profile.key === ADMINISTRATOR && target.user.status === 'active') {
          const admins = await this.members.lockActiveWithProfile(tx, p.orgId, target.profile.id);
          if (admins.length <= 1)
            throw new ConflictError(
              'last_administrator',
              'The organisation needs at least one Administrator. Make someone else Administrator first.',
            );
        }
        await this.members.setProfile(tx, p.orgId, userId, profile.id);
        await this.audit.record(
          tx,
          event('success', `${target.profile.key}→${profile.key}`, target.user.displayName),
          caller.meta,
        );
        return memberView(target.user, profile);
      });
    } catch (err) {
      if (err instanceof AppError) await this.audit.recordAlone(event('refused', err.code), caller.meta);
      throw err;
    }
  }
}
