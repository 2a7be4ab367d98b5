import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** An error as Graph returns it: `{"error":{"code","message","innerError":{date, request-id, client-request-id}}}`. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendGraphError(res: Response, err: GraphError, clientRequestId?: string): void {
  const requestId = (res.getHeader('request-id') as string | undefined) ?? randomUUID();
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).json({
    error: {
      code: err.code,
      message: err.message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  });
}

export const graphErrors = {
  notFound: (what = 'The specified object was not found in the store.') =>
    new GraphError(404, 'ErrorItemNotFound', what),
  badId: () => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  accessDenied: () =>
    new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
  unauthenticated: (why: string) => new GraphError(401, 'InvalidAuthenticationToken', why),
  badRequest: (message: string, code = 'BadRequest') => new GraphError(400, code, message),
  unknownProperty: (property: string, type: string) =>
    new GraphError(
      400,
      'RequestBodyRead',
      `The property '${property}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    ),
  conflict: () =>
    new GraphError(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    ),
  folderExists: () =>
    new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.'),
  syncStateNotFound: () =>
    new GraphError(
      410,
      'SyncStateNotFound',
      'The sync state generation is not found; the delta token has expired. Start a full resync.',
    ),
  unsupported: (message: string) => new GraphError(400, 'ErrorInvalidRequest', message),
  noRoute: (path: string) =>
    new GraphError(
      400,
      'BadRequest',
      `Resource not found for the segment '${path.split('/').filter(Boolean).pop() ?? ''}'.`,
    ),
};
