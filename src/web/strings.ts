import { ONBOARDING_STRINGS } from './join/onboarding.strings.js';
import { SYNC_STRINGS } from './sync/sync.strings.js';

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
    organisationNotFoundHint:
      'The first person to set it up becomes its administrator. You can do it from the Join tab.',
    organisationNotFoundAction: 'Set up Tandem',
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
  sync: SYNC_STRINGS.en,
  ...ONBOARDING_STRINGS.en,
  import: {
    title: 'Import contacts',
    notYet: 'The "Add contacts" wizard is not available yet.',
    explain:
      'It will let you pick Outlook contacts and track them in Tandem in bulk. Until then, turn on Contacts on the Sync page to keep a "Tandem Contacts" folder in step.',
  },
};

export type Strings = typeof en;

/** Languages whose sections are translated so far; the rest of their strings are English. */
const byLanguage: Record<string, Strings> = {
  en,
  fr: { ...en, sync: SYNC_STRINGS.fr, ...ONBOARDING_STRINGS.fr },
  es: { ...en, sync: SYNC_STRINGS.es, ...ONBOARDING_STRINGS.es },
  de: { ...en, sync: SYNC_STRINGS.de, ...ONBOARDING_STRINGS.de },
};

/** The strings for a Teams or browser locale (`fr-fr`, `de`…), English when not translated yet. */
export function stringsFor(locale: string | undefined): Strings {
  const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return byLanguage[language] ?? en;
}
