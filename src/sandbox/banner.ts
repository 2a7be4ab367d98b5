import type { RunningSandbox } from './sandbox.js';

/** What a person needs to use the sandbox: its URL, the CA to trust, the seeded users, one curl. */
export function sandboxBanner(sandbox: RunningSandbox): string {
  const lines = [
    '',
    `Microsoft 365 sandbox: ${sandbox.url}`,
    `  CA certificate:      ${sandbox.caPath}   (curl --cacert, or NODE_EXTRA_CA_CERTS for other tools)`,
    `  Graph:               ${sandbox.url}/v1.0`,
    `  Sign-in authority:   ${sandbox.url}/<tenant id>`,
  ];
  for (const tenant of Object.values(sandbox.store.state.tenants)) {
    lines.push(`  ${tenant.displayName} (tenant ${tenant.id}):`);
    for (const u of Object.values(tenant.users)) {
      lines.push(
        `    ${u.userPrincipalName.padEnd(40)} ${u.displayName}${u.isAdministrator ? ' (administrator)' : ''}`,
      );
    }
  }
  const someone = Object.values(Object.values(sandbox.store.state.tenants)[0]?.users ?? {})[0];
  if (someone) {
    lines.push(
      '  A Graph token for a user, then their contacts:',
      `    TOKEN=$(curl -s --cacert ${sandbox.caPath} -H 'content-type: application/json' \\`,
      `      -d '{"userPrincipalName":"${someone.userPrincipalName}","audience":"graph"}' ${sandbox.url}/_sandbox/tokens | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
      `    curl -s --cacert ${sandbox.caPath} -H "Authorization: Bearer $TOKEN" '${sandbox.url}/v1.0/me/contacts?$select=displayName,emailAddresses&$top=5'`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}
