import { de } from './onboarding.strings.de.js';
import { es } from './onboarding.strings.es.js';
import { fr } from './onboarding.strings.fr.js';

/**
 * Onboarding's words (the `team`, `join` and `accept` sections of `strings.ts`) in English,
 * French, Spanish and German.
 */
const en = {
  team: {
    title: 'Team',
    intro: 'You and your organisation in Tandem.',
    name: 'Name',
    signInId: 'Sign-in id',
    organisation: 'Organisation',
    profile: 'Profile',
    notManager:
      'Only people whose profile can manage users see members, invitations and join requests. Ask your Tandem administrator if you need to invite someone.',
    profiles: { standard: 'Standard', manager: 'Manager', administrator: 'Administrator' },
    add: {
      title: 'Add Office 365 users',
      intro:
        "Search your organisation's directory, pick people and send them an invitation by email and in Teams.",
      search: 'Search by name or email',
      searching: 'Searching…',
      noResults: (q: string) => `Nobody in your directory matches "${q}".`,
      minChars: 'Type at least 2 characters.',
      member: 'Member',
      invited: 'Invited',
      select: (name: string) => `Select ${name}`,
      profile: 'Profile for the invited people',
      send: (n: number) => (n === 1 ? 'Send 1 invitation' : `Send ${n} invitations`),
      sending: 'Sending…',
      invitedOk: (name: string) => `${name}: invited.`,
      refused: (name: string, why: string) => `${name}: not invited. ${why}`,
      newUserNote:
        'People outside your organisation are a different path ("New user"): they cannot be invited from this search.',
    },
    members: {
      title: 'Members',
      empty: 'No members yet.',
      status: { active: 'Active', inactive: 'Inactive' },
      joined: (when: string) => `Joined ${when}`,
      changeProfile: (name: string) => `Profile of ${name}`,
      changed: (name: string, profile: string) => `${name} now has the ${profile} profile.`,
    },
    invitations: {
      title: 'Pending invitations',
      empty: 'No pending invitations.',
      expires: (when: string) => `Expires ${when}`,
      sentBy: (who: string, when: string) => `Invited by ${who}, last sent ${when}`,
      delivery: (email: string, teams: string) => `Email: ${email} · Teams: ${teams}`,
      deliveryState: {
        sent: 'sent',
        failed: 'failed',
        not_installed: 'Tandem not installed',
      } as Record<string, string>,
      resend: 'Resend',
      revoke: 'Revoke',
      resent: (name: string) => `Invitation sent again to ${name}.`,
      revoked: (name: string) => `Invitation of ${name} revoked.`,
    },
    requests: {
      title: 'Join requests',
      empty: 'No join requests.',
      asked: (when: string) => `Asked ${when}`,
      approve: 'Approve and add',
      decline: 'Decline',
      approved: (by: string, when: string) => `Approved by ${by} at ${when}`,
      declined: (by: string, when: string) => `Declined by ${by} at ${when}`,
      withdrawn: 'Withdrawn',
      alreadyDecided: (by: string, when: string) => `Already decided by ${by} at ${when}.`,
      highlighted: 'The request from your approval email',
    },
    audit: {
      title: 'Onboarding audit trail',
      empty: 'Nothing recorded yet.',
      more: 'Show older entries',
      refused: 'refused',
      system: 'Tandem',
      /** The audit log's action codes in words; an unknown code shows as it is. */
      actions: {
        'organisation.create': 'set up the organisation',
        'invitation.create': 'invited',
        'invitation.send': 'sent the invitation to',
        'invitation.resend': 'sent the invitation again to',
        'invitation.revoke': 'revoked the invitation of',
        'invitation.accept': 'accepted the invitation',
        'join_request.create': 'asked to join',
        'join_request.approve': 'approved the request of',
        'join_request.decline': 'declined the request of',
        'member.profile_change': 'changed the profile of',
        'organisation.sync_policy_change': 'changed the sync policy of',
      } as Record<string, string>,
    },
  },
  join: {
    title: 'Join Tandem',
    memberOf: (org: string) => `You are a member of ${org} in Tandem.`,
    notMember: 'You are not a member of Tandem in your organisation yet.',
    signedInAs: (who: string) => `Signed in as ${who}.`,
    alreadyUses: (org: string) => `Your organisation already uses Tandem: ${org}`,
    requestIntro:
      'Ask to join: the people who manage users in your organisation get your request, and you hear back in Teams.',
    message: 'Message to the approvers (optional)',
    messageHint: (left: number) => `${left} characters left`,
    request: 'Request to join',
    requesting: 'Sending…',
    pending: (when: string) =>
      `Your request was sent ${when}. You'll hear back in Teams once someone decides.`,
    pendingTitle: 'Request sent',
    declined: (by: string) => `Your last request was declined by ${by}. You can ask again.`,
    invitedTitle: (org: string) => `You're invited to ${org}`,
    invited: (profile: string, when: string) =>
      `With the ${profile} profile. The invitation expires ${when}.`,
    noOrganisation: 'Set up Tandem for your organisation',
    noOrganisationHint:
      'Nobody in your organisation uses Tandem yet. The first person who sets it up becomes its Administrator and can then invite colleagues. If your Microsoft 365 administrator must approve apps first, they grant consent once for everyone.',
    orgName: 'Organisation name',
    setUp: 'Set up Tandem',
    settingUp: 'Setting up…',
    setUpDone: (org: string) => `${org} is set up. You are its Administrator.`,
    open: 'Open Tandem',
  },
  accept: {
    title: 'Accept your invitation',
    invitedTo: (org: string) => `You're invited to ${org} in Tandem`,
    invitedGeneric: 'You have an invitation to Tandem.',
    terms: 'I accept the Tandem terms of use',
    accept: 'Accept',
    accepting: 'Accepting…',
    accepted: (org: string, profile: string) =>
      `Welcome! You're a member of ${org} with the ${profile} profile.`,
    noInvitation:
      'No invitation was found for this account. Open the link from your invitation email, or ask your administrator to invite you.',
    wrongUser:
      'This invitation is for someone else. Sign in with the invited account, or associate this account from there.',
    expired: 'This invitation has expired or was revoked. Ask your administrator to send a new one.',
    used: 'This invitation was already used.',
    signInOther: 'Sign in with another account',
    associate: 'Associate my account',
    associateHint:
      'Already use Tandem with another account of yours? Sign in with it and that account joins instead of a new one.',
    associating:
      'You signed in with your other account: accepting adds that account to the organisation instead of a new one.',
  },
};

export type OnboardingStrings = typeof en;

export const ONBOARDING_STRINGS: Record<'en' | 'fr' | 'es' | 'de', OnboardingStrings> = { en, fr, es, de };
