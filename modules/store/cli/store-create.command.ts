import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliContext, CommandDeclaration, ServiceLocator } from '../../../app';
import { InputError } from '../../../app';
import type { ScopeSettingsInput } from '../api/store-manager';
import { StoreApi } from '../api/tokens';
import { baseUrlSchema, currencyCodeSchema, localeCodeSchema, timezoneSchema, weightUnitSchema } from '../config/store-value-schemas';
import { scopeCodeSchema } from '../service/store-input-schemas';

const TYPES = ['website', 'group', 'view'] as const;
type ScopeType = (typeof TYPES)[number];

const digits = (what: string) => z.string().regex(/^\d+$/, { error: `${what} must be a whole number` }).transform(Number);

/** Each option, as commander names it (camelCase), with its check. */
const OPTION_SCHEMAS = {
  type: z.enum(TYPES, { error: `must be one of: ${TYPES.join(', ')}` }),
  code: scopeCodeSchema,
  name: z.string().trim().min(1, { error: 'must not be empty' }),
  website: scopeCodeSchema,
  group: scopeCodeSchema,
  rootCategoryId: digits('the root category id'),
  sortOrder: digits('the sort order'),
  inactive: z.boolean(),
  locale: localeCodeSchema,
  currency: currencyCodeSchema,
  timezone: timezoneSchema,
  weightUnit: weightUnitSchema,
  baseUrl: baseUrlSchema,
  baseUrlSecure: baseUrlSchema,
  baseLinkUrl: baseUrlSchema,
  baseLinkUrlSecure: baseUrlSchema,
  baseMediaUrl: baseUrlSchema,
  baseMediaUrlSecure: baseUrlSchema,
} as const;

type OptionName = keyof typeof OPTION_SCHEMAS;
type ParsedOptions = { [K in OptionName]?: z.output<(typeof OPTION_SCHEMAS)[K]> };

const SETTINGS: OptionName[] = ['locale', 'currency', 'timezone', 'weightUnit', 'baseUrl', 'baseUrlSecure', 'baseLinkUrl', 'baseLinkUrlSecure', 'baseMediaUrl', 'baseMediaUrlSecure'];
const ALLOWED: Record<ScopeType, OptionName[]> = {
  website: ['type', 'code', 'name', 'sortOrder', ...SETTINGS],
  group: ['type', 'code', 'name', 'website', 'rootCategoryId'],
  view: ['type', 'code', 'name', 'website', 'group', 'sortOrder', 'inactive', ...SETTINGS],
};

const flag = (name: string) => '--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const fail = (message: string) => new InputError(message);

/**
 * store:create, apart from commander: checks the options (every problem reported at once, by flag name), then creates the
 * website, group or store view through the StoreManager. Throws InputError (a KernelError), which the CLI prints as is and
 * turns into exit code 1.
 */
export async function storeCreate(locator: ServiceLocator, raw: Record<string, unknown>, out: (line: string) => void): Promise<void> {
  const options = parseOptions(raw);
  const manager = locator.get(StoreApi.StoreManager);
  const settings = settingsFrom(options);
  if (options.type === 'website') {
    const website = await manager.createWebsite({ code: options.code!, name: options.name!, sortOrder: options.sortOrder, settings });
    out(`Website "${website.code}" (id ${website.id}) was created. Add a store group with: store:create --type group --website ${website.code} --code <code> --name <name>`);
  } else if (options.type === 'group') {
    const group = await manager.createGroup({ code: options.code!, name: options.name!, website: options.website, rootCategoryId: options.rootCategoryId });
    out(`Store group "${group.code}" (id ${group.id}) was created.`);
  } else {
    const store = await manager.createStoreView({
      code: options.code!,
      name: options.name!,
      website: options.website,
      group: options.group,
      sortOrder: options.sortOrder,
      isActive: !options.inactive,
      settings,
    });
    const group = await locator.get(StoreApi.StoreRepository).getGroupById(store.groupId);
    out(`Store view "${store.code}" (id ${store.id}) was created in store group "${group?.code}"${store.isActive ? '' : ' (inactive)'}.`);
  }
}

function parseOptions(raw: Record<string, unknown>): ParsedOptions {
  const given = Object.entries(raw).filter(([, value]) => value !== undefined && value !== false);
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, value] of given) {
    const schema = OPTION_SCHEMAS[name as OptionName];
    if (!schema) {
      problems.push(`${flag(name)} is not an option of store:create`);
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) parsed[name] = result.data;
    else problems.push(`${flag(name)}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (!raw.type) problems.push(`--type is required (${TYPES.join(', ')})`);
  if (!raw.code) problems.push('--code is required');
  if (!raw.name) problems.push('--name is required');
  const type = parsed.type as ScopeType | undefined;
  if (type) {
    const misplaced = given.map(([name]) => name).filter((name) => name in OPTION_SCHEMAS && !ALLOWED[type].includes(name as OptionName));
    if (misplaced.length) problems.push(`${misplaced.map(flag).join(', ')} cannot be used with --type ${type}`);
  }
  if (problems.length) throw fail(`Cannot create the ${type ?? 'scope'}: ${problems.join('; ')}`);
  return parsed as ParsedOptions;
}

function settingsFrom(options: ParsedOptions): ScopeSettingsInput | undefined {
  const settings: ScopeSettingsInput = {
    locale: options.locale,
    currency: options.currency,
    timezone: options.timezone,
    weightUnit: options.weightUnit,
    baseUrl: options.baseUrl,
    secureBaseUrl: options.baseUrlSecure,
    baseLinkUrl: options.baseLinkUrl,
    secureBaseLinkUrl: options.baseLinkUrlSecure,
    baseMediaUrl: options.baseMediaUrl,
    secureBaseMediaUrl: options.baseMediaUrlSecure,
  };
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  return Object.keys(given).length ? given : undefined;
}

export function registerStoreCreate(program: Command, ctx: CliContext): void {
  program
    .command('store:create')
    .description('Creates a website, a store group or a store view, with its locale, currency, time zone and base URLs')
    .addOption(new Option('--type <type>', 'what to create').choices([...TYPES]))
    .option('--code <code>', 'code: lowercase letters, digits and _, starting with a letter, at most 32 characters (e.g. fr)')
    .option('--name <name>', 'name shown to people (e.g. "French")')
    .option('--website <code>', 'group/view: parent website (default: the default website)')
    .option('--group <code>', "view: parent store group (default: the website's default group)")
    .option('--root-category-id <id>', "group: root category (default: the website's default group's)")
    .option('--sort-order <n>', 'website/view: position in lists')
    .option('--inactive', 'view: create it switched off')
    .option('--locale <code>', 'website/view: locale, e.g. fr_FR (general/locale/code)')
    .option('--currency <code>', 'website: base and display currency; view: display currency (ISO 4217, e.g. EUR)')
    .option('--timezone <zone>', 'website/view: IANA time zone, e.g. Europe/Paris')
    .option('--weight-unit <unit>', 'website/view: lbs or kgs')
    .option('--base-url <url>', 'website/view: web/unsecure/base_url, absolute and ending with /')
    .option('--base-url-secure <url>', 'website/view: web/secure/base_url, absolute and ending with /')
    .option('--base-link-url <url>', 'website/view: web/unsecure/base_link_url')
    .option('--base-link-url-secure <url>', 'website/view: web/secure/base_link_url')
    .option('--base-media-url <url>', 'website/view: web/unsecure/base_media_url')
    .option('--base-media-url-secure <url>', 'website/view: web/secure/base_media_url')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  comptoir store:create --type website --code eu --name "Europe" --currency EUR --timezone Europe/Paris',
        '  comptoir store:create --type group --website eu --code eu_store --name "Europe Store"',
        '  comptoir store:create --type view --code fr --name "French" --website base --group main_website_store \\',
        '      --locale fr_FR --currency EUR --timezone Europe/Paris --base-url https://example.com/fr/ --base-url-secure https://example.com/fr/',
      ].join('\n'),
    )
    .action(async (options: Record<string, unknown>) => {
      // Check the options before booting, so a typo is reported even when the database is unreachable.
      parseOptions(options);
      const app = await ctx.boot();
      await storeCreate(app, options, ctx.out);
    });
}

export const storeCreateCommand: CommandDeclaration = { name: 'store:create', register: registerStoreCreate };
