import { and, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { moduleSettings, type SyncModule } from './module-settings.table.js';

export type ModuleSettingRow = typeof moduleSettings.$inferSelect;

/** Per-member sync module switches. */
export class ModuleSettingsRepository {
  async forUser(tx: Tx, orgId: string, userId: string): Promise<ModuleSettingRow[]> {
    return tx
      .select()
      .from(moduleSettings)
      .where(and(eq(moduleSettings.orgId, orgId), eq(moduleSettings.userId, userId)));
  }

  async upsert(
    tx: Tx,
    values: { orgId: string; userId: string; module: SyncModule; enabled: boolean; updatedBy: string },
  ): Promise<ModuleSettingRow> {
    const [row] = await tx
      .insert(moduleSettings)
      .values({ ...values, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [moduleSettings.orgId, moduleSettings.userId, moduleSettings.module],
        set: { enabled: values.enabled, updatedBy: values.updatedBy, updatedAt: new Date() },
      })
      .returning();
    return row!;
  }
}
