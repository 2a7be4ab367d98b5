import type { Activity } from 'botbuilder';
import { ForbiddenError } from '../platform/errors/app-error.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { Principal } from '../tenancy/principal.js';
import type { AdaptiveCard } from './cards/card.js';
import { joinCard, tabDeepLink } from './cards/join.card.js';

/** Who is speaking, or what to tell someone Tandem cannot serve (a join card, or a sentence). */
export type Resolution =
  { ok: true; principal: Principal } | { ok: false; card?: AdaptiveCard; text: string };

const NOT_IN_TEAMS =
  'I can only help you from Microsoft Teams with your work account. Open Tandem in Teams and try again.';

/** The (tenant id, object id) Teams asserts on an authenticated activity. */
export function teamsIdentity(
  activity: Partial<Activity>,
): { tenantId: string; objectId: string } | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  const objectId = activity.from?.aadObjectId;
  if (typeof tenantId !== 'string' || !tenantId || !objectId) return undefined;
  return { tenantId: tenantId.toLowerCase(), objectId: objectId.toLowerCase() };
}

/** Resolves the Teams user to a Tandem member through {@link TenancyService.resolvePrincipal}. */
export class MemberResolver {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly teamsAppId: string | undefined,
  ) {}

  async resolve(activity: Partial<Activity>): Promise<Resolution> {
    const identity = teamsIdentity(activity);
    if (!identity) return { ok: false, text: NOT_IN_TEAMS };
    try {
      return {
        ok: true,
        principal: await this.tenancy.resolvePrincipal(identity.tenantId, identity.objectId),
      };
    } catch (err) {
      if (!(err instanceof ForbiddenError)) throw err;
      return this.refusal(err);
    }
  }

  private refusal(err: ForbiddenError): Resolution {
    if (err.code === 'not_a_member' && this.teamsAppId) {
      const organisation = err.details?.organisation as { name?: string } | undefined;
      return {
        ok: false,
        text: err.userMessage,
        card: joinCard({
          organisationName: organisation?.name ?? 'Your organisation',
          joinUrl: tabDeepLink(this.teamsAppId, 'join'),
        }),
      };
    }
    if (err.code === 'organisation_not_found') {
      return {
        ok: false,
        text: 'Tandem is not set up for your organisation yet. Ask your Microsoft 365 administrator to set it up.',
      };
    }
    return { ok: false, text: err.userMessage };
  }
}
