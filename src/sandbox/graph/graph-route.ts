import type { DirectoryUser, Mailbox, TenantState } from '../store/model.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import type { GraphPrincipal } from './graph-auth.js';
import type { ODataQuery } from './odata.js';

export interface Prefer {
  maxPageSize?: number;
  timeZone?: string;
  immutableId: boolean;
}

export interface GraphContext {
  /** Request headers, lower-case names. */
  headers: Record<string, string | undefined>;
  /** The query string as sent (for links that keep it). */
  rawQuery: Record<string, string>;
  store: SandboxStore;
  principal: GraphPrincipal;
  tenant: TenantState;
  params: Record<string, string>;
  /** The mailbox owner when the path names a user (`/me` or `/users/{id|upn}`). */
  user?: DirectoryUser;
  mailbox?: Mailbox;
  query: ODataQuery;
  body: Record<string, unknown> | undefined;
  /** `https://localhost:<port>`: every link the sandbox emits is absolute https. */
  baseUrl: string;
  /** The request path after /v1.0 as the client wrote it (for links). */
  path: string;
  prefer: Prefer;
}

export interface GraphResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GraphRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. `/users/{user}/contactFolders/{folder}/contacts/delta`; `/me/…` requests are matched as `/users/{user}/…`. */
  pattern: string;
  /** Permissions of which one is needed (delegated scopes, application roles). */
  permission?: { delegated: string[]; application: string[] };
  handler: (ctx: GraphContext) => GraphResult | Promise<GraphResult>;
}

/** A route on a user's mailbox: `/users/{user}<pattern>`, which `/me<pattern>` reaches too. */
export function mailboxRoute(
  method: GraphRoute['method'],
  pattern: string,
  permission: GraphRoute['permission'],
  handler: GraphRoute['handler'],
): GraphRoute {
  return { method, pattern: `/users/{user}${pattern}`, permission, handler };
}

/** Graph's function spellings: `delta`, `delta()`, `microsoft.graph.delta`, `microsoft.graph.delta()`. */
export function normaliseSegment(segment: string): string {
  return decodeURIComponent(segment)
    .replace(/^microsoft\.graph\./i, '')
    .replace(/\(\)$/, '');
}

export interface MatchedRoute {
  route: GraphRoute;
  params: Record<string, string>;
}

/** Routes with more literal segments win (so `contacts/delta` is not a contact id). */
export class GraphRouteTable {
  private readonly routes: { route: GraphRoute; segments: string[]; literals: number }[] = [];

  add(...routes: GraphRoute[]): void {
    for (const route of routes) {
      const segments = route.pattern.split('/').filter(Boolean);
      this.routes.push({ route, segments, literals: segments.filter((s) => !s.startsWith('{')).length });
    }
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  /** Matches a normalised path; `methods` lists the methods of the path when only the method differs. */
  match(method: string, path: string): { matched?: MatchedRoute; methods: string[] } {
    const parts = path.split('/').filter(Boolean).map(normaliseSegment);
    const methods: string[] = [];
    for (const { route, segments } of this.routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = segments.every((s, i) => {
        if (s.startsWith('{')) {
          params[s.slice(1, -1)] = parts[i]!;
          return true;
        }
        return s.toLowerCase() === parts[i]!.toLowerCase();
      });
      if (!ok) continue;
      if (route.method === method) return { matched: { route, params }, methods };
      methods.push(route.method);
    }
    return { methods };
  }
}
