import { GraphError, graphErrors } from './graph-error.js';
import type { MailBody } from './mail-body.js';

export interface Address {
  name?: string;
  address: string;
}

/** A validated `sendMail` request. */
export interface OutgoingMail {
  subject: string;
  body: MailBody;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: Address[];
  importance: 'low' | 'normal' | 'high';
  categories: string[];
  attachments: { name: string; contentType?: string; isInline: boolean }[];
  isReadReceiptRequested: boolean;
  isDeliveryReceiptRequested: boolean;
  saveToSentItems: boolean;
}

/** Properties of `microsoft.graph.message` a client may set when sending. */
const MESSAGE_PROPERTIES = new Set([
  'subject',
  'body',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'from',
  'sender',
  'importance',
  'categories',
  'attachments',
  'internetMessageHeaders',
  'isReadReceiptRequested',
  'isDeliveryReceiptRequested',
  'flag',
  'inferenceClassification',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
]);

const notValid = (why: string) =>
  new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid., ${why}`);

const unconvertible = (value: unknown, property: string) =>
  graphErrors.badRequest(
    `Cannot convert the literal '${JSON.stringify(value)}' to the expected type of '${property}'.`,
    'RequestBodyRead',
  );

/** A plausible SMTP address: `local@domain.tld`, the local part without leading, trailing or double dots. */
export function isValidAddress(address: string): boolean {
  const m = /^([^\s@;,<>"()]+)@([^\s@;,<>"()]+\.[^\s@;,<>"().]+)$/.exec(address);
  return !!m && !/^\.|\.$|\.\./.test(m[1]!);
}

function recipients(value: unknown, property: string): Address[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unconvertible(value, property);
  return value.map((r: unknown) => {
    const email = (r as { emailAddress?: { address?: unknown; name?: unknown } } | null)?.emailAddress;
    const address = typeof email?.address === 'string' ? email.address.trim() : '';
    if (!isValidAddress(address))
      throw notValid(
        `Recipient '${address}' is not resolved. All recipients must be resolved before a message can be submitted.`,
      );
    return typeof email?.name === 'string' && email.name ? { name: email.name, address } : { address };
  });
}

function body(value: unknown): MailBody {
  if (value === undefined || value === null) return { contentType: 'text', content: '' };
  if (typeof value !== 'object' || Array.isArray(value)) throw unconvertible(value, 'body');
  const { contentType = 'text', content = '' } = value as { contentType?: unknown; content?: unknown };
  const type = typeof contentType === 'string' ? contentType.toLowerCase() : '';
  if (type !== 'text' && type !== 'html') throw unconvertible(contentType, 'contentType');
  if (typeof content !== 'string') throw unconvertible(content, 'content');
  return { contentType: type, content };
}

function subject(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw unconvertible(value, 'subject');
  return value;
}

function importance(value: unknown): OutgoingMail['importance'] {
  if (value === undefined || value === null) return 'normal';
  const v = typeof value === 'string' ? value.toLowerCase() : '';
  if (v !== 'low' && v !== 'normal' && v !== 'high') throw unconvertible(value, 'importance');
  return v;
}

function flag(value: unknown, property: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw unconvertible(value, property);
  return value;
}

/** `saveToSentItems` is a Boolean; Microsoft's own example sends the string "false". Default true. */
function saveToSentItems(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw unconvertible(value, 'SaveToSentItems');
}

function checkHeaders(value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw unconvertible(value, 'internetMessageHeaders');
  for (const h of value as { name?: unknown }[]) {
    const name = typeof h?.name === 'string' ? h.name : '';
    if (!/^x-/i.test(name))
      throw graphErrors.badRequest(
        `The internet message header name '${name}' should start with 'x-' or 'X-'.`,
        'InvalidInternetMessageHeader',
      );
  }
}

/** Only the mailbox owner can be the sender: the sandbox has no shared mailboxes or send-as rights. */
function checkSender(message: Record<string, unknown>, ownAddresses: string[]): void {
  for (const property of ['from', 'sender']) {
    const address = (message[property] as { emailAddress?: { address?: unknown } } | undefined)?.emailAddress
      ?.address;
    if (address === undefined) continue;
    if (typeof address !== 'string' || !ownAddresses.includes(address.toLowerCase()))
      throw new GraphError(
        403,
        'ErrorSendAsDenied',
        'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
      );
  }
}

function attachments(value: unknown): OutgoingMail['attachments'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unconvertible(value, 'attachments');
  return value.map((a: { name?: unknown; contentType?: unknown; isInline?: unknown }) => ({
    name: typeof a?.name === 'string' ? a.name : '',
    ...(typeof a?.contentType === 'string' ? { contentType: a.contentType } : {}),
    isInline: a?.isInline === true,
  }));
}

function messageOf(request: Record<string, unknown>): Record<string, unknown> {
  let message: unknown;
  for (const [key, value] of Object.entries(request)) {
    if (key.startsWith('@odata.')) continue;
    const name = key.toLowerCase();
    if (name === 'message') message = value;
    else if (name !== 'savetosentitems')
      throw graphErrors.badRequest(
        `The parameter '${key}' in the request payload is not a valid parameter for the operation 'sendMail'.`,
        'RequestBodyRead',
      );
  }
  if (message === undefined || message === null) return {};
  if (typeof message !== 'object' || Array.isArray(message)) throw unconvertible(message, 'Message');
  const m = message as Record<string, unknown>;
  for (const k of Object.keys(m))
    if (!k.startsWith('@odata.') && !MESSAGE_PROPERTIES.has(k))
      throw graphErrors.unknownProperty(k, 'message');
  return m;
}

/**
 * Validates a `sendMail` body as the service does: unknown parameters and properties, recipients
 * (none at all, or one that does not resolve → 400 `ErrorInvalidRecipients`), the body type,
 * `X-` internet headers, and send-as (403 `ErrorSendAsDenied`).
 */
export function parseSendMail(request: Record<string, unknown>, ownAddresses: string[]): OutgoingMail {
  const m = messageOf(request);
  const save = saveToSentItems(
    Object.entries(request).find(([k]) => k.toLowerCase() === 'savetosentitems')?.[1],
  );
  const mail: OutgoingMail = {
    subject: subject(m.subject),
    body: body(m.body),
    to: recipients(m.toRecipients, 'toRecipients'),
    cc: recipients(m.ccRecipients, 'ccRecipients'),
    bcc: recipients(m.bccRecipients, 'bccRecipients'),
    replyTo: recipients(m.replyTo, 'replyTo'),
    importance: importance(m.importance),
    categories: Array.isArray(m.categories) ? m.categories.map(String) : [],
    attachments: attachments(m.attachments),
    isReadReceiptRequested: flag(m.isReadReceiptRequested, 'isReadReceiptRequested'),
    isDeliveryReceiptRequested: flag(m.isDeliveryReceiptRequested, 'isDeliveryReceiptRequested'),
    saveToSentItems: save,
  };
  checkHeaders(m.internetMessageHeaders);
  checkSender(m, ownAddresses);
  if (mail.to.length + mail.cc.length + mail.bcc.length === 0)
    throw notValid("A message can't be sent because it contains no recipients.");
  return mail;
}
