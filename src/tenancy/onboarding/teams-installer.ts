import type { Logger } from '../../platform/logging/logger.js';
import { GraphCallError, type GraphPort } from '../../sync/graph/graph-port.js';

/** `installed`: Tandem is in the user's personal scope; `not_permitted`: the tenant does not let us. */
export type TeamsInstallOutcome = 'installed' | 'not_permitted' | 'failed';

const REFUSED = new Set(['FORBIDDEN', 'CONSENT_REQUIRED', 'NOT_FOUND', 'UNAUTHORIZED', 'BAD_REQUEST']);

/**
 * Installs Tandem for a user through Graph `POST /users/{id}/teamwork/installedApps` (app-only
 * `TeamsAppInstallation.ReadWriteForUser.All`), so the bot can reach them in a 1:1 chat. Checks
 * first (GET with `$filter`); a 409 means it already is. Never throws.
 */
export class TeamsInstaller {
  constructor(
    private readonly graph: GraphPort | undefined,
    /** The app's id in the Teams app catalog (config `TEAMS_APP_ID`). */
    private readonly catalogAppId: string | undefined,
    private readonly logger: Logger,
  ) {}

  async ensureInstalled(tenantId: string, userObjectId: string): Promise<TeamsInstallOutcome> {
    const graph = this.graph;
    const appId = this.catalogAppId;
    if (!graph || !appId) return 'not_permitted';
    const auth = { kind: 'app' as const, tenantId };
    const base = `/users/${userObjectId}/teamwork/installedApps`;
    try {
      const found = await graph.call<{ value: unknown[] }>(auth, userObjectId, {
        method: 'GET',
        url: `${base}?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${appId}'`)}`,
        idempotent: true,
      });
      if (found.body.value.length > 0) return 'installed';
      await graph.call(auth, userObjectId, {
        method: 'POST',
        url: base,
        body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${appId}` },
        // A second install of the same app answers 409: repeating cannot create a second one.
        idempotent: true,
      });
      return 'installed';
    } catch (err) {
      if (err instanceof GraphCallError && err.code === 'CONFLICT') return 'installed';
      const code = err instanceof GraphCallError ? err.code : 'UNKNOWN';
      this.logger.warn({ code }, 'Tandem could not be installed in Teams for an invitee');
      return err instanceof GraphCallError && REFUSED.has(code) ? 'not_permitted' : 'failed';
    }
  }
}
