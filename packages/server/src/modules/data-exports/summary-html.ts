import { DATA_MAP, declarationFor } from '../../db/datamap/index.ts';
import type { LegalBasis, Purpose } from '../../db/datamap/index.ts';
import type { PersonalData } from './personal-data.ts';

export interface SummaryFacts {
  username: string;
  generatedAt: Date;
  /** The instance's address, naming who "the operator" is. */
  publicUrl: string;
  /** Whether mail leaves through an SMTP server (a recipient) or stays in the local outbox. */
  smtp: boolean;
  expiresAt: Date;
  collections: string[];
  environments: string[];
}

const PURPOSES: Record<Purpose, string> = {
  provide_service: 'Providing the service: signing you in, storing and showing your work',
  collaboration: 'Collaboration: showing your work and name to the people you give access',
  security: 'Security: sessions, rate limits, two-factor sign-in, preventing abuse',
  communications: 'Communications: transactional and notification mail, product news only if you opted in',
  analytics: 'Usage analytics and error reports, only with your consent',
  legal_compliance: 'Legal compliance: consent proofs, policy acknowledgements, privacy requests',
  support: 'Support: answering you',
};

const LEGAL_BASES: Record<LegalBasis, string> = {
  contract: 'Performance of the contract with you (GDPR Art. 6(1)(b))',
  legitimate_interest: 'Legitimate interest (Art. 6(1)(f))',
  consent: 'Your consent (Art. 6(1)(a)), which you can withdraw at any time',
  legal_obligation: 'Legal obligation (Art. 6(1)(c))',
};

/** Sources of rows the person did not type in themselves, by table (Art. 15(1)(g)). */
const SOURCES: Record<string, string> = {
  team_invitations: 'A member of a team entered your email address to invite you.',
  identities: 'Your identity provider (single sign-on) sent your account identifier, name and email address when you signed in with it.',
  pending_oidc_signups: 'Your identity provider sent your name and email address when you started signing up with it.',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const list = (items: string[]) => (items.length === 0 ? '<p>None.</p>' : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);

interface CategoryRow {
  category: string;
  what: Set<string>;
  purposes: Set<Purpose>;
  bases: Set<LegalBasis>;
  exported: boolean;
}

/**
 * index.html of the export: what GDPR Art. 15 asks a copy to come with, in plain words, from the
 * data map: the categories held (every personal column of every table holding a row about the
 * person, exported or not), purposes, legal bases, recipients, retention, sources and rights.
 * Self-contained (inline style, no scripts or external assets); every value is escaped.
 */
export function summaryHtml(data: PersonalData, facts: SummaryFacts): string {
  const categories = new Map<string, CategoryRow>();
  const retention: string[] = [];
  const sources: string[] = [];
  let rowCount = 0;
  for (const [table, content] of Object.entries(data.tables)) {
    const decl = declarationFor(table);
    if (!decl) continue;
    rowCount += content.rows.length;
    for (const column of Object.values(decl.columns)) {
      if (!column.category.startsWith('user.')) continue;
      const row = categories.get(column.category) ?? { category: column.category, what: new Set(), purposes: new Set(), bases: new Set(), exported: false };
      row.what.add(column.description);
      for (const p of column.purposes ?? []) row.purposes.add(p);
      if (column.legalBasis) row.bases.add(column.legalBasis);
      row.exported ||= column.export;
      categories.set(column.category, row);
    }
    retention.push(`<strong>${escapeHtml(decl.description)}</strong> (<code>${escapeHtml(table)}</code>, ${content.rows.length === 1 ? '1 record' : `${content.rows.length} records`}): ${escapeHtml(decl.retention.describe)}`);
    const source = SOURCES[table] ?? (content.linkedBy.some((l) => l.by === 'email') ? 'Another person entered your email address.' : undefined);
    if (source) sources.push(`<strong>${escapeHtml(decl.description)}</strong>: ${escapeHtml(source)}`);
  }
  const categoryRows = [...categories.values()]
    .sort((a, b) => a.category.localeCompare(b.category))
    .map(
      (c) =>
        `<tr><td><code>${escapeHtml(c.category)}</code></td><td>${[...c.what].map(escapeHtml).join('<br>')}</td><td>${[...c.purposes]
          .map((p) => escapeHtml(PURPOSES[p]))
          .join('<br>')}</td><td>${[...c.bases].map((b) => escapeHtml(LEGAL_BASES[b])).join('<br>')}</td><td>${c.exported ? 'yes' : 'no (hashes, secrets and copies are never exported)'}</td></tr>`,
    )
    .join('\n');
  const allPurposes = [...new Set(DATA_MAP.flatMap((d) => Object.values(d.columns).flatMap((c) => c.purposes ?? [])))];
  const operator = escapeHtml(new URL(facts.publicUrl).host);
  const recipients = [
    `<strong>The operator of this Postern instance</strong> (${operator}): stores all of it and can administer the server. Operator access to private content is logged.`,
    '<strong>People you give access</strong>: members of teams and workspaces you share see your username, display name, avatar and the content you put there; anyone sees what you put in a public workspace and your public profile.',
    facts.smtp
      ? '<strong>The mail provider</strong> the operator configured (SMTP) carries the emails sent to you: your email address and the message.'
      : '<strong>No mail provider</strong>: this instance keeps outgoing mail in a local outbox that only the operator reads.',
    'Nobody else: Postern sells no personal data and shares none for advertising. Postern itself sends nothing to other countries; where the server and the mail provider are is the operator’s choice.',
  ];
  const rights = [
    '<strong>Access and portability</strong>: this file, again at any time from Settings → Privacy → Download my data.',
    '<strong>Rectification</strong>: change your profile and email address in Settings → Profile and Settings → Account.',
    '<strong>Erasure</strong>: delete your account, or single items such as your avatar, bio or request history, in Settings.',
    '<strong>Restriction and objection</strong>: stop uses of your data (marketing, analytics, personalisation) in Settings → Privacy; withdraw cookie consent there as easily as you gave it.',
    '<strong>Requests that need a person</strong>: write to the operator of this instance.',
    '<strong>Complaint</strong>: you may complain to a data protection supervisory authority, in particular where you live or work.',
  ];
  const file = (names: string[], folder: string) => list(names.map((n) => `<code>${escapeHtml(`${folder}/${n}`)}</code>`));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data at Postern</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.4rem;text-align:left;vertical-align:top}
code{font-size:.9em}
</style>
</head>
<body>
<h1>Your data at Postern</h1>
<p>A copy of the personal data held about <strong>${escapeHtml(facts.username)}</strong> by ${operator}, made ${escapeHtml(facts.generatedAt.toISOString())}. It contains ${rowCount} records in ${Object.keys(data.tables).length} tables. This file may be downloaded until ${escapeHtml(facts.expiresAt.toISOString())}.</p>
<h2>What is in this file</h2>
<ul>
<li><code>personal-data.json</code>: every record about you, grouped by table, with what each field is, why it is kept and on what legal basis.</li>
${data.files.map((f) => `<li><code>${escapeHtml(f)}</code>: referenced from personal-data.json.</li>`).join('\n')}
<li>Your collections (Postman Collection v2.1, importable into Postman or Newman): ${file(facts.collections, 'collections')}</li>
<li>Your environments (Postman environment format): ${file(facts.environments, 'environments')}</li>
</ul>
<h2>Categories of data held and why</h2>
<table>
<thead><tr><th scope="col">Category</th><th scope="col">What</th><th scope="col">Purposes</th><th scope="col">Legal basis</th><th scope="col">In this export</th></tr></thead>
<tbody>
${categoryRows}
</tbody>
</table>
<h2>Purposes</h2>
${list(allPurposes.map((p) => escapeHtml(PURPOSES[p])))}
<h2>Who receives it</h2>
${list(recipients)}
<h2>How long it is kept</h2>
${list(retention)}
<h2>Where data came from when not from you</h2>
${sources.length === 0 ? '<p>Everything here was given by you or recorded while you used Postern.</p>' : list(sources)}
<p>Everything else was given by you or recorded while you used Postern. No decision about you is made by automated means alone, and no profile of you is built.</p>
<h2>Your rights</h2>
${list(rights)}
</body>
</html>
`;
}
