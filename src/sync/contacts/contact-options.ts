import { z } from 'zod';
import { AppError, type FieldIssue } from '../../platform/errors/app-error.js';
import { isTandemCategory } from './contact-categories.js';

/** Outlook's limit on a category name. */
const CATEGORY_NAME_MAX = 255;

const categoryName = z
  .string()
  .transform((s) => s.replaceAll('\u0000', '').trim())
  .pipe(z.string().min(1, 'must not be empty').max(CATEGORY_NAME_MAX));

/** The per-user options of contact sync (PRODUCT §3 Contacts), with their defaults. */
export const contactOptionsSchema = z.strictObject({
  deleteCrmOnRemoteDelete: z.boolean().default(false),
  importCategories: z
    .array(categoryName)
    .max(25, 'choose at most 25 categories')
    .default([])
    .superRefine((names, ctx) => {
      const seen = new Set<string>();
      names.forEach((name, i) => {
        const key = name.toLowerCase();
        if (isTandemCategory(name))
          ctx.addIssue({ code: 'custom', path: [i], message: `"${name}" is kept by Tandem, not imported` });
        else if (seen.has(key))
          ctx.addIssue({ code: 'custom', path: [i], message: `"${name}" is listed twice` });
        seen.add(key);
      });
    }),
});
export type ContactOptions = z.output<typeof contactOptionsSchema>;

export const DEFAULT_CONTACT_OPTIONS: Readonly<ContactOptions> = Object.freeze(
  contactOptionsSchema.parse({}),
);

export const CONTACT_OPTION_DESCRIPTIONS: Record<keyof ContactOptions, string> = {
  deleteCrmOnRemoteDelete:
    'Delete the CRM contact when it is deleted in Office 365. Off: a deletion in Outlook is not propagated.',
  importCategories:
    'Outlook categories to import: contacts carrying one of them are imported as CRM contacts.',
};

/** Options the user asked for that cannot work; `details.errors` names each offending option. */
export class InvalidOptionsError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super({
      code: 'invalid_options',
      httpStatus: 400,
      userMessage: 'The contact sync options are not valid.',
      details: { errors: issues },
    });
  }
}

/**
 * The options after applying `update` (some or all options) over `current` (the stored options, or
 * the defaults). Unknown options and bad values throw {@link InvalidOptionsError}; nothing is applied.
 */
export function parseContactOptions(update: unknown, current: unknown = {}): ContactOptions {
  if (typeof update !== 'object' || update === null || Array.isArray(update))
    throw new InvalidOptionsError([
      { pointer: '/options', in: 'body', code: 'invalid_type', detail: 'must be an object' },
    ]);
  const base = contactOptionsSchema.safeParse(current);
  const parsed = contactOptionsSchema.safeParse({ ...(base.success ? base.data : {}), ...update });
  if (parsed.success) return parsed.data;
  throw new InvalidOptionsError(
    parsed.error.issues.map((i) => ({
      pointer: `/options${i.path.map((p) => `/${String(p)}`).join('')}`,
      in: 'body',
      code: i.code === 'unrecognized_keys' ? 'unknown_option' : 'invalid_option',
      detail: i.code === 'unrecognized_keys' ? `unknown option(s): ${i.keys.join(', ')}` : i.message,
    })),
  );
}

/**
 * Whether an Outlook contact outside "Tandem Contacts" is imported: it carries one of the
 * categories the user chose (`importCategories`), compared without case as Outlook does.
 */
export function selectedForImport(
  categories: readonly string[] | null | undefined,
  options: ContactOptions,
): boolean {
  const chosen = new Set(options.importCategories.map((c) => c.toLowerCase()));
  return (categories ?? []).some((c) => chosen.has(c.trim().toLowerCase()));
}
