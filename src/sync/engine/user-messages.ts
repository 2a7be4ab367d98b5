/** What the user reads about a failure code (status, Teams); never Graph's own wording. */
export function userMessageFor(code: string): string {
  switch (code) {
    case 'CONSENT_REQUIRED':
    case 'UNAUTHORIZED':
      return 'Tandem can no longer reach your Office 365 mailbox. Sign in again (or ask an administrator to grant consent).';
    case 'FORBIDDEN':
      return 'Office 365 refused access to the Tandem folder, calendar or list. Check that it is in your own mailbox.';
    case 'THROTTLED':
      return 'Office 365 asked Tandem to slow down; the sync will retry shortly.';
    case 'TRANSIENT':
    case 'AMBIGUOUS_WRITE':
      return 'Office 365 did not answer in time; the sync will retry shortly.';
    case 'NOT_FOUND':
      return 'The Tandem folder, calendar or list was not found in Office 365 (deleted?), so the sync was turned off.';
    default:
      return 'The sync stopped on an unexpected error; it will retry shortly.';
  }
}
