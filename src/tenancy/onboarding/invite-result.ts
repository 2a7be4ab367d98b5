import type { InvitationView } from './onboarding.contract.js';

export type InviteRefusal = 'already_a_member' | 'already_invited' | 'not_in_tenant' | 'unknown_profile';

export interface InviteResult {
  id: string;
  status: 'invited' | 'refused';
  code?: InviteRefusal;
  message?: string;
  invitation?: InvitationView;
}

const MESSAGES: Record<InviteRefusal, (name: string) => string> = {
  already_a_member: (n) => `${n} is already a member.`,
  already_invited: (n) => `${n} already has a pending invitation. Resend it from the invitations list.`,
  not_in_tenant: () =>
    'This person is not a user of your Microsoft 365 organisation. To invite someone from outside, use "New user".',
  unknown_profile: () => 'This profile does not exist.',
};

export function refused(id: string, code: InviteRefusal, label: string): InviteResult {
  return { id, status: 'refused', code, message: MESSAGES[code](label) };
}
