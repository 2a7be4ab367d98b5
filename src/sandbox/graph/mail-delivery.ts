import { randomBytes, randomUUID } from 'node:crypto';
import { outlookId } from '../store/ids.js';
import type { DirectoryUser, Mailbox, SentMail, TenantState } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import { previewOf } from './mail-body.js';
import { recordMail } from './mail-log.js';
import type { Address, OutgoingMail } from './mail-send.js';

export interface MailSender {
  tenant: TenantState;
  user: DirectoryUser;
  mailbox: Mailbox;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The sandbox user (of any tenant) whose `mail` or user principal name is `address`, case-insensitive. */
export function findMailUser(
  store: SandboxStore,
  address: string,
): { tenant: TenantState; user: DirectoryUser } | undefined {
  const key = address.toLowerCase();
  for (const tenant of Object.values(store.state.tenants)) {
    const user = Object.values(tenant.users).find(
      (u) => u.mail.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key,
    );
    if (user) return { tenant, user };
  }
  return undefined;
}

/** The Sent Items folder id (given to mailboxes of state files written before it existed). */
export function sentItemsOf(mailbox: Mailbox): string {
  mailbox.wellKnown.sentItems ||= randomUUID();
  return mailbox.wellKnown.sentItems;
}

function recipient(store: SandboxStore, a: Address) {
  const name = a.name ?? findMailUser(store, a.address)?.user.displayName ?? a.address;
  return { emailAddress: { name, address: a.address } };
}

/** The properties every copy of a sent message shares (the sender's and each recipient's). */
function commonData(store: SandboxStore, sender: MailSender, mail: OutgoingMail, sent: string) {
  const from = { emailAddress: { name: sender.user.displayName, address: sender.user.mail } };
  const domain = sender.user.mail.split('@')[1] ?? sender.tenant.domain;
  return {
    receivedDateTime: sent,
    sentDateTime: sent,
    hasAttachments: mail.attachments.some((a) => !a.isInline),
    internetMessageId: `<${randomBytes(16).toString('hex').toUpperCase()}@${domain}>`,
    subject: mail.subject,
    bodyPreview: previewOf(mail.body),
    importance: mail.importance,
    conversationId: outlookId('AAQkAG'),
    conversationIndex: randomBytes(22).toString('base64'),
    isDeliveryReceiptRequested: mail.isDeliveryReceiptRequested,
    isReadReceiptRequested: mail.isReadReceiptRequested,
    isDraft: false,
    inferenceClassification: 'focused',
    body: mail.body,
    sender: from,
    from,
    toRecipients: mail.to.map((a) => recipient(store, a)),
    ccRecipients: mail.cc.map((a) => recipient(store, a)),
    replyTo: mail.replyTo.map((a) => recipient(store, a)),
    flag: { flagStatus: 'notFlagged' },
    categories: mail.categories,
  };
}

function createMessage(
  store: SandboxStore,
  mailbox: Mailbox,
  folderId: string,
  data: Record<string, unknown>,
): void {
  const id = outlookId();
  store.create(
    mailbox,
    'messages',
    {
      id,
      ...data,
      parentFolderId: folderId,
      webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    },
    folderId,
  );
}

/** The mailboxes of the recipients who are sandbox users, each once. */
function recipientMailboxes(store: SandboxStore, mail: OutgoingMail): Mailbox[] {
  const boxes = new Map<string, Mailbox>();
  for (const a of [...mail.to, ...mail.cc, ...mail.bcc]) {
    const found = findMailUser(store, a.address);
    const mailbox = found && store.mailbox(found.tenant.id, found.user.id);
    if (mailbox) boxes.set(`${found.tenant.id}/${found.user.id}`, mailbox);
  }
  return [...boxes.values()];
}

/**
 * Delivers a sent mail: an unread copy in the Inbox of every recipient who is a sandbox user (Bcc
 * hidden), a read copy in the sender's Sent Items unless `saveToSentItems` is false, and an entry
 * in the mail log for every recipient, external ones included.
 */
export function deliver(store: SandboxStore, sender: MailSender, mail: OutgoingMail): SentMail {
  const sent = now();
  const common = commonData(store, sender, mail, sent);
  for (const mailbox of recipientMailboxes(store, mail)) {
    createMessage(store, mailbox, mailbox.wellKnown.inbox, { ...common, bccRecipients: [], isRead: false });
  }
  if (mail.saveToSentItems) {
    createMessage(store, sender.mailbox, sentItemsOf(sender.mailbox), {
      ...common,
      bccRecipients: mail.bcc.map((a) => recipient(store, a)),
      isRead: true,
    });
  }
  const entry: SentMail = {
    id: randomUUID(),
    internetMessageId: common.internetMessageId,
    tenantId: sender.tenant.id,
    senderUserId: sender.user.id,
    from: { name: sender.user.displayName, address: sender.user.mail },
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    replyTo: mail.replyTo,
    subject: mail.subject,
    body: mail.body,
    attachments: mail.attachments.map(({ name, contentType }) => ({ name, contentType })),
    sentDateTime: sent,
  };
  recordMail(store, entry);
  return entry;
}
