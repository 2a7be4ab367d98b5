import { z } from 'zod';
import { parseOptions } from '../engine/sync-options.js';
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

/**
 * The options after applying `update` (some or all options) over `current` (the stored options, or
 * the defaults). Unknown options and bad values throw {@link InvalidOptionsError}; nothing is applied.
 */
export const parseContactOptions = (update: unknown, current: unknown = {}): ContactOptions =>
  parseOptions(contactOptionsSchema, update, current, 'The contact sync options are not valid.');

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
