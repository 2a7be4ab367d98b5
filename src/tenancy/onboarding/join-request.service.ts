import type { Database, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { PG, pgErrorOf } from '../../platform/db/pg-errors.js';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
} from '../../platform/errors/app-error.js';
import type { MemberRepository } from '../member.repo.js';
import type { OrganisationRepository, OrganisationRow } from '../organisation.repo.js';
import type { AuditEvent, AuditTrail } from './audit-trail.js';
import type { JoinRequestRecord, JoinRequestRepository } from './join-request.repo.js';
import {
  actorOfIdentity,
  actorOfPrincipal,
  type IdentityCaller,
  type MemberCaller,
} from './onboarding-caller.js';
import { checkJoinAllowed } from './join-request-limits.js';
import type { JoinRequestStatus, JoinRequestView } from './onboarding.contract.js';
import type { JoinRequestNotices } from './join-request-notices.js';
import { joinRequestView } from './onboarding.views.js';
import { requireUserManager } from './user-manager.guard.js';

/** The longest message a requester may add (the bot path is checked here, REST by its schema too). */
export const MESSAGE_MAX = 500;

export type JoinRequestEvent = JoinRequestView & { orgId: string };

/**
 * Case 2: a tenant user who is not a member asks to join; `manageUsers` holders of that
 * organisation decide once (compare-and-set); the member is created in the deciding transaction.
 */
export class JoinRequestService {
  constructor(
    private readonly db: Database,
    private readonly repo: JoinRequestRepository,
    private readonly members: MemberRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditTrail,
    private readonly notices: JoinRequestNotices,
  ) {}

  async create(caller: IdentityCaller, message?: string): Promise<JoinRequestEvent> {
    const { identity } = caller;
    const org = await this.organisationOf(identity.tenantId);
    const text = message?.trim() ? message.trim() : null;
    if (text && text.length > MESSAGE_MAX)
      throw new BadRequestError('message_too_long', `Keep the message under ${MESSAGE_MAX} characters.`);
    const event = (outcome: 'success' | 'refused', id: string, detail?: string): AuditEvent => ({
      orgId: org.id,
      actor: actorOfIdentity(identity),
      action: 'join_request.create',
      target: { kind: 'join_request', id, label: identity.displayName ?? identity.userPrincipalName },
      outcome,
      detail,
    });
    let record: JoinRequestRecord;
    try {
      record = await this.db.scoped(org.id, async (tx) => {
        await this.repo.lockOrganisation(tx, org.id);
        await checkJoinAllowed(tx, this.repo, this.members, org.id, identity);
        const row = await this.repo.insert(tx, {
          id: newId(),
          orgId: org.id,
          tenantId: identity.tenantId,
          requesterObjectId: identity.objectId.toLowerCase(),
          requesterUpn: identity.userPrincipalName ?? identity.objectId,
          requesterDisplayName: identity.displayName ?? identity.userPrincipalName ?? identity.objectId,
          message: text,
        });
        await this.audit.record(tx, event('success', row.id), caller.meta);
        return { row, decidedBy: null, profile: null };
      });
    } catch (err) {
      if (err instanceof AppError)
        await this.audit.recordAlone(event('refused', identity.objectId, err.code), caller.meta);
      throw err;
    }
    const view = { ...joinRequestView(record.row, null, null), orgId: org.id };
    await this.notices.announce(org, view, {
      tenantId: identity.tenantId,
      objectId: identity.objectId,
      ssoToken: caller.ssoToken,
    });
    return view;
  }

  async list(caller: MemberCaller, status?: JoinRequestStatus): Promise<JoinRequestView[]> {
    const p = caller.principal;
    const records = await this.db.scoped(p.orgId, async (tx) => {
      await requireUserManager(tx, this.members, p);
      return this.repo.list(tx, p.orgId);
    });
    return records
      .filter((r) => !status || r.row.status === status)
      .map((r) => joinRequestView(r.row, r.decidedBy, r.profile));
  }

  /** One request of the caller's organisation, for manageUsers holders (404 elsewhere). */
  async get(caller: MemberCaller, id: string): Promise<JoinRequestView> {
    const p = caller.principal;
    const record = await this.db.scoped(p.orgId, async (tx) => {
      await requireUserManager(tx, this.members, p);
      return this.repo.find(tx, p.orgId, id);
    });
    if (!record) throw new NotFoundError('This join request does not exist.', 'join_request_not_found');
    return joinRequestView(record.row, record.decidedBy, record.profile);
  }

  /** The caller's latest request in an organisation (for the Join tab and the bot). */
  async latestOf(orgId: string, objectId: string): Promise<JoinRequestView | undefined> {
    const r = await this.db.scoped(orgId, (tx) => this.repo.latestOf(tx, orgId, objectId.toLowerCase()));
    return r && joinRequestView(r.row, r.decidedBy, r.profile);
  }

  approve(caller: MemberCaller, id: string, profileKey?: string): Promise<JoinRequestView> {
    return this.decide(caller, id, { approve: true, profileKey: profileKey ?? 'standard' });
  }

  decline(caller: MemberCaller, id: string, reason?: string): Promise<JoinRequestView> {
    return this.decide(caller, id, { approve: false, reason: reason?.trim() || undefined });
  }

  private async decide(
    caller: MemberCaller,
    id: string,
    d: { approve: boolean; profileKey?: string; reason?: string },
  ): Promise<JoinRequestView> {
    const p = caller.principal;
    const action = d.approve ? 'join_request.approve' : 'join_request.decline';
    let label: string | undefined;
    let decided: JoinRequestRecord;
    try {
      decided = await this.db.scoped(p.orgId, async (tx) => {
        const approver = await requireUserManager(tx, this.members, p);
        const current = await this.repo.find(tx, p.orgId, id);
        if (!current) throw new NotFoundError('This join request does not exist.', 'join_request_not_found');
        label = current.row.requesterDisplayName;
        if (current.row.requesterObjectId === p.objectId.toLowerCase())
          throw new ForbiddenError('own_request', 'You cannot decide on your own request to join.');
        const profile = d.approve
          ? await this.members.findProfileByKey(tx, p.orgId, d.profileKey!)
          : undefined;
        if (d.approve && !profile)
          throw new UnprocessableError('unknown_profile', 'This profile does not exist.');
        const row = await this.repo.decide(tx, p.orgId, id, {
          status: d.approve ? 'approved' : 'declined',
          decidedBy: approver.id,
          profileId: profile?.id ?? null,
          declineReason: d.reason ?? null,
        });
        // The losing side of a race re-reads: the winner's decision is committed by now.
        if (!row) throw alreadyDecided((await this.repo.find(tx, p.orgId, id)) ?? current);
        if (d.approve) await this.addMember(tx, row, profile!.id);
        await this.audit.record(
          tx,
          {
            orgId: p.orgId,
            actor: actorOfPrincipal(p),
            action,
            target: { kind: 'join_request', id, label },
            outcome: 'success',
            detail: profile ? `profile=${profile.key}` : undefined,
          },
          caller.meta,
        );
        return (await this.repo.find(tx, p.orgId, id))!;
      });
    } catch (err) {
      if (err instanceof AppError) {
        await this.audit.recordAlone(
          {
            orgId: p.orgId,
            actor: actorOfPrincipal(p),
            action,
            target: { kind: 'join_request', id, label },
            outcome: 'refused',
            detail: err.code,
          },
          caller.meta,
        );
      }
      throw err;
    }
    const view = joinRequestView(decided.row, decided.decidedBy, decided.profile);
    await this.notices.tellOutcome(caller, decided, view);
    return view;
  }

  private async addMember(tx: Tx, row: JoinRequestRecord['row'], profileId: string): Promise<void> {
    try {
      const user = await this.members.insertUser(tx, {
        id: newId(),
        orgId: row.orgId,
        tenantId: row.tenantId,
        objectId: row.requesterObjectId,
        userPrincipalName: row.requesterUpn,
        displayName: row.requesterDisplayName,
        profileId,
      });
      await this.repo.setMember(tx, row.orgId, row.id, user.id);
    } catch (err) {
      if (pgErrorOf(err)?.code === PG.uniqueViolation)
        throw new ConflictError('already_a_member', `${row.requesterDisplayName} is already a member.`);
      throw err;
    }
  }

  private async organisationOf(tenantId: string): Promise<OrganisationRow> {
    const org = await this.db.system((tx) => this.organisations.findByTenantId(tx, tenantId));
    if (!org || org.status !== 'active')
      throw new ForbiddenError(
        'organisation_not_found',
        'Your organisation does not use Tandem yet. You can set it up for your organisation.',
      );
    return org;
  }
}

function alreadyDecided(current: JoinRequestRecord): AppError {
  const by = current.decidedBy?.displayName ?? 'someone';
  const at = current.row.decidedAt?.toISOString() ?? null;
  return new ConflictError(
    'already_decided',
    `This request was already ${current.row.status} by ${by}${at ? ` at ${at}` : ''}.`,
    {
      status: current.row.status,
      decidedBy: current.decidedBy,
      decidedAt: at,
    },
  );
}
