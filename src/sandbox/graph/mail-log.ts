import type { SentMail } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';

/** The log keeps the most recent mails only, so that a long-running sandbox's state stays small. */
export const MAIL_LOG_LIMIT = 1000;

/** Records a mail sent through Graph (to sandbox users and external addresses alike). */
export function recordMail(store: SandboxStore, mail: SentMail): void {
  const log = (store.state.mailLog ??= []);
  log.push(mail);
  if (log.length > MAIL_LOG_LIMIT) log.splice(0, log.length - MAIL_LOG_LIMIT);
}

/** Whether the mail was addressed to `address` (To, Cc or Bcc; case-insensitive). */
export function addressedTo(mail: SentMail, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return [...mail.to, ...mail.cc, ...mail.bcc].some((r) => r.address.toLowerCase() === wanted);
}

/** The mails delivered to `address` (every mail without one), newest first. */
export function mailFor(store: SandboxStore, address?: string): SentMail[] {
  const log = store.state.mailLog ?? [];
  return log.filter((m) => address === undefined || addressedTo(m, address)).reverse();
}

export function clearMail(store: SandboxStore): void {
  store.state.mailLog = [];
}
