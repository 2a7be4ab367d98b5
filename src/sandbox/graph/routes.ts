import { contactRoutes } from './contacts.routes.js';
import type { GraphRoute } from './graph-route.js';
import { userRoutes } from './users.routes.js';

/** Every Graph v1.0 operation the sandbox serves. */
export const graphRoutes: GraphRoute[] = [...userRoutes, ...contactRoutes];
