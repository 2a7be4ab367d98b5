import { lt, eq } from 'drizzle-orm';
import type { Activity } from 'botbuilder';
import type { Database } from '../platform/db/database.js';
import { processedActivities } from './bot.table.js';

const KEEP_MS = 48 * 60 * 60 * 1000;

/**
 * Inbound activities handled once: Teams re-delivers an activity (same id) when the bot was slow.
 * The key is the conversation and the activity id; keys older than two days are pruned.
 */
export class ActivityDedupe {
  constructor(private readonly db: Database) {}

  static keyOf(activity: Partial<Activity>): string | undefined {
    if (!activity.id) return undefined;
    return `${activity.conversation?.id ?? ''}|${activity.id}`;
  }

  /** True the first time a key is seen; false for a re-delivery. */
  async claim(key: string): Promise<boolean> {
    return this.db.system(async (tx) => {
      await tx
        .delete(processedActivities)
        .where(lt(processedActivities.receivedAt, new Date(Date.now() - KEEP_MS)));
      const rows = await tx
        .insert(processedActivities)
        .values({ activityId: key })
        .onConflictDoNothing()
        .returning({ key: processedActivities.activityId });
      return rows.length === 1;
    });
  }

  /** Forgets a key whose turn failed, so that Teams' re-delivery can run it again. */
  async release(key: string): Promise<void> {
    await this.db.system((tx) =>
      tx.delete(processedActivities).where(eq(processedActivities.activityId, key)),
    );
  }
}
