import type { Principal } from '../principal.js';
import type { RequestMeta } from './audit-trail.js';
import type { Identity } from './onboarding.contract.js';

/** A member acting: from a tab (with their SSO token, for on-behalf-of Graph calls) or a bot turn. */
export interface MemberCaller {
  principal: Principal;
  ssoToken?: string;
  meta?: RequestMeta;
}

/** A signed-in identity acting (member or not): from a tab, or a bot turn without a token. */
export interface IdentityCaller {
  identity: Identity;
  ssoToken?: string;
  meta?: RequestMeta;
}

export const actorOfPrincipal = (p: Principal) => ({
  tenantId: p.tenantId,
  objectId: p.objectId,
  userId: p.userId,
  displayName: p.displayName,
});

export const actorOfIdentity = (i: Identity) => ({
  tenantId: i.tenantId,
  objectId: i.objectId,
  userId: null,
  displayName: i.displayName ?? i.userPrincipalName ?? null,
});
