/** The words of onboarding mails in one language. Values are plain text: the renderer escapes them. */
export interface MailStrings {
  invitation: {
    subject: (p: { inviter: string; organisation: string }) => string;
    greeting: (p: { invitee: string }) => string;
    intro: (p: { inviter: string; organisation: string }) => string;
    profile: (p: { profile: string }) => string;
    action: string;
    expiry: (p: { date: string }) => string;
    ignore: string;
  };
  joinRequests: {
    subject: (p: { count: number; organisation: string }) => string;
    intro: (p: { count: number; organisation: string }) => string;
    action: string;
    onlyYou: string;
  };
  outcome: {
    approvedSubject: (p: { organisation: string }) => string;
    approved: (p: { approver: string; organisation: string; profile: string }) => string;
    declinedSubject: (p: { organisation: string }) => string;
    declined: (p: { approver: string; organisation: string }) => string;
    reason: (p: { reason: string }) => string;
    action: string;
  };
  footer: string;
}
