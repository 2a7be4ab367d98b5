import type { Database, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
  type FieldIssue,
} from '../../platform/errors/app-error.js';
import type { MemberRepository } from '../../tenancy/member.repo.js';
import { can, type Action } from '../../tenancy/permissions.js';
import type { Actor } from '../../tenancy/principal.js';
import type { FieldHistoryRepository, FieldChange, HistoryCursor, HistoryRow } from './field-history.repo.js';
import {
  fieldNamesOf,
  readOnlyNamesOf,
  type Fields,
  type RecordDefinition,
  type RecordType,
} from './record.definition.js';
import type { RecordRepository, RecordRow } from './record.repo.js';
import { sameValue } from './same-value.js';

/** A record as the API returns it. */
export type RecordDto = Fields & { id: string; ownerId: string; version: number };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `*` (any version) or the versions an If-Match header lists. */
export type ExpectedVersion = '*' | number[];

export interface ListQuery {
  q?: string;
  owner?: string;
  cursor?: string;
  limit: number;
}

export const etagOf = (version: number) => `"${version}"`;

/**
 * Told of every committed-to-be change, inside its transaction (the sync's outbox: a CRM change and
 * its "to send to Office 365" row commit together or not at all).
 */
export interface RecordChangeHook {
  changed(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    row: RecordRow,
    action: 'create' | 'update' | 'delete',
    /** The fields this write changed, with their values before (what dependents derived from). */
    changes?: FieldChange[],
  ): Promise<void>;
}

/** Run a write inside a caller's transaction (the sync applies a delta page and its link atomically). */
export interface WriteOptions {
  tx?: Tx;
}

/**
 * CRM records of every aggregate: permission and record-scope checks, optimistic concurrency,
 * references, and the field history of every change. Used by the REST API, and by the sync and
 * imports with their own {@link Actor} source.
 */
export class RecordService {
  private readonly definitions: Map<RecordType, RecordDefinition>;

  constructor(
    private readonly db: Database,
    private readonly records: RecordRepository,
    private readonly history: FieldHistoryRepository,
    private readonly members: MemberRepository,
    definitions: RecordDefinition[],
    private readonly changeHook?: RecordChangeHook,
  ) {
    this.definitions = new Map(definitions.map((d) => [d.type, d]));
  }

  async list(actor: Actor, def: RecordDefinition, query: ListQuery): Promise<Page<RecordDto>> {
    this.require(actor, def, 'view');
    const scopeOwner = actor.permissions.recordScope === 'own' ? actor.userId! : undefined;
    if (scopeOwner && query.owner && query.owner !== scopeOwner) return { items: [], nextCursor: null };
    const rows = await this.db.scoped(actor.orgId, (tx) =>
      this.records.list(tx, def, actor.orgId, {
        ownerId: scopeOwner ?? query.owner,
        q: query.q,
        beforeId: query.cursor,
        limit: query.limit + 1,
      }),
    );
    const items = rows.slice(0, query.limit).map((r) => toDto(def, r));
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
  }

  async get(actor: Actor, def: RecordDefinition, id: string): Promise<RecordDto> {
    this.require(actor, def, 'view');
    return this.db.scoped(actor.orgId, async (tx) => toDto(def, await this.loadVisible(tx, actor, def, id)));
  }

  async create(
    actor: Actor,
    def: RecordDefinition,
    input: Fields,
    options: WriteOptions = {},
  ): Promise<RecordDto> {
    this.require(actor, def, 'create');
    const { ownerId: requestedOwner, ...fields } = input;
    const ownerId = (requestedOwner as string | undefined) ?? actor.userId;
    if (!ownerId) throw new UnprocessableError('invalid_owner', 'A record needs an owner.');
    const derived = this.finalize(def, fields);
    return this.write(actor.orgId, options, async (tx) => {
      await this.checkOwner(tx, actor, ownerId);
      await this.checkReferences(tx, actor, def, fields);
      const row = await this.records.insert(tx, def, {
        ...fields,
        ...derived,
        id: newId(),
        orgId: actor.orgId,
        ownerId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      const dto = toDto(def, row);
      await this.record(
        tx,
        actor,
        def,
        row,
        'create',
        changedFields({}, dto, [...fieldNamesOf(def), 'ownerId']),
      );
      return dto;
    });
  }

  async update(
    actor: Actor,
    def: RecordDefinition,
    id: string,
    patch: Fields,
    expected?: ExpectedVersion,
    options: WriteOptions = {},
  ): Promise<RecordDto> {
    this.require(actor, def, 'edit');
    return this.write(actor.orgId, options, async (tx) => {
      const current = await this.loadVisible(tx, actor, def, id, true);
      checkVersion(current, expected);
      const before = toDto(def, current);
      const after = { ...before, ...patch };
      const changes = changedFields(before, after, Object.keys(patch));
      if (changes.length === 0) return before;
      const derived = this.finalize(def, after, current);
      if (patch.ownerId !== undefined && patch.ownerId !== before.ownerId) {
        await this.checkOwner(tx, actor, patch.ownerId as string);
      }
      await this.checkReferences(
        tx,
        actor,
        def,
        Object.fromEntries(changes.map((c) => [c.field, c.newValue])),
      );
      const values = Object.fromEntries(changes.map((c) => [c.field, c.newValue]));
      const row = await this.records.update(
        tx,
        def,
        actor.orgId,
        id,
        { ...values, ...derived },
        actor.userId,
      );
      await this.record(tx, actor, def, row, 'update', changes);
      return toDto(def, row);
    });
  }

  /** Soft delete: the record leaves every list, its values and history stay (recycle bin, sync tombstones). */
  async remove(
    actor: Actor,
    def: RecordDefinition,
    id: string,
    expected?: ExpectedVersion,
    options: WriteOptions = {},
  ): Promise<void> {
    this.require(actor, def, 'delete');
    await this.write(actor.orgId, options, async (tx) => {
      const current = await this.loadVisible(tx, actor, def, id, true);
      checkVersion(current, expected);
      const row = await this.records.softDelete(tx, def, actor.orgId, id, actor.userId);
      await this.record(tx, actor, def, row, 'delete', [
        { field: 'deletedAt', oldValue: null, newValue: row.deletedAt?.toISOString() ?? null },
      ]);
    });
  }

  async historyOf(
    actor: Actor,
    def: RecordDefinition,
    id: string,
    page: { after?: HistoryCursor; limit: number },
  ): Promise<{ items: HistoryRow[]; next: HistoryCursor | null }> {
    this.require(actor, def, 'view');
    return this.db.scoped(actor.orgId, async (tx) => {
      await this.loadVisible(tx, actor, def, id);
      const rows = await this.history.listForRecord(tx, actor.orgId, def.type, id, {
        after: page.after,
        limit: page.limit + 1,
      });
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      return {
        items,
        next: rows.length > page.limit && last ? { version: last.version, id: last.id } : null,
      };
    });
  }

  definitionOf(type: RecordType): RecordDefinition {
    return this.definitions.get(type)!;
  }

  /** In the caller's transaction when given, else in a new one scoped to the organisation. */
  private write<T>(orgId: string, options: WriteOptions, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return options.tx ? fn(options.tx) : this.db.scoped(orgId, fn);
  }

  private require(actor: Actor, def: RecordDefinition, action: Action): void {
    if (!can(actor.permissions, def.module, action)) {
      throw new ForbiddenError(
        'permission_denied',
        `Your profile does not allow you to ${action} ${def.collection}.`,
        { module: def.module, action },
      );
    }
  }

  /** The record if it exists and the actor's record scope covers it; otherwise 404 (no existence leak). */
  private async loadVisible(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    id: string,
    forUpdate = false,
  ): Promise<RecordRow> {
    const row = await this.records.findById(tx, def, actor.orgId, id, { forUpdate });
    if (!row || (actor.permissions.recordScope === 'own' && row.ownerId !== actor.userId)) {
      throw new NotFoundError(`This ${def.title.toLowerCase()} does not exist or you cannot see it.`);
    }
    return row;
  }

  private async checkOwner(tx: Tx, actor: Actor, ownerId: string): Promise<void> {
    if (actor.permissions.recordScope === 'own' && ownerId !== actor.userId) {
      throw new ForbiddenError(
        'owner_not_allowed',
        'Your profile only lets you own records yourself; it cannot assign them to others.',
      );
    }
    if (!(await this.members.findActiveUser(tx, actor.orgId, ownerId))) {
      throw new ValidationError([
        { pointer: '/ownerId', in: 'body', code: 'invalid_owner', detail: 'must be an active member' },
      ]);
    }
  }

  private async checkReferences(tx: Tx, actor: Actor, def: RecordDefinition, fields: Fields): Promise<void> {
    const issues: FieldIssue[] = [];
    for (const [field, targetType] of Object.entries(def.references)) {
      const id = fields[field];
      if (typeof id !== 'string') continue;
      const target = this.definitionOf(targetType);
      const row = can(actor.permissions, target.module, 'view')
        ? await this.records.findById(tx, target, actor.orgId, id)
        : undefined;
      const visible = row && (actor.permissions.recordScope === 'all' || row.ownerId === actor.userId);
      if (!visible) {
        issues.push({
          pointer: `/${field}`,
          in: 'body',
          code: 'invalid_reference',
          detail: `must be the id of a ${target.title.toLowerCase()} you can see`,
        });
      }
    }
    if (issues.length) throw new ValidationError(issues);
  }

  private finalize(def: RecordDefinition, record: Fields, current?: RecordRow): Fields {
    const result = def.finalize?.(record, current);
    if (result?.issues.length) throw new ValidationError(result.issues);
    return result?.derived ?? {};
  }

  private async record(
    tx: Tx,
    actor: Actor,
    def: RecordDefinition,
    row: RecordRow,
    action: 'create' | 'update' | 'delete',
    changes: FieldChange[],
  ): Promise<void> {
    await this.history.append(tx, {
      orgId: actor.orgId,
      recordType: def.type,
      recordId: row.id,
      version: row.version,
      action,
      source: actor.source,
      actorUserId: actor.userId,
      reason: actor.reason,
      changes,
    });
    await this.changeHook?.changed(tx, actor, def, row, action, changes);
  }
}

function checkVersion(row: RecordRow, expected?: ExpectedVersion): void {
  if (expected === undefined || expected === '*') return;
  if (!expected.includes(row.version)) throw new PreconditionFailedError(etagOf(row.version));
}

function changedFields(before: Fields, after: Fields, fields: string[]): FieldChange[] {
  return fields
    .filter((f) => !sameValue(before[f] ?? null, after[f] ?? null))
    .map((f) => ({ field: f, oldValue: before[f] ?? null, newValue: after[f] ?? null }));
}

/** The API form of a row: the definition's fields (null when unset) and the common metadata. */
export function toDto(def: RecordDefinition, row: RecordRow): RecordDto {
  const fields = Object.fromEntries(fieldNamesOf(def).map((f) => [f, row[f] ?? null]));
  const readOnly = Object.fromEntries(
    readOnlyNamesOf(def).map((f) => [f, row[f] instanceof Date ? row[f].toISOString() : (row[f] ?? null)]),
  );
  return {
    id: row.id,
    ...fields,
    ...readOnly,
    ownerId: row.ownerId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}
