import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import JSZip from 'jszip';
import { readEnvFiles } from '../../src/config/load-config.js';
import { decodePng } from './png.js';

/**
 * Builds the Teams app package the way Teams Toolkit's `teamsApp/zipAppPackage` does, but offline:
 * `${{NAME}}` placeholders in manifest.json and the language files are filled from
 * `env/.env.<env>` + `env/.env.<env>.user` + the process environment, then the result is checked
 * against the manifest schema bundled with @microsoft/app-manifest (never fetched) and against the
 * rules an admin uploading the app would otherwise discover in Teams.
 */

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders that may legitimately be empty (a production environment has no name suffix). */
export const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);

export interface PackageFile {
  name: string;
  data: Buffer;
}

export interface PreparedPackage {
  /** Files of the package, in zip order; empty when there are problems. */
  files: PackageFile[];
  /** Everything that stops the package from being built, one line each. */
  problems: string[];
}

/** Names of the placeholders used in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Replaces `${{NAME}}` by its value, escaped for a JSON string. Returns the names that have no
 * value (unset, or empty unless listed in {@link MAY_BE_EMPTY}); their placeholders are left as-is.
 */
export function substitutePlaceholders(
  text: string,
  vars: Readonly<Record<string, string | undefined>>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { text: out, missing: [...missing] };
}

/**
 * The variables Teams Toolkit would see for an environment: `env/.env.<name>`, then its `.user`
 * file, then the process environment (which wins). TEAMSFX_ENV defaults to the environment name.
 */
export function loadPackageVariables(
  root: string,
  envName: string,
  processEnv: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const vars: Record<string, string> = { TEAMSFX_ENV: envName, ...readEnvFiles(root, envName) };
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) vars[k] = v;
  return vars;
}

const require = createRequire(import.meta.url);
const schemaRoot = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest')),
  'json-schemas',
  'teams',
);

/** The standard `$schema` URL of a Teams manifest or language file for a manifest version. */
export function schemaUrl(kind: 'manifest' | 'localization', manifestVersion: string): string {
  const file = kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/${file}`;
}

/** Loads a schema bundled with @microsoft/app-manifest, or undefined if that version is not bundled. */
function bundledSchema(kind: 'manifest' | 'localization', manifestVersion: string): object | undefined {
  const file = path.join(schemaRoot, `v${manifestVersion}`, path.basename(schemaUrl(kind, manifestVersion)));
  if (!existsSync(file)) return undefined;
  // Same clean-up as AppManifestUtils.fetchSchema: some schemas carry \a and \v escapes JSON lacks.
  return JSON.parse(
    readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'),
  ) as object;
}

/** Validates a document against a bundled schema; never touches the network. */
async function validateOffline(
  document: unknown,
  kind: 'manifest' | 'localization',
  manifestVersion: string,
): Promise<string[]> {
  const schema = bundledSchema(kind, manifestVersion);
  if (!schema) return [`${kind} schema v${manifestVersion} is not bundled with @microsoft/app-manifest`];
  if (kind === 'localization') return validateLanguageFile(document, schema);
  type Manifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
  type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
  return AppManifestUtils.validateAgainstSchema(document as Manifest, schema as Schema);
}

/**
 * Language-file schemas carry key patterns such as `\[\b([0-9]|…)\b]` that are invalid under the
 * `u` flag AppManifestUtils compiles with, so it throws on them. They are plain draft-04 objects
 * (no `id`, no exclusive bounds), which Ajv's default draft validates identically without `u`.
 */
function validateLanguageFile(document: unknown, schema: object): string[] {
  const { $schema: _draft, ...body } = schema as { $schema?: string };
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  formatsModule.default(ajv, ['uri']);
  const validate = ajv.compile(body);
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
  );
}

interface IconRule {
  size: number;
  /** Outline icons must be white on transparent. */
  whiteOnTransparent: boolean;
}

/** Checks an icon is a PNG of the size Teams requires (and, for outline, white on transparent). */
export function iconProblems(name: string, data: Buffer, rule: IconRule): string[] {
  let png;
  try {
    png = decodePng(data);
  } catch (e) {
    return [`${name}: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  if (png.width !== rule.size || png.height !== rule.size) {
    problems.push(`${name} is ${png.width}×${png.height}; Teams requires ${rule.size}×${rule.size}`);
  }
  if (rule.whiteOnTransparent) {
    if (png.colorType !== 6) problems.push(`${name} has no alpha channel; it must be white on transparent`);
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
        const p = i / 4;
        problems.push(
          `${name} pixel (${p % png.width}, ${Math.floor(p / png.width)}) is neither white nor transparent`,
        );
        break;
      }
    }
  }
  return problems;
}

interface ManifestShape {
  manifestVersion?: string;
  $schema?: string;
  icons?: { color?: string; outline?: string };
  staticTabs?: { contentUrl?: string; websiteUrl?: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id?: string; resource?: string };
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] };
}

/** Rules the schema cannot express that break SSO or tab loading in Teams. */
export function crossFieldProblems(manifest: ManifestShape): string[] {
  const problems: string[] = [];
  const version = manifest.manifestVersion ?? '';
  if (manifest.$schema !== schemaUrl('manifest', version)) {
    problems.push(`$schema should be ${schemaUrl('manifest', version)} for manifestVersion ${version}`);
  }
  const domains = manifest.validDomains ?? [];
  for (const tab of manifest.staticTabs ?? []) {
    for (const url of [tab.contentUrl, tab.websiteUrl]) {
      if (!url) continue;
      const host = new URL(url).host;
      if (!domains.includes(host)) problems.push(`validDomains does not list ${host} (used by ${url})`);
    }
  }
  const sso = manifest.webApplicationInfo;
  if (sso) {
    const m = /^api:\/\/([^/]+)\/([0-9a-f-]{36})$/i.exec(sso.resource ?? '');
    if (!m)
      problems.push(`webApplicationInfo.resource must be api://<domain>/<client id>, got ${sso.resource}`);
    else {
      if (m[2]!.toLowerCase() !== sso.id?.toLowerCase())
        problems.push('webApplicationInfo.resource must end with webApplicationInfo.id');
      if (!domains.includes(m[1]!)) problems.push(`validDomains does not list the SSO domain ${m[1]}`);
    }
  }
  return problems;
}

/**
 * Reads appPackage/, fills the placeholders and checks everything. The files come back in zip
 * order: manifest.json, the icons, then the language files.
 */
export async function preparePackage(
  appPackageDir: string,
  vars: Readonly<Record<string, string | undefined>>,
  envName = '<env>',
): Promise<PreparedPackage> {
  const problems: string[] = [];
  const missing = new Set<string>();
  const fill = (name: string): string => {
    const result = substitutePlaceholders(readFileSync(path.join(appPackageDir, name), 'utf8'), vars);
    result.missing.forEach((m) => missing.add(m));
    return result.text;
  };

  const manifestText = fill('manifest.json');
  const manifest = JSON.parse(manifestText) as ManifestShape;
  const version = manifest.manifestVersion ?? '';
  const files: PackageFile[] = [{ name: 'manifest.json', data: Buffer.from(manifestText) }];

  const icons: [string | undefined, IconRule][] = [
    [manifest.icons?.color, { size: 192, whiteOnTransparent: false }],
    [manifest.icons?.outline, { size: 32, whiteOnTransparent: true }],
  ];
  for (const [icon, rule] of icons) {
    if (!icon) continue;
    const p = path.join(appPackageDir, icon);
    if (!existsSync(p)) {
      problems.push(`icon ${icon} is missing from appPackage/`);
      continue;
    }
    const data = readFileSync(p);
    problems.push(...iconProblems(icon, data, rule));
    files.push({ name: icon, data });
  }

  const languageFiles = [
    manifest.localizationInfo?.defaultLanguageFile,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ].filter((f): f is string => !!f);
  for (const file of languageFiles) {
    if (!existsSync(path.join(appPackageDir, file))) {
      problems.push(`language file ${file} is missing from appPackage/`);
      continue;
    }
    const text = fill(file);
    const errors = await validateOffline(JSON.parse(text), 'localization', version);
    problems.push(...errors.map((e) => `${file}: ${e.trim()}`));
    files.push({ name: file, data: Buffer.from(text) });
  }

  // A manifest with unfilled placeholders fails the schema in confusing ways; name them instead.
  if (missing.size) {
    return {
      files: [],
      problems: [
        ...[...missing].map(
          (name) =>
            `placeholder \${{${name}}} has no value: set ${name} in env/.env.${envName} or the environment`,
        ),
        ...problems,
      ],
    };
  }
  const errors = await validateOffline(manifest, 'manifest', version);
  problems.push(...errors.map((e) => `manifest.json: ${e.trim()}`));
  problems.push(...crossFieldProblems(manifest));
  return problems.length ? { files: [], problems } : { files, problems };
}

/** Zips the package deterministically (fixed timestamps), manifest.json first. */
export async function zipPackage(files: PackageFile[]): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date('2020-01-01T00:00:00Z');
  for (const f of files) zip.file(f.name, f.data, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
