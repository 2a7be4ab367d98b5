import { calendarRoutes } from './calendars.routes.js';
import { categoryRoutes } from './categories.routes.js';
import { contactRoutes } from './contacts.routes.js';
import { eventRoutes } from './events.routes.js';
import type { GraphRoute } from './graph-route.js';
import { installedAppRoutes } from './installed-apps.routes.js';
import { mailRoutes } from './mail.routes.js';
import { todoRoutes } from './todo.routes.js';
import { userRoutes } from './users.routes.js';

/** Every Graph v1.0 operation the sandbox serves, but `/subscriptions` (built around its service in sandbox.ts). */
export const graphRoutes: GraphRoute[] = [
  ...userRoutes,
  ...contactRoutes,
  ...calendarRoutes,
  ...eventRoutes,
  ...mailRoutes,
  ...installedAppRoutes,
  ...todoRoutes,
  ...categoryRoutes,
];
