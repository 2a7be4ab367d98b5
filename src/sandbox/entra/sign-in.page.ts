import type { AppRegistration, TenantState } from '../store/model.js';
import type { AuthorizeParams } from './authority.routes.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What signing in grants, when Graph permissions are asked for (the consent screen, folded into sign-in). */
function consentNote(scope: string): string {
  const graph = scope
    .split(' ')
    .filter((s) => s.startsWith('https://graph.microsoft.com/') && !s.endsWith('/.default'))
    .map((s) => s.slice('https://graph.microsoft.com/'.length));
  if (!graph.length) return '';
  return `<p>Signing in also accepts that this app uses your data: <strong>${graph.map(escape).join(', ')}</strong>.</p>`;
}

/** The sandbox's sign-in page: pick one of the seeded users (no passwords in a local emulator). */
export function renderSignInPage(input: {
  action: string;
  params: AuthorizeParams;
  tenants: TenantState[];
  app: AppRegistration;
}): string {
  const hidden = Object.entries(input.params)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v as string)}">`)
    .join('');
  const users = input.tenants
    .map(
      (t) =>
        `<h2>${escape(t.displayName)} <small>${escape(t.domain)}</small></h2><ul>${Object.values(t.users)
          .filter((u) => u.accountEnabled)
          .map(
            (u) =>
              `<li><button type="submit" name="login" value="${escape(u.userPrincipalName)}"${
                input.params.login_hint?.toLowerCase() === u.userPrincipalName.toLowerCase()
                  ? ' autofocus'
                  : ''
              }><strong>${escape(u.displayName)}</strong><br><span>${escape(u.userPrincipalName)}</span>${
                u.isAdministrator ? ' <em>(administrator)</em>' : ''
              }</button></li>`,
          )
          .join('')}</ul>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in — Microsoft 365 sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
ul{list-style:none;padding:0}li{margin:.4rem 0}button{width:100%;text-align:left;padding:.6rem .8rem;border:1px solid #8a8886;
border-radius:4px;background:#fff;cursor:pointer;font:inherit}button:hover,button:focus{border-color:#0f6cbd;outline:2px solid #0f6cbd}
span{color:#616161;font-size:.9em}small{color:#616161;font-weight:normal}</style></head>
<body><main><h1>Sign in</h1><p>to continue to <strong>${escape(input.app.displayName)}</strong> (Microsoft 365 sandbox: choose a seeded user)</p>
${consentNote(input.params.scope)}<form method="post" action="${escape(input.action)}">${hidden}${users}</form></main></body></html>`;
}
