/** The onboarding REST contract as the tabs read it (src/tenancy/onboarding/onboarding.contract.ts). */
export interface ProfileRef {
  key: string;
  name: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  preferredLanguage: string | null;
  jobTitle: string | null;
  membership: 'member' | 'invited' | 'none';
}

export interface InvitationView {
  id: string;
  invitee: { objectId: string; userPrincipalName: string; displayName: string; mail: string | null };
  profile: ProfileRef;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  invitedBy: { userId: string; displayName: string };
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  sendCount: number;
  delivery: { email: 'sent' | 'failed'; teams: 'sent' | 'not_installed' | 'failed' };
  acceptedAt: string | null;
}

export interface InviteResult {
  id: string;
  status: 'invited' | 'refused';
  code?: string;
  message?: string;
  invitation?: InvitationView;
}

export interface JoinRequestView {
  id: string;
  requester: { objectId: string; userPrincipalName: string; displayName: string };
  message: string | null;
  status: 'pending' | 'approved' | 'declined' | 'withdrawn';
  createdAt: string;
  decidedBy: { userId: string; displayName: string } | null;
  decidedAt: string | null;
  profile: ProfileRef | null;
}

export interface MemberView {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  profile: ProfileRef;
  status: 'active' | 'inactive';
  joinedAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { userId: string | null; displayName: string | null; objectId: string | null };
  action: string;
  target: { kind: string; id: string; label: string };
  outcome: 'success' | 'refused';
  detail: string | null;
}

export interface OnboardingStatus {
  state: 'member' | 'no_organisation' | 'not_a_member';
  organisation?: { name: string };
  invitation?: {
    id: string;
    organisation: { name: string } | string;
    profile: ProfileRef | string;
    expiresAt: string;
  };
  joinRequest?: JoinRequestView;
}

/** The built-in profile keys, in the order the tabs offer them. */
export const BUILT_IN_PROFILES = ['standard', 'manager', 'administrator'] as const;

/** A date and time in the reader's locale. */
export function formatWhen(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A name from a field that is either a `{ name }` object or a plain string. */
export function nameOf(value: { name: string } | string | undefined): string {
  return typeof value === 'string' ? value : (value?.name ?? '');
}
