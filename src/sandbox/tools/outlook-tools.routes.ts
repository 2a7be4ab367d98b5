import express, { Router } from 'express';
import { z } from 'zod';
import { categoryNamed } from '../graph/categories.routes.js';
import type { SandboxStore } from '../store/sandbox-store.js';

const renameRequest = z.strictObject({
  userPrincipalName: z.string().min(3),
  id: z.string().min(1),
  displayName: z.string().trim().min(1),
});

/**
 * `/_sandbox/outlook/…`: what a user does in Outlook that Graph refuses. `POST /rename-category`
 * renames a master category as Outlook's "Rename" does: same id and color, new name; items keep the
 * category strings they carry (FACTS §5), so Tandem's renamed categories must be restored by name.
 * Answers the category `{id, displayName, color}`; 409 `name_taken` if another category has the name.
 */
export function outlookToolsRouter(store: SandboxStore): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.post('/rename-category', (req, res) => {
    const parsed = renameRequest.safeParse(req.body);
    if (!parsed.success)
      return res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    const { userPrincipalName, id, displayName } = parsed.data;
    const found = store.findUserByUpn(userPrincipalName);
    const mailbox = found && store.mailbox(found.tenant.id, found.user.id);
    if (!mailbox)
      return res.status(404).json({ error: 'unknown_user', message: `No seeded user ${userPrincipalName}.` });
    const category = store.get(mailbox, 'categories', id);
    if (!category) return res.status(404).json({ error: 'unknown_category', message: `No category ${id}.` });
    const other = categoryNamed(store.live(mailbox, 'categories'), displayName);
    if (other && other.id !== id)
      return res
        .status(409)
        .json({ error: 'name_taken', message: `A category named '${displayName}' exists.` });
    const renamed = store.update(mailbox, 'categories', id, { displayName });
    res.json({ id: renamed.id, displayName: renamed.displayName, color: renamed.color });
  });

  return router;
}
