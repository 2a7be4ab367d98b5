import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** An OAuth error as Entra's token endpoint returns it (AADSTS code in the description). */
export class AadstsError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
    readonly suberror?: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

export function sendAadsts(res: Response, err: AadstsError): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  res.status(err.status).json({
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
    ...(err.suberror ? { suberror: err.suberror } : {}),
  });
}

export const aadsts = {
  unknownClient: (clientId: string) =>
    new AadstsError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  badSecret: (clientId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  missingSecret: () =>
    new AadstsError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  unknownTenant: (tenant: string) =>
    new AadstsError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  notProvisioned: (clientId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      7000229,
      `The client application ${clientId} is missing service principal in the tenant.`,
    ),
  consentRequired: (clientId: string, name: string) =>
    new AadstsError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
      'consent_required',
    ),
  badAssertion: (why: string) =>
    new AadstsError(
      400,
      'invalid_grant',
      50013,
      `Assertion failed signature validation or is invalid. ${why}`,
    ),
  badGrant: (why: string) =>
    new AadstsError(
      400,
      'invalid_grant',
      70000,
      `The provided value for the input parameter is not valid. ${why}`,
    ),
  expiredCode: () =>
    new AadstsError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed or expired.',
    ),
  pkce: () =>
    new AadstsError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  badScope: (scope: string) =>
    new AadstsError(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  unsupportedGrant: (grant: string) =>
    new AadstsError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    ),
  badRedirect: (uri: string, clientId: string) =>
    new AadstsError(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    ),
};
