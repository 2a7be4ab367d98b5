import type { Database, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { PG, pgErrorOf } from '../../platform/db/pg-errors.js';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../platform/errors/app-error.js';
import type { MemberRepository } from '../member.repo.js';
import type { OrganisationRepository } from '../organisation.repo.js';
import type { AuditTrail } from './audit-trail.js';
import { hashInvitationSecret, INVITATION_SECRET } from './invitation-secret.js';
import { LinkGuessGuard } from './link-guess.guard.js';
import type { InvitationRepository } from './invitation.repo.js';
import type { InvitationRow } from './invitation.table.js';
import { actorOfIdentity, type IdentityCaller } from './onboarding-caller.js';
import { gone } from './onboarding-errors.js';
import type { Identity } from './onboarding.contract.js';
import { invitationStatus } from './onboarding.views.js';

export interface AcceptInput {
  /** The secret of the mail link. */
  token?: string;
  /** The pending invitation bound to the caller (accepting from Teams or the Join tab). */
  invitationId?: string;
  acceptTerms: boolean;
  /** "Associate my account": a Tandem token of the caller's other account, which joins instead. */
  associateWith?: { token: string };
}

export interface AcceptResult {
  organisation: { id: string; name: string };
  profile: { key: string; name: string };
  /** The member created (the invitee, or the associated account). */
  userId: string;
}

const notFound = () =>
  new NotFoundError(
    'This invitation link is not valid. Ask your administrator to send you a new one.',
    'invitation_not_found',
  );

/**
 * Redeems invitations (PRODUCT §2 Case 1.3–1.4, RELIABILITY §5): bound to the invitee's (tid, oid);
 * anyone else gets 403 and the invitation stays usable; single use by compare-and-set; the member
 * is created in the same transaction. Every refusal is audited.
 */
export class InvitationAcceptance {
  constructor(
    private readonly db: Database,
    private readonly repo: InvitationRepository,
    private readonly members: MemberRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditTrail,
    /** Validates another Tandem token (same checks as a bearer token). */
    private readonly identityOf: (token: string) => Promise<Identity>,
    private readonly guesses = new LinkGuessGuard(),
  ) {}

  async accept(caller: IdentityCaller, input: AcceptInput): Promise<AcceptResult> {
    if (input.acceptTerms !== true)
      throw new BadRequestError('terms_not_accepted', 'Accept the terms to join the organisation.');
    this.guesses.check(caller.meta?.clientIp);
    const row = await this.locate(caller.identity, input).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'invitation_not_found')
        this.guesses.miss(caller.meta?.clientIp);
      throw err;
    });
    const refuse = async (code: string, error: Error) => {
      await this.audit.recordAlone(
        {
          orgId: row.orgId,
          actor: actorOfIdentity(caller.identity),
          action: 'invitation.accept',
          target: { kind: 'invitation', id: row.id, label: row.inviteeDisplayName },
          outcome: 'refused',
          detail: code,
        },
        caller.meta,
      );
      return error;
    };
    const { identity } = caller;
    if (identity.tenantId !== row.tenantId || identity.objectId.toLowerCase() !== row.inviteeObjectId) {
      throw await refuse(
        'invitation_not_for_you',
        new ForbiddenError(
          'invitation_not_for_you',
          `This invitation is for ${row.inviteeDisplayName}. Sign in with their Microsoft account to accept it.`,
          { invitee: { displayName: row.inviteeDisplayName } },
        ),
      );
    }
    const stateError = unusable(row);
    if (stateError) throw await refuse(stateError.code, stateError);
    const joiner = input.associateWith
      ? await this.associated(row, identity, input.associateWith.token, refuse)
      : identity;
    try {
      return await this.redeem(caller, row, joiner, !!input.associateWith);
    } catch (err) {
      if (err instanceof AppError) throw await refuse(err.code, err);
      throw err;
    }
  }

  /** By secret (cross-organisation lookup of its hash), or by id among the caller's own invitations. */
  private async locate(identity: Identity, input: AcceptInput): Promise<InvitationRow> {
    if (input.token !== undefined) {
      if (!INVITATION_SECRET.test(input.token)) throw notFound();
      const hash = hashInvitationSecret(input.token);
      const row = await this.db.system((tx) => this.repo.findByTokenHash(tx, hash));
      if (!row) throw notFound();
      return row;
    }
    if (!input.invitationId)
      throw new BadRequestError('token_required', 'Give the invitation link or its id.');
    const org = await this.db.system((tx) => this.organisations.findByTenantId(tx, identity.tenantId));
    const found =
      org && (await this.db.scoped(org.id, (tx) => this.repo.find(tx, org.id, input.invitationId!)));
    // By id, only the invitee's own invitations exist for the caller.
    if (!found || found.row.inviteeObjectId !== identity.objectId.toLowerCase()) throw notFound();
    return found.row;
  }

  /**
   * "Associate my account" (PRODUCT §2 Case 1.4): the invitee, signed in, proves they also own
   * another account of the same tenant by presenting its Tandem token; that account joins instead.
   */
  private async associated(
    row: InvitationRow,
    invitee: Identity,
    token: string,
    refuse: (code: string, error: Error) => Promise<Error>,
  ): Promise<Identity> {
    const other = await this.identityOf(token);
    if (other.tenantId !== row.tenantId) {
      throw await refuse(
        'associate_other_tenant',
        new ForbiddenError(
          'associate_other_tenant',
          'The account to associate must belong to the same Microsoft 365 organisation as the invitation.',
        ),
      );
    }
    if (other.objectId === invitee.objectId) {
      throw new BadRequestError(
        'associate_same_account',
        'This is the invited account itself. Accept without associating, or sign in with your other account.',
      );
    }
    return other;
  }

  private async redeem(caller: IdentityCaller, row: InvitationRow, joiner: Identity, associated: boolean) {
    return this.db.scoped(row.orgId, async (tx) => {
      const consumed = await this.repo.consume(tx, row.orgId, row.id);
      if (!consumed) {
        const now = await this.repo.find(tx, row.orgId, row.id);
        throw unusable(now?.row ?? row) ?? alreadyUsed();
      }
      const org = await this.organisations.findById(tx, row.orgId);
      const user = await this.insertMember(tx, consumed, joiner, associated);
      await this.repo.setAcceptedUser(tx, row.orgId, row.id, user.id);
      const withProfile = (await this.members.findWithProfile(tx, row.orgId, user.id))!;
      await this.audit.record(
        tx,
        {
          orgId: row.orgId,
          actor: { ...actorOfIdentity(caller.identity), userId: associated ? null : user.id },
          action: 'invitation.accept',
          target: { kind: 'invitation', id: row.id, label: row.inviteeDisplayName },
          outcome: 'success',
          detail: associated ? `associated=${joiner.objectId}` : `profile=${withProfile.profile.key}`,
        },
        caller.meta,
      );
      return {
        organisation: { id: row.orgId, name: org!.name },
        profile: { key: withProfile.profile.key, name: withProfile.profile.name },
        userId: user.id,
      };
    });
  }

  private async insertMember(tx: Tx, row: InvitationRow, joiner: Identity, associated: boolean) {
    try {
      return await this.members.insertUser(tx, {
        id: newId(),
        orgId: row.orgId,
        tenantId: row.tenantId,
        objectId: joiner.objectId,
        userPrincipalName: associated ? (joiner.userPrincipalName ?? joiner.objectId) : row.inviteeUpn,
        displayName: associated
          ? (joiner.displayName ?? joiner.userPrincipalName ?? row.inviteeDisplayName)
          : row.inviteeDisplayName,
        email: associated ? null : row.inviteeMail,
        preferredLanguage: associated ? null : row.inviteeLanguage,
        profileId: row.profileId,
      });
    } catch (err) {
      if (pgErrorOf(err)?.code === PG.uniqueViolation)
        throw new ConflictError(
          'already_a_member',
          'This account is already a member of a Tandem organisation.',
        );
      throw err;
    }
  }
}

/** Why an invitation cannot be redeemed, or undefined while it can. */
function unusable(row: InvitationRow) {
  switch (invitationStatus(row)) {
    case 'pending':
      return undefined;
    case 'accepted':
      return alreadyUsed();
    case 'revoked':
      return gone(
        'invitation_revoked',
        'This invitation was withdrawn. Ask your administrator for a new one.',
      );
    case 'expired':
      return gone(
        'invitation_expired',
        'This invitation has expired. Ask your administrator to send it again.',
      );
  }
}

const alreadyUsed = () =>
  new ConflictError('invitation_already_used', 'This invitation has already been accepted.');
