import type { Activity } from 'botbuilder';
import { ForbiddenError } from '../platform/errors/app-error.js';
import type { Identity } from '../tenancy/onboarding/onboarding.contract.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { Principal } from '../tenancy/principal.js';
import type { OnboardingPort, OnboardingStatusView } from './actions/onboarding-action.js';
import type { AdaptiveCard } from './cards/card.js';
import { invitationCard } from './cards/invitation.card.js';
import { joinCard, joinRequestStatusCard, setUpCard, tabDeepLink } from './cards/join.card.js';

/**
 * Who is speaking, or what to tell someone Tandem cannot serve (an onboarding card, or a
 * sentence); `identity` is set whenever Teams asserted one (member or not).
 */
export type Resolution =
  | { ok: true; principal: Principal; identity: Identity }
  | { ok: false; card?: AdaptiveCard; text: string; identity?: Identity };

const NOT_SET_UP =
  'Tandem is not set up for your organisation yet. The first person who sets it up becomes its Administrator.';
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

/** The onboarding {@link Identity} of a Teams activity (the display name Teams sends, no UPN). */
export function identityOf(activity: Partial<Activity>): Identity | undefined {
  const ids = teamsIdentity(activity);
  if (!ids) return undefined;
  const name = activity.from?.name;
  return name ? { ...ids, displayName: name } : ids;
}

/**
 * Resolves the Teams user to a Tandem member through {@link TenancyService.resolvePrincipal}.
 * Someone who is not a member gets the onboarding card that fits (from the onboarding status when
 * the service is wired): accept a pending invitation, their request waiting, request to join, or
 * set Tandem up when their tenant has no organisation.
 */
export class MemberResolver {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly teamsAppId: string | undefined,
    private readonly onboarding?: OnboardingPort,
  ) {}

  async resolve(activity: Partial<Activity>): Promise<Resolution> {
    const identity = identityOf(activity);
    if (!identity) return { ok: false, text: NOT_IN_TEAMS };
    try {
      return { ok: true, principal: await this.member(identity), identity };
    } catch (err) {
      if (!(err instanceof ForbiddenError)) throw err;
      return { ...(await this.refusal(err, identity)), identity };
    }
  }

  /** The member behind an identity, as of now; ForbiddenError for non-members. */
  member(identity: Identity): Promise<Principal> {
    return this.tenancy.resolvePrincipal(identity.tenantId, identity.objectId);
  }

  private async refusal(err: ForbiddenError, identity: Identity): Promise<Resolution & { ok: false }> {
    const joinUrl = this.teamsAppId ? tabDeepLink(this.teamsAppId, 'join') : undefined;
    if (this.onboarding && (err.code === 'not_a_member' || err.code === 'organisation_not_found')) {
      const card = onboardingCard(await this.onboarding.status(identity), joinUrl);
      const text = err.code === 'organisation_not_found' ? NOT_SET_UP : err.userMessage;
      if (card) return { ok: false, text, card };
    }
    if (err.code === 'not_a_member') {
      const organisation = err.details?.organisation as { name?: string } | undefined;
      return {
        ok: false,
        text: err.userMessage,
        card: joinCard({ organisationName: organisation?.name ?? 'Your organisation', joinUrl }),
      };
    }
    if (err.code === 'organisation_not_found') {
      return { ok: false, text: NOT_SET_UP, card: setUpCard({ joinUrl }) };
    }
    return { ok: false, text: err.userMessage };
  }
}

/** The card for a non-member's onboarding status; undefined for a member (nothing to offer). */
function onboardingCard(status: OnboardingStatusView, joinUrl: string | undefined): AdaptiveCard | undefined {
  if (status.state === 'member') return undefined;
  if (status.state === 'no_organisation') return setUpCard({ joinUrl });
  const organisationName = status.organisation?.name ?? 'Your organisation';
  if (status.invitation) {
    const { invitation } = status;
    return invitationCard({
      invitationId: invitation.id,
      organisationName: invitation.organisation.name,
      invitedBy: invitation.invitedBy?.displayName ?? 'An administrator',
      profileName: invitation.profile.name,
      expiresAt: invitation.expiresAt,
    });
  }
  if (status.joinRequest?.status === 'pending') {
    return joinRequestStatusCard({ organisationName, request: status.joinRequest });
  }
  return joinCard({ organisationName, joinUrl });
}
