import type { Tx } from '../../platform/db/database.js';
import { ConflictError } from '../../platform/errors/app-error.js';
import type { MemberRepository } from '../member.repo.js';
import type { JoinRequestRepository } from './join-request.repo.js';
import { tooManyRequests } from './onboarding-errors.js';
import type { Identity } from './onboarding.contract.js';
import { joinRequestView } from './onboarding.views.js';

/** RELIABILITY §5 abuse limits. */
export const JOIN_LIMITS = { perUserPerDay: 5, perOrgPerHour: 100 } as const;

/** One pending request per user; ≤ 5 per user per 24 h; ≤ 100 per organisation per hour. */
export async function checkJoinAllowed(
  tx: Tx,
  repo: JoinRequestRepository,
  members: MemberRepository,
  orgId: string,
  identity: Identity,
): Promise<void> {
  const { tenantId, objectId } = identity;
  const oid = objectId.toLowerCase();
  if (await members.findByIdentity(tx, orgId, tenantId, oid))
    throw new ConflictError('already_a_member', 'You are already a member of this organisation.');
  const latest = await repo.latestOf(tx, orgId, oid);
  if (latest?.row.status === 'pending')
    throw new ConflictError('join_request_pending', 'Your request to join is already waiting for approval.', {
      request: joinRequestView(latest.row, null, null),
    });
  const day = 86_400;
  const mine = await repo.createdSince(tx, orgId, day, oid);
  if (mine.count >= JOIN_LIMITS.perUserPerDay)
    throw tooManyRequests(
      'too_many_join_requests',
      'You have asked to join too many times today. Try again tomorrow.',
      retryAfter(mine.oldest, day),
    );
  const hour = 3_600;
  const all = await repo.createdSince(tx, orgId, hour);
  if (all.count >= JOIN_LIMITS.perOrgPerHour)
    throw tooManyRequests(
      'organisation_join_limit',
      'Your organisation receives many requests to join right now. Try again later.',
      retryAfter(all.oldest, hour),
    );
}

function retryAfter(oldest: Date | null, windowSeconds: number): number {
  return oldest ? (oldest.getTime() + windowSeconds * 1000 - Date.now()) / 1000 : windowSeconds;
}
