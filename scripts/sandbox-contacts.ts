import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, PageIterator } from '@microsoft/microsoft-graph-client';
import { trustExtraCa } from '../src/platform/http/trust.js';

/**
 * Lists a sandbox user's Outlook contacts with Microsoft's own Graph client, as Tandem does.
 *   npx tsx scripts/sandbox-contacts.ts olivia.bennett@contoso.example [https://localhost:3979]
 * Needs `npm start` (or `npm run sandbox`) running; trusts the sandbox CA from .data/sandbox/tls/ca.pem.
 */
const [upn, base = 'https://localhost:3979'] = process.argv.slice(2);
if (!upn) {
  process.stderr.write('usage: npx tsx scripts/sandbox-contacts.ts <userPrincipalName> [sandbox URL]\n');
  process.exit(2);
}
trustExtraCa(readFileSync(path.resolve('.data/sandbox/tls/ca.pem'), 'utf8'));
const res = await fetch(`${base}/_sandbox/tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ userPrincipalName: upn, audience: 'graph' }),
});
if (!res.ok) throw new Error(`token tool: ${res.status} ${await res.text()}`);
const { access_token: token } = (await res.json()) as { access_token: string };

const client = Client.init({
  authProvider: (done) => done(null, token),
  baseUrl: `${base}/`,
  customHosts: new Set([new URL(base).hostname]),
});
const first = await client.api('/me/contacts').select('displayName,companyName,emailAddresses').top(10).get();
let n = 0;
await new PageIterator(
  client,
  first,
  (c: { displayName: string; companyName?: string; emailAddresses?: { address: string }[] }) => {
    n++;
    process.stdout.write(
      `${c.displayName.padEnd(32)} ${(c.companyName ?? '').padEnd(28)} ${c.emailAddresses?.[0]?.address ?? ''}\n`,
    );
    return true;
  },
).iterate();
process.stdout.write(`${n} contacts\n`);
