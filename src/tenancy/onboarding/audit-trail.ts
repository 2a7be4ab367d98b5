import type { Database, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { BadRequestError } from '../../platform/errors/app-error.js';
import type { AuditOutcome, AuditRow } from './audit-log.table.js';
import type { AuditLogRepository } from './audit-log.repo.js';

/** The onboarding events the audit trail records (RELIABILITY §5 "covered actions"). */
export type AuditAction =
  | 'organisation.create'
  | 'invitation.create'
  | 'invitation.send'
  | 'invitation.resend'
  | 'invitation.revoke'
  | 'invitation.accept'
  | 'join_request.create'
  | 'join_request.approve'
  | 'join_request.decline'
  | 'member.profile_change'
  | 'organisation.sync_policy_change';

/** Who acted: a member (userId) or a signed-in identity that is not one (yet). */
export interface AuditActor {
  tenantId?: string;
  objectId?: string;
  userId?: string | null;
  displayName?: string | null;
}

export interface AuditEvent {
  orgId: string;
  actor: AuditActor;
  action: AuditAction;
  target: { kind: 'organisation' | 'invitation' | 'join_request' | 'member'; id: string; label?: string };
  outcome: AuditOutcome;
  /** A stable code or a short non-personal note (`invitation_not_for_you`, `standard→manager`). */
  detail?: string;
}

/** Where a request came from, for the audit columns; absent for bot turns. */
export interface RequestMeta {
  requestId?: string;
  clientIp?: string;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { userId: string | null; displayName: string | null; objectId: string | null };
  action: string;
  target: { kind: string; id: string; label: string | null };
  outcome: AuditOutcome;
  detail: string | null;
}

const PAGE = 50;

/**
 * Writes and reads the audit trail. Successes are written in the transaction of the change they
 * record; refusals in their own transaction (the refused change rolls back, its record must not).
 */
export class AuditTrail {
  constructor(
    private readonly db: Database,
    private readonly repo: AuditLogRepository,
  ) {}

  record(tx: Tx, event: AuditEvent, meta: RequestMeta = {}): Promise<void> {
    return this.repo.insert(tx, {
      id: newId(),
      orgId: event.orgId,
      actorTenantId: event.actor.tenantId ?? null,
      actorObjectId: event.actor.objectId ?? null,
      actorUserId: event.actor.userId ?? null,
      actorDisplayName: event.actor.displayName ?? null,
      action: event.action,
      targetKind: event.target.kind,
      targetId: event.target.id,
      targetLabel: event.target.label ?? null,
      outcome: event.outcome,
      detail: event.detail ?? null,
      requestId: meta.requestId ?? null,
      clientIp: meta.clientIp ?? null,
    });
  }

  /** Records an event in a transaction of its own (refusals, post-commit deliveries). */
  recordAlone(event: AuditEvent, meta: RequestMeta = {}): Promise<void> {
    return this.db.scoped(event.orgId, (tx) => this.record(tx, event, meta));
  }

  async page(
    orgId: string,
    cursor?: string,
  ): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
    const rows = await this.db.scoped(orgId, (tx) =>
      this.repo.page(tx, orgId, PAGE + 1, cursor ? decodeCursor(cursor) : undefined),
    );
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    return {
      entries: page.map(view),
      nextCursor: rows.length > PAGE && last ? Buffer.from(last.id).toString('base64url') : null,
    };
  }
}

function view(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { userId: row.actorUserId, displayName: row.actorDisplayName, objectId: row.actorObjectId },
    action: row.action,
    target: { kind: row.targetKind, id: row.targetId, label: row.targetLabel },
    outcome: row.outcome,
    detail: row.detail,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(raw: string): string {
  const id = Buffer.from(raw, 'base64url').toString('utf8');
  if (!UUID.test(id)) {
    throw new BadRequestError('invalid_cursor', 'The cursor is not valid; start again from the first page.');
  }
  return id;
}
