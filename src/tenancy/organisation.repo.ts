import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { organisations } from './tenancy.table.js';

export type OrganisationRow = typeof organisations.$inferSelect;

export class OrganisationRepository {
  /** Cross-organisation lookup: call inside a system transaction only. */
  async findByTenantId(tx: Tx, tenantId: string): Promise<OrganisationRow | undefined> {
    const [row] = await tx.select().from(organisations).where(eq(organisations.tenantId, tenantId)).limit(1);
    return row;
  }

  async findById(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
    const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1);
    return row;
  }

  async insert(tx: Tx, values: typeof organisations.$inferInsert): Promise<OrganisationRow> {
    const [row] = await tx.insert(organisations).values(values).returning();
    return row!;
  }
}
