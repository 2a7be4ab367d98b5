/**
 * Every user-facing string of the tabs, in one place. Add a language by adding a `Strings` object
 * (fr, es, de…) and a line in `stringsFor`.
 */
export const en = {
  appName: 'Tandem',
  loading: 'Loading…',
  retry: 'Try again',
  nav: { label: 'Tandem pages', sync: 'Sync', team: 'Team', join: 'Join', import: 'Import' },
  host: {
    connecting: 'Connecting to Microsoft Teams…',
    notInTeams: 'You are not in Microsoft Teams. Sign in with your work account to continue.',
    teamsTimeout:
      'Microsoft Teams did not answer. You can sign in with your work account instead, or reload the tab.',
  },
  signIn: {
    title: 'Sign in to Tandem',
    button: 'Sign in',
    signingIn: 'Signing you in…',
    failed: 'Sign-in did not complete. Please try again.',
    expired: 'Your session has ended. Please sign in again.',
    backToTandem: 'Back to Tandem',
  },
  errors: {
    organisationNotFound: "Tandem isn't set up for your organisation yet.",
    organisationNotFoundHint: 'Ask your Microsoft 365 administrator to set up Tandem for your organisation.',
    unauthorized: 'We could not confirm who you are. Please sign in again.',
    tokenUnavailable:
      'Microsoft Teams could not sign you in to Tandem. Reload the tab, or ask your administrator to allow Tandem in Teams.',
    network: 'Tandem could not be reached. Check your connection and try again.',
    generic: 'Something went wrong. Please try again.',
    reference: (id: string) => `Reference: ${id}`,
  },
  consent: {
    title: 'Permission needed',
    /** Built from the scopes the server names (lib/consent.ts). */
    sentence: (access: string, things: string) => `Tandem needs your permission to ${access} your ${things}.`,
    stepUp: 'Your organisation asks you to sign in again before Tandem can reach Microsoft 365.',
    access: { read: 'read', readWrite: 'read and update' },
    things: {
      contacts: 'Outlook contacts',
      calendar: 'calendar',
      tasks: 'tasks',
      profile: 'profile',
      mail: 'mail',
      other: 'Microsoft 365 data',
    },
    and: 'and',
    explain: 'A Microsoft window opens where you can review and accept.',
    grant: 'Grant access',
    granting: 'Waiting for Microsoft…',
    notNow: 'Not now',
    failed: 'Permission was not granted, so Tandem could not continue. You can try again.',
    signInAgain: 'Sign in again',
    opening: 'Opening Microsoft sign-in…',
    done: 'Permission granted. You can close this window.',
    refused: 'Permission was not granted.',
  },
  sync: {
    title: 'Sync with Office 365',
    intro: 'Choose what Tandem keeps in step with your Outlook and Microsoft To Do.',
    loading: 'Loading your sync settings…',
    modules: {
      contacts: {
        name: 'Contacts',
        description: 'Your CRM contacts in a "Tandem Contacts" folder in Outlook.',
      },
      meetings: { name: 'Meetings', description: 'Your CRM meetings in a "Tandem" calendar in Outlook.' },
      tasks: { name: 'Tasks', description: 'Your CRM tasks in a "Tandem Tasks" list in Microsoft To Do.' },
    },
    on: 'On',
    off: 'Off',
    saving: 'Saving…',
    lastChange: (when: string) => `Last changed ${when}`,
    neverChanged: 'Never changed',
    enabled: (name: string) => `${name} sync is on.`,
    disabled: (name: string) => `${name} sync is off.`,
    refused: (name: string) => `${name} sync could not be changed.`,
  },
  team: {
    title: 'Team',
    intro: 'You and your organisation in Tandem.',
    name: 'Name',
    signInId: 'Sign-in id',
    organisation: 'Organisation',
    profile: 'Profile',
    later: 'Directory search, invitations and join requests will appear here.',
  },
  join: {
    title: 'Join Tandem',
    member: (org: string, profile: string) =>
      `You are a member of ${org} in Tandem, with the ${profile} profile.`,
    notMember: 'You are not a member of Tandem in your organisation yet.',
    notMemberHint: 'Ask a Tandem administrator in your organisation to invite you.',
    later: 'Requesting to join from this page is coming soon.',
    signedInAs: (who: string) => `Signed in as ${who}.`,
  },
  import: {
    title: 'Import contacts',
    notYet: 'The "Add contacts" wizard is not available yet.',
    explain:
      'It will let you pick Outlook contacts and track them in Tandem in bulk. Until then, turn on Contacts on the Sync page to keep a "Tandem Contacts" folder in step.',
  },
};

export type Strings = typeof en;

const byLanguage: Record<string, Strings> = { en };

/** The strings for a Teams or browser locale (`fr-fr`, `de`…), English when not translated yet. */
export function stringsFor(locale: string | undefined): Strings {
  const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return byLanguage[language] ?? en;
}
