import { z } from 'zod';
import { AppError, ConflictError } from '../../platform/errors/app-error.js';
import type { JoinRequestView } from '../../tenancy/onboarding/onboarding.contract.js';
import type { Principal } from '../../tenancy/principal.js';
import { adaptiveCard, paragraph, type AdaptiveCard } from '../cards/card.js';
import { cardTime } from '../cards/card-time.js';
import { joinRequestCard } from '../cards/join-request.card.js';
import type { OnboardingActionContext } from './onboarding-action.js';
import { outOfDateCard, refusalCard } from './onboarding-refusal.js';

const requestData = z.object({ requestId: z.uuid() });

/** The approver's card for `request`, current, with an optional line about the press. */
export async function approverCard(
  ctx: OnboardingActionContext,
  principal: Principal,
  request: JoinRequestView,
  notice?: { text: string; tone: 'good' | 'attention' },
): Promise<AdaptiveCard> {
  return joinRequestCard({
    request,
    organisationName: principal.organisationName,
    refreshUserIds: await ctx.approverTeamsIds(request.id),
    notice,
  });
}

/**
 * Approve and add / Decline pressed: the service re-checks manageUsers in the request's
 * organisation and lets the first decision win. The answer replaces the pressed card: the decided
 * state, "already decided by X at T" when someone was first, or a refusal that changes nothing.
 */
export async function decideJoinRequest(
  ctx: OnboardingActionContext,
  data: Record<string, unknown>,
  decide: (principal: Principal, requestId: string) => Promise<JoinRequestView>,
  done: (request: JoinRequestView) => string,
): Promise<AdaptiveCard> {
  const parsed = requestData.safeParse(data);
  if (!parsed.success) return outOfDateCard();
  const { requestId } = parsed.data;
  try {
    const principal = await ctx.principal();
    const request = await decide(principal, requestId);
    return await approverCard(ctx, principal, request, { text: done(request), tone: 'good' });
  } catch (err) {
    if (err instanceof ConflictError && err.code === 'already_decided') {
      return alreadyDecided(ctx, requestId, err);
    }
    if (err instanceof AppError) return refusalCard(err, 'Join request not changed');
    throw err;
  }
}

async function alreadyDecided(
  ctx: OnboardingActionContext,
  requestId: string,
  err: ConflictError,
): Promise<AdaptiveCard> {
  const line = (by: string | undefined, at: string | null | undefined) =>
    `Already decided by ${by ?? 'someone else'}${at ? ` at ${cardTime(at)}` : ''}.`;
  const details = err.details ?? {};
  const fromError = line(
    nameIn(details.decidedBy),
    typeof details.decidedAt === 'string' ? details.decidedAt : null,
  );
  try {
    const principal = await ctx.principal();
    const request = await ctx.onboarding.getJoinRequest(principal, requestId);
    return await approverCard(ctx, principal, request, {
      text: request.decidedBy ? line(request.decidedBy.displayName, request.decidedAt) : fromError,
      tone: 'attention',
    });
  } catch (lookup) {
    // Rights gone since the press: the decision as the refusal told it, nothing to press.
    if (lookup instanceof AppError) return adaptiveCard([paragraph(fromError, { color: 'attention' })]);
    throw lookup;
  }
}

function nameIn(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const name = (value as { displayName?: unknown } | undefined)?.displayName;
  return typeof name === 'string' ? name : undefined;
}
