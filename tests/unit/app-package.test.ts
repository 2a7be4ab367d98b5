import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv, promisify } from 'node:util';
import JSZip from 'jszip';
import { settings as configSettings, type SettingDoc } from '../../src/config/config.schema.js';
import { tabsConfig } from '../../src/app/tabs.routes.js';
import { parseConfig } from '../../src/config/load-config.js';
import {
  iconProblems,
  placeholdersIn,
  preparePackage,
  zipPackage,
  type PackageFile,
} from '../../scripts/lib/app-package.js';
import { ACCENT, renderColorIcon, renderOutlineIcon } from '../../scripts/lib/icons.js';
import { decodePng, encodePng } from '../../scripts/lib/png.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const APP_PACKAGE = path.join(ROOT, 'appPackage');
const read = (p: string): string => readFileSync(path.join(ROOT, p), 'utf8');

/** What `teamsapp provision --env dev` would have written to env/.env.dev. */
const VARS = {
  TEAMS_APP_ID: '3f2a9c1e-7b4d-4e8a-9c21-5d6e7f8a9b0c',
  BOT_ID: '8d1c2b3a-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
  AAD_APP_CLIENT_ID: '6b0e4f2d-1c3a-4b5e-8f7a-9d0c1b2e3f4a',
  TAB_DOMAIN: 'tandem-dev-web-q7x2k4mz9p3ab.azurewebsites.net',
  APP_NAME_SUFFIX: '-dev',
};

const COMMANDS = ['help', 'status', 'enable <module>', 'disable <module>', 'sync now', 'errors'];
const TABS = ['Sync', 'Team', 'Join', 'Import'];
const LANGUAGES = ['fr', 'es', 'de'];

async function built(vars: Record<string, string | undefined> = VARS, dir = APP_PACKAGE) {
  const result = await preparePackage(dir, vars, 'dev');
  const file = (name: string): PackageFile | undefined => result.files.find((f) => f.name === name);
  const json = (name: string): any => JSON.parse(file(name)!.data.toString('utf8'));
  return { ...result, file, json };
}

describe('Teams app package (appPackage/)', () => {
  it('validates offline against the bundled manifest schema once placeholders are filled, none left over', async () => {
    const pkg = await built();
    assert.deepEqual(pkg.problems, []);
    const manifest = pkg.json('manifest.json');
    assert.notEqual(
      manifest.manifestVersion,
      '1.18',
      'v1.18 is not bundled: validating it needs the network',
    );
    assert.ok(Number(manifest.manifestVersion.split('.')[1]) >= 19, 'a current schema (1.19 or newer)');
    assert.equal(manifest.id, VARS.TEAMS_APP_ID);
    assert.equal(manifest.name.short, 'Tandem-dev');
    for (const f of pkg.files.filter((x) => x.name.endsWith('.json'))) {
      assert.doesNotMatch(f.data.toString('utf8'), /\$\{\{/, `${f.name} still has a placeholder`);
    }
  });

  it('reports schema errors instead of building a package Teams would reject', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-apppkg-'));
    try {
      cpSync(APP_PACKAGE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      delete manifest.developer.privacyUrl;
      manifest.staticTabs[0].entityId = 'x'.repeat(65);
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
      const pkg = await built(VARS, dir);
      assert.deepEqual(pkg.files, []);
      assert.ok(
        pkg.problems.some((p) => p.includes('privacyUrl')),
        pkg.problems.join('\n'),
      );
      assert.ok(
        pkg.problems.some((p) => p.includes('/staticTabs/0/entityId')),
        pkg.problems.join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every placeholder that has no value and builds nothing', async () => {
    const pkg = await built({ APP_NAME_SUFFIX: '' });
    assert.deepEqual(pkg.files, []);
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'TAB_DOMAIN']) {
      assert.ok(
        pkg.problems.some((p) => p.includes(`\${{${name}}} has no value`) && p.includes('env/.env.dev')),
        `${name} not reported in:\n${pkg.problems.join('\n')}`,
      );
    }
    assert.ok(!pkg.problems.some((p) => p.includes('APP_NAME_SUFFIX')), 'an empty name suffix is allowed');
    const noSuffix = await built({ ...VARS, APP_NAME_SUFFIX: undefined });
    assert.ok(noSuffix.problems.some((p) => p.includes('${{APP_NAME_SUFFIX}} has no value')));
  });

  it('has a personal bot listing help, status, enable, disable, sync now and errors, each described', async () => {
    const { bots } = (await built()).json('manifest.json');
    assert.equal(bots.length, 1);
    assert.equal(bots[0].botId, VARS.BOT_ID);
    assert.deepEqual(bots[0].scopes, ['personal']);
    const list = bots[0].commandLists.find((l: any) => l.scopes.includes('personal'));
    assert.deepEqual(
      list.commands.map((c: any) => c.title),
      COMMANDS,
    );
    for (const c of list.commands) assert.ok(c.description.length >= 10, `"${c.title}" needs a description`);
  });

  it('has the personal tabs Sync, Team, Join and Import served by Tandem on the tab domain', async () => {
    const { staticTabs } = (await built()).json('manifest.json');
    assert.deepEqual(
      staticTabs.map((t: any) => t.name),
      TABS,
    );
    for (const tab of staticTabs) {
      const url = `https://${VARS.TAB_DOMAIN}/tabs/${tab.name.toLowerCase()}`;
      assert.equal(tab.contentUrl, url);
      assert.equal(tab.websiteUrl, url, 'the same page opens in a plain browser');
      assert.deepEqual(tab.scopes, ['personal']);
    }
    assert.equal(new Set(staticTabs.map((t: any) => t.entityId)).size, TABS.length, 'entityIds are unique');
  });

  it('declares SSO on api://<tab domain>/<client id>, the AUTH_APP_ID_URI Tandem accepts, and lists the tab domain', async () => {
    const manifest = (await built()).json('manifest.json');
    const { id, resource } = manifest.webApplicationInfo;
    assert.equal(id, VARS.AAD_APP_CLIENT_ID);
    assert.equal(resource, `api://${VARS.TAB_DOMAIN}/${VARS.AAD_APP_CLIENT_ID}`);
    assert.ok(manifest.validDomains.includes(VARS.TAB_DOMAIN));
    const config = parseConfig({ AUTH_CLIENT_ID: id, AUTH_APP_ID_URI: resource });
    assert.equal(config.auth.appIdUri, resource);
  });

  it('ships French, Spanish and German files translating the name, every tab and every command description', async () => {
    const pkg = await built();
    const manifest = pkg.json('manifest.json');
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'en');
    assert.deepEqual(
      manifest.localizationInfo.additionalLanguages.map((l: any) => l.languageTag),
      LANGUAGES,
    );
    for (const { file } of manifest.localizationInfo.additionalLanguages) {
      const strings = pkg.json(file);
      assert.equal(strings['name.short'], 'Tandem-dev', `${file}: the name stays Tandem`);
      const english: Record<string, string> = {
        'name.full': manifest.name.full,
        'description.short': manifest.description.short,
        'description.full': manifest.description.full,
      };
      for (const [key, text] of Object.entries(english)) {
        assert.ok(strings[key] && strings[key] !== text, `${file}: ${key} is translated`);
      }
      TABS.forEach((_, i) => assert.ok(strings[`staticTabs[${i}].name`], `${file}: tab ${i}`));
      COMMANDS.forEach((_, i) =>
        assert.ok(strings[`bots[0].commandLists[0].commands[${i}].description`], `${file}: command ${i}`),
      );
    }
  });

  it('zips exactly manifest.json, the two icons and the language files', async () => {
    const pkg = await built();
    const zip = await JSZip.loadAsync(await zipPackage(pkg.files));
    const names = Object.keys(zip.files).sort();
    assert.deepEqual(names, ['color.png', 'de.json', 'es.json', 'fr.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    assert.equal(manifest.webApplicationInfo.id, VARS.AAD_APP_CLIENT_ID);
    const color = await zip.file('color.png')!.async('nodebuffer');
    assert.ok(color.equals(readFileSync(path.join(APP_PACKAGE, 'color.png'))));
  });
});

describe('Teams app icons', () => {
  const manifest = JSON.parse(read('appPackage/manifest.json'));

  it('color.png is a 192×192 opaque full-colour PNG on the accent colour', () => {
    const png = decodePng(readFileSync(path.join(APP_PACKAGE, manifest.icons.color)));
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    assert.ok([2, 6].includes(png.colorType), 'truecolour');
    const colours = new Set<string>();
    for (let i = 0; i < png.rgba.length; i += 4) {
      assert.equal(png.rgba[i + 3], 255, 'no transparent pixel');
      colours.add(Buffer.from(png.rgba.subarray(i, i + 3)).toString('hex'));
    }
    const corner = `#${Buffer.from(png.rgba.subarray(0, 3)).toString('hex')}`;
    assert.equal(corner.toUpperCase(), manifest.accentColor.toUpperCase(), 'background is the accent colour');
    assert.ok(colours.has('ffffff') && colours.size > 2, 'a drawn mark, not a flat square');
  });

  it('outline.png is a 32×32 PNG, every pixel white or fully transparent', () => {
    const png = decodePng(readFileSync(path.join(APP_PACKAGE, manifest.icons.outline)));
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    assert.equal(png.colorType, 6, 'has an alpha channel');
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
        if (a === 255) opaque++;
      }
    }
    assert.ok(opaque > 50 && transparent > 300, 'a visible white mark on a transparent background');
  });

  it('match what scripts/make-icons.ts draws', () => {
    assert.equal(manifest.accentColor, ACCENT);
    const color = decodePng(readFileSync(path.join(APP_PACKAGE, 'color.png')));
    const outline = decodePng(readFileSync(path.join(APP_PACKAGE, 'outline.png')));
    assert.ok(Buffer.from(color.rgba).equals(Buffer.from(renderColorIcon().rgba)), 'rerun make-icons.ts');
    assert.ok(Buffer.from(outline.rgba).equals(Buffer.from(renderOutlineIcon().rgba)), 'rerun make-icons.ts');
  });

  it('rejects a wrong size and a coloured outline pixel', () => {
    const rgba = new Uint8Array(32 * 32 * 4).fill(255);
    rgba.set([0, 0, 255, 255], 4 * 40);
    const problems = iconProblems('outline.png', encodePng({ width: 32, height: 32, rgba }), {
      size: 32,
      whiteOnTransparent: true,
    });
    assert.deepEqual(problems, ['outline.png pixel (8, 1) is neither white nor transparent']);
    const big = iconProblems('color.png', encodePng(renderOutlineIcon()), {
      size: 192,
      whiteOnTransparent: false,
    });
    assert.deepEqual(big, ['color.png is 32×32; Teams requires 192×192']);
  });
});

describe('npm run package', () => {
  const run = promisify(execFile);
  const script = path.join(ROOT, 'scripts', 'package-app.ts');
  const env = { PATH: process.env.PATH, TANDEM_ENV: 'unit-test' };

  it('writes appPackage/build/appPackage.<env>.zip from the environment', async () => {
    const target = path.join(APP_PACKAGE, 'build', 'appPackage.unit-test.zip');
    rmSync(target, { force: true });
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
        cwd: ROOT,
        env: { ...env, ...VARS },
      });
      assert.match(stdout, /appPackage\.unit-test\.zip/);
      const zip = await JSZip.loadAsync(readFileSync(target));
      assert.ok(zip.file('manifest.json') && zip.file('color.png') && zip.file('outline.png'));
    } finally {
      rmSync(target, { force: true });
    }
  });

  it('exits 1 naming each placeholder without a value', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...env, TAB_DOMAIN: VARS.TAB_DOMAIN },
    }).then(
      () => assert.fail('expected exit code 1'),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(failure.code, 1);
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'APP_NAME_SUFFIX']) {
      assert.match(failure.stderr, new RegExp(`\\$\\{\\{${name}\\}\\} has no value`));
    }
    assert.doesNotMatch(failure.stderr, /TAB_DOMAIN/);
    assert.ok(!existsSync(path.join(APP_PACKAGE, 'build', 'appPackage.unit-test.zip')));
  });
});

describe('Entra app (aad.manifest.json)', () => {
  const aad = JSON.parse(read('aad.manifest.json'));
  const teams = JSON.parse(read('appPackage/manifest.json'));
  const scopeId = '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}';

  it('exposes access_as_user on the App ID URI the Teams manifest asks tokens for, as v2 tokens', () => {
    assert.deepEqual(aad.identifierUris, [teams.webApplicationInfo.resource]);
    assert.equal(aad.appId, teams.webApplicationInfo.id);
    assert.equal(aad.api.requestedAccessTokenVersion, 2);
    const [scope] = aad.api.oauth2PermissionScopes;
    assert.equal(scope.value, 'access_as_user');
    assert.equal(scope.id, scopeId);
    assert.equal(scope.isEnabled, true);
  });

  it('registers the browser sign-in redirect the tabs use outside Teams (SPA, PKCE)', () => {
    const config = parseConfig({
      AUTH_CLIENT_ID: VARS.AAD_APP_CLIENT_ID,
      AUTH_APP_ID_URI: 'api://x/' + VARS.AAD_APP_CLIENT_ID,
    });
    const redirectPath = tabsConfig(config)!.redirectPath;
    assert.deepEqual(aad.spa.redirectUris, [`https://\${{TAB_DOMAIN}}${redirectPath}`]);
    assert.equal(aad.web, undefined, 'no confidential-client redirect: OBO needs none');
  });

  it('pre-authorises the Teams clients (desktop/mobile and web) and the Microsoft 365/Outlook hosts', () => {
    const pre = new Map<string, string[]>(
      aad.api.preAuthorizedApplications.map((a: any) => [a.appId, a.delegatedPermissionIds]),
    );
    for (const client of [
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop, mobile
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
      '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
      '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
      'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
      'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
      '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
    ]) {
      assert.deepEqual(pre.get(client), [scopeId], client);
    }
  });

  it('requests exactly the Microsoft Graph delegated permissions Tandem uses', () => {
    // Ids from Microsoft Graph's published permission list (delegated).
    const expected = {
      'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
      'User.ReadBasic.All': 'b340eb25-3456-403f-be2f-af7a0d370277',
      'Contacts.ReadWrite': 'd56682ec-c09e-4743-aaf4-1a3aac4caa21',
      'Calendars.ReadWrite': '1ec239c2-d7c9-4623-a91a-a9775856bb36',
      'Tasks.ReadWrite': '2219042f-cab5-40cc-b0d2-16b1540b4c5f',
      'Mail.Send': 'e383f46e-2787-4529-855e-0e479a3ffac0',
      'MailboxSettings.ReadWrite': '818c620a-27a9-40bd-a6a5-d96f7d610b4b',
      'TeamsAppInstallation.ReadWriteForUser': '093f8818-d05f-49b8-95bc-9d2a73e9a43c',
      offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
    };
    const [graph, ...others] = aad.requiredResourceAccess;
    assert.equal(others.length, 0);
    assert.equal(graph.resourceAppId, '00000003-0000-0000-c000-000000000000');
    assert.deepEqual(graph.resourceAccess.map((r: any) => r.id).sort(), Object.values(expected).sort());
    assert.ok(
      graph.resourceAccess.every((r: any) => r.type === 'Scope'),
      'delegated only, no app roles',
    );
  });
});

describe('Teams Toolkit project', () => {
  const envKeys = (name: string): Set<string> => new Set(Object.keys(parseEnv(read(`env/.env.${name}`))));
  const BUILT_IN = new Set(['TEAMSFX_ENV']);

  for (const [yml, env] of [
    ['teamsapp.local.yml', 'local'],
    ['teamsapp.yml', 'dev'],
  ] as const) {
    it(`${yml}: every placeholder it and its files use is declared in env/.env.${env} or is a SECRET_`, () => {
      const keys = envKeys(env);
      const files = [
        yml,
        'aad.manifest.json',
        'appPackage/manifest.json',
        ...LANGUAGES.map((l) => `appPackage/${l}.json`),
      ];
      if (env === 'dev') files.push('infra/azure.parameters.json');
      for (const f of files) {
        for (const name of placeholdersIn(read(f))) {
          assert.ok(keys.has(name) || BUILT_IN.has(name) || name.startsWith('SECRET_'), `${f}: ${name}`);
        }
      }
    });
  }

  it('uses schema v1.7 with the Entra, bot, Teams app and Azure actions', () => {
    const local = read('teamsapp.local.yml');
    const dev = read('teamsapp.yml');
    for (const text of [local, dev]) {
      assert.match(text, /^version: v1\.7$/m);
      assert.match(text, /teams-toolkit\/v1\.7\/yaml\.schema\.json/);
      for (const action of [
        'aadApp/create',
        'aadApp/update',
        'teamsApp/create',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/update',
      ]) {
        assert.match(text, new RegExp(`uses: ${action}$`, 'm'), action);
      }
      assert.match(text, /manifestPath: \.\/aad\.manifest\.json/);
    }
    assert.match(local, /uses: botAadApp\/create/);
    assert.match(local, /uses: botFramework\/create/);
    assert.match(dev, /uses: arm\/deploy[\s\S]*path: \.\/infra\/azure\.bicep/);
    assert.match(dev, /uses: azureAppService\/zipDeploy/);
  });

  it('keeps secrets out of committed env files', () => {
    assert.match(read('.gitignore'), /^env\/\.env\.\*\.user$/m);
    for (const env of ['local', 'dev']) {
      for (const key of envKeys(env)) assert.ok(!key.startsWith('SECRET_'), `env/.env.${env}: ${key}`);
    }
  });
});

describe('Azure infrastructure (infra/)', () => {
  const bicep = read('infra/azure.bicep');
  const settings = [...bicep.matchAll(/\{ name: '([A-Z0-9_]+)', value: (.+) \}$/gm)].map((m) => ({
    name: m[1]!,
    value: m[2]!,
  }));

  it('sets secrets only as Key Vault references, never as plain app settings', () => {
    assert.ok(settings.length >= 8, 'app settings found');
    const docs = Object.entries(configSettings).map(([name, s]) => ({ name, ...(s.doc as SettingDoc) }));
    const secretNames = new Set(docs.filter((d) => d.secret).map((d) => d.name));
    const secretish = /SECRET|PASSWORD|CONNECTION|TOKEN|_KEYS?$/;
    for (const { name, value } of settings) {
      if (secretNames.has(name) || secretish.test(name)) {
        assert.match(value, /^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.secretUri\}\)'$/, name);
      } else {
        assert.doesNotMatch(value, /postgres:\/\/|Password|secret/i, `${name} looks like a secret`);
      }
    }
    assert.match(bicep, /keyVaultReferenceIdentity: identity\.id/);
    assert.match(bicep, /enableRbacAuthorization: true/);
  });

  it('sets every setting Tandem requires in production', () => {
    const set = new Set(settings.map((s) => s.name));
    const bot = settings.find((s) => s.name === 'BOT_TYPE')!.value;
    for (const [name, s] of Object.entries(configSettings)) {
      const doc = s.doc as SettingDoc;
      if (!doc.requiredInProduction) continue;
      assert.ok(set.has(name), `${name} is required in production`);
    }
    // The bot runs as the managed identity: no password to store anywhere.
    assert.equal(bot, "'UserAssignedMSI'");
    assert.ok(!set.has('BOT_PASSWORD'));
  });

  it('keeps PostgreSQL off the public internet and pins a supported Node LTS', () => {
    assert.doesNotMatch(bicep, /firewallRules/);
    assert.doesNotMatch(bicep, /255\.255\.255\.255/);
    assert.match(bicep, /publicNetworkAccess: 'Disabled'/);
    assert.match(bicep, /delegatedSubnetResourceId/);
    const node = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(bicep);
    assert.ok(node && Number(node[1]) >= 22, 'Node 20 reached end of life in April 2026');
    assert.match(bicep, /channelName: 'MsTeamsChannel'/);
  });

  it('takes secrets only as @secure() parameters fed from SECRET_ variables', () => {
    const secure = [...bicep.matchAll(/@secure\(\)\n(?:@.*\n)*param (\w+) string(.*)$/gm)];
    assert.deepEqual(
      secure.map((m) => m[1]),
      ['aadAppClientSecret', 'postgresAdminPassword', 'tokenCacheKeys'],
    );
    for (const m of secure) assert.equal(m[2], '', `${m[1]} has no default`);
    const params = JSON.parse(read('infra/azure.parameters.json')).parameters;
    for (const m of secure) assert.match(params[m[1]!].value, /^\$\{\{SECRET_[A-Z_]+\}\}$/);
  });
});
