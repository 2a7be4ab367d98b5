import { Router } from 'express';
import { linksIn } from '../graph/mail-body.js';
import { clearMail, mailFor } from '../graph/mail-log.js';
import { findMailUser } from '../graph/mail-delivery.js';
import type { SandboxStore } from '../store/sandbox-store.js';

/**
 * `/_sandbox/mail`: the mail sent through Graph `sendMail`, so that tests and people can read an
 * invitation and follow its links. `GET ?address=` → the mails addressed to that address (To, Cc
 * or Bcc; sandbox users and external addresses alike), newest first; without `address`, all of
 * them. `DELETE` forgets them. The log keeps the latest 1,000 mails; a reset clears it.
 */
export function mailToolsRouter(store: SandboxStore): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const address = typeof req.query.address === 'string' ? req.query.address.trim() : undefined;
    if (req.query.address !== undefined && !address)
      return res.status(400).json({ error: 'invalid_request', message: 'address must be an email address.' });
    const messages = mailFor(store, address).map((m) => ({
      id: m.id,
      internetMessageId: m.internetMessageId,
      sentDateTime: m.sentDateTime,
      from: m.from,
      to: m.to,
      cc: m.cc,
      bcc: m.bcc,
      replyTo: m.replyTo,
      subject: m.subject,
      body: m.body,
      links: linksIn(m.body),
      attachments: m.attachments,
    }));
    res.json({
      address: address ?? null,
      /** Whether the address is a sandbox user (who also finds the mail in their Inbox through Graph). */
      mailbox: address ? !!findMailUser(store, address) : null,
      messages,
    });
  });

  router.delete('/', (_req, res) => {
    clearMail(store);
    store.flush();
    res.status(204).end();
  });

  return router;
}
