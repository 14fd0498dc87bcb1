import { LEGAL_BASIS_LABELS, PURPOSE_LABELS, dataMapDocument } from '../../db/datamap/document.ts';
import type { DataMapDocument, DataMapTable } from '../../db/datamap/document.ts';
import type { LegalBasis, Purpose } from '../../db/datamap/types.ts';

/**
 * The privacy policy's "What we collect" section, generated from the data map (P8) so that the
 * policy cannot drift from the schema: every personal column appears under its category, with
 * why it is used, on what legal basis and for how long.
 */

/** Sections of the policy by category prefix, first match wins; the P-numbers they restate. */
const SECTIONS: { title: string; prefixes: string[] }[] = [
  { title: 'Your account and sign-in (P1, P6, P18)', prefixes: ['user.account', 'user.name', 'user.contact', 'user.authorization'] },
  { title: 'Your profile (P1)', prefixes: ['user.profile'] },
  { title: 'Your settings and choices (P1, P20, P22, P25)', prefixes: ['user.preferences', 'user.consent'] },
  { title: 'What you create and share (P2, P10)', prefixes: ['user.content', 'user.collaboration'] },
  { title: 'Requests you send (P2)', prefixes: ['user.behavior.browsing_history'] },
  { title: 'Messages to you (P9, P22)', prefixes: ['user.communications'] },
  { title: 'Your privacy requests (P21, P24, P26)', prefixes: ['user.behavior.privacy_request', 'user.document', 'user.derived'] },
  { title: 'Devices, activity and usage (P5, P18)', prefixes: ['user.device', 'user.behavior'] },
];
const OTHER = 'Other information';

/** Plain names of the categories in use; others fall back to their last segment. */
const CATEGORY_LABELS: Record<string, string> = {
  'user.account.username': 'Username',
  'user.contact.email': 'Email address',
  'user.account.password': 'Password',
  'user.name': 'Name',
  'user.account.status': 'Account status',
  'user.account.role': 'Administrator role',
  'user.account.settings': 'Account settings and API keys',
  'user.account.identity_provider': 'Identity provider link',
  'user.authorization.credentials': 'Sign-in secrets',
  'user.profile.avatar': 'Profile picture',
  'user.profile.bio': 'Bio',
  'user.preferences': 'Preferences',
  'user.preferences.restriction': 'Restrictions of use',
  'user.consent': 'Consent and acknowledgements',
  'user.content.workspace': 'Workspaces',
  'user.content.collection': 'Collections and their history',
  'user.content.environment': 'Environments, globals and their history',
  'user.content.pull_request': 'Pull requests and reviews',
  'user.content.comment': 'Comments',
  'user.content.run': 'Collection runs',
  'user.content.report': 'Reports about accounts',
  'user.collaboration.role': 'Team and workspace roles',
  'user.behavior.browsing_history': 'Request history',
  'user.behavior.activity': 'Activity times',
  'user.behavior.usage': 'Usage analytics',
  'user.communications.message': 'Email kept on the instance',
  'user.communications.notification': 'Notifications',
  'user.device.ip_address': 'IP address (as a network or a hash)',
  'user.device.user_agent': 'Browser',
  'user.device.error_report': 'Error reports',
};

function categoryLabel(category: string): string {
  const known = CATEGORY_LABELS[category];
  if (known) return known;
  const last = (category.split('.').at(-1) ?? category).replace(/_/g, ' ');
  return `${last.charAt(0).toUpperCase()}${last.slice(1)}`;
}

function sectionOf(category: string): string {
  return SECTIONS.find((s) => s.prefixes.some((prefix) => category === prefix || category.startsWith(`${prefix}.`)))?.title ?? OTHER;
}

/** "a, b and c". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function recordName(table: DataMapTable): string {
  return table.name === 'users' ? 'your account' : table.name.replace(/_/g, ' ');
}

interface CategoryEntry {
  descriptions: string[];
  purposes: Set<Purpose>;
  bases: Set<LegalBasis>;
  retention: string[];
  exported: boolean;
}

const add = <T>(items: T[], item: T) => {
  if (!items.includes(item)) items.push(item);
};

/**
 * The Markdown of the section. Account-id link columns are not listed one by one: they only tie
 * records to the account, which the section says once.
 */
export function collectedSection(document: DataMapDocument = dataMapDocument()): string {
  const sections = new Map<string, Map<string, CategoryEntry>>([...SECTIONS.map((s) => s.title), OTHER].map((title) => [title, new Map()]));
  for (const table of document.tables) {
    const idLinks = new Set(table.subjects.filter((s) => s.by === 'account').map((s) => s.column));
    for (const column of table.columns) {
      if (!column.personal || idLinks.has(column.name) || column.category === 'user.unique_id') continue;
      const categories = sections.get(sectionOf(column.category))!;
      let entry = categories.get(column.category);
      if (!entry) {
        entry = { descriptions: [], purposes: new Set(), bases: new Set(), retention: [], exported: false };
        categories.set(column.category, entry);
      }
      add(entry.descriptions, column.description.trim().replace(/\.?$/, '.'));
      for (const purpose of column.purposes) entry.purposes.add(purpose);
      if (column.legalBasis) entry.bases.add(column.legalBasis);
      add(entry.retention, `${recordName(table)}: ${table.retention.text.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}`);
      entry.exported ||= column.exported;
    }
  }
  const parts: string[] = [];
  for (const [title, categories] of sections) {
    if (categories.size === 0) continue;
    parts.push(`### ${title}`, '');
    for (const [category, entry] of categories) {
      const purposes = [...entry.purposes].map((p) => PURPOSE_LABELS[p]);
      const bases = [...entry.bases].map((b) => LEGAL_BASIS_LABELS[b]);
      parts.push(
        `- **${categoryLabel(category)}** (\`${category}\`): ${entry.descriptions.join(' ')}`,
        `  - Why: ${list(purposes)}.`,
        `  - Legal basis: ${bases.join('; ')}.`,
        `  - How long: ${entry.retention.join('; ')}.`,
        ...(entry.exported ? [] : ['  - Not included in your data download (hashes, secrets and earlier downloads never are).']),
      );
    }
    parts.push('');
  }
  return [
    '## What we collect',
    '',
    'Postern collects the following, and nothing else. This list is generated from the data map in',
    'Postern’s code, the same declarations that drive your data download, account deletion and',
    'retention, so it always matches what this instance stores. Each record is tied to your account',
    'by an internal id.',
    '',
    ...parts,
  ]
    .join('\n')
    .trimEnd();
}
