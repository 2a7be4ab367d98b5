import type { GraphRoute } from './graph-route.js';
import { todoChildRoutes } from './todo-children.routes.js';
import { todoListRoutes } from './todo-lists.routes.js';
import { todoTaskRoutes } from './todo-tasks.routes.js';

/** Microsoft To Do (FACTS §4): lists, tasks, and the tasks' linkedResources and checklistItems. */
export const todoRoutes: GraphRoute[] = [...todoListRoutes, ...todoTaskRoutes, ...todoChildRoutes];
