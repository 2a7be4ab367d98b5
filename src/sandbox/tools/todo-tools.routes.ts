import express, { Router } from 'express';
import { z } from 'zod';
import { taskCopy } from '../graph/todo-shapes.js';
import type { SandboxStore } from '../store/sandbox-store.js';

const moveRequest = z.strictObject({
  userPrincipalName: z.string().min(3),
  taskId: z.string().min(1),
  toListId: z.string().min(1),
});

/**
 * `/_sandbox/todo/…`: what a user does in the To Do app that Graph cannot do. `POST /move` moves a
 * task to another list as the app does: the task is deleted from its list (a tombstone for that
 * list's delta) and recreated, with a new id, in the other list (FACTS §0.11: todoTask ids change
 * when a task moves between lists). Answers `{taskId, previousTaskId, listId}`.
 */
export function todoToolsRouter(store: SandboxStore): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.post('/move', (req, res) => {
    const parsed = moveRequest.safeParse(req.body);
    if (!parsed.success)
      return res.status(400).json({ error: 'invalid_request', issues: parsed.error.issues });
    const { userPrincipalName, taskId, toListId } = parsed.data;
    const found = store.findUserByUpn(userPrincipalName);
    const mailbox = found && store.mailbox(found.tenant.id, found.user.id);
    if (!mailbox)
      return res.status(404).json({ error: 'unknown_user', message: `No seeded user ${userPrincipalName}.` });
    const task = store.get(mailbox, 'todoTasks', taskId);
    if (!task) return res.status(404).json({ error: 'unknown_task', message: `No task ${taskId}.` });
    if (!store.get(mailbox, 'todoLists', toListId))
      return res.status(404).json({ error: 'unknown_list', message: `No To Do list ${toListId}.` });
    if (task._parent === toListId)
      return res.status(400).json({ error: 'invalid_request', message: 'The task is already in that list.' });
    const moved = store.create(mailbox, 'todoTasks', taskCopy(task, false), toListId);
    store.remove(mailbox, 'todoTasks', task.id);
    res.json({ taskId: moved.id, previousTaskId: task.id, listId: toListId });
  });

  return router;
}
