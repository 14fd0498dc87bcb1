import type { PolicyKind } from './schema.ts';

/**
 * Version 1 of each policy, written for Postern in its own words. The privacy policy's "What we
 * collect" section is built from COLLECTED_DATA, a small list in code; when the data map of issue
 * #7 exists it replaces this list and the section is generated from it (P8).
 */
export interface CollectedData {
  /** The P-number of PRIVACY-SPEC.md this entry restates. */
  promise: string;
  what: string;
  items: string[];
  why: string;
  /** Legal basis (P8). */
  basis: 'contract' | 'legitimate interest' | 'consent' | 'legal obligation';
}

export const COLLECTED_DATA: CollectedData[] = [
  {
    promise: 'P1',
    what: 'Your account',
    items: [
      'a username, which is public and does not have to be your real name',
      'your email address, which stays private unless you choose to show it on your profile',
      'your password, kept only as an argon2id hash that cannot be turned back into the password',
      'a display name, picture and short bio, if you add them',
      'your preferences, such as the colour theme and how long to keep request history',
    ],
    why: 'to let you sign in, show your work under your name and keep your settings across devices',
    basis: 'contract',
  },
  {
    promise: 'P2',
    what: 'What you create and share',
    items: ['workspaces, collections, requests and their examples', 'environments, mocks and monitors', 'comments'],
    why: 'to store your work and show it to the people you give access to',
    basis: 'contract',
  },
  {
    promise: 'P3',
    what: 'Support requests',
    items: ['how to reach you, a summary of the problem and any screenshots you attach'],
    why: 'to answer you',
    basis: 'contract',
  },
  {
    promise: 'P4',
    what: 'Billing',
    items: ['the billing contact and the plan; card numbers never reach Postern, a payment processor holds them'],
    why: 'to charge for paid plans where an instance offers them',
    basis: 'contract',
  },
  {
    promise: 'P5',
    what: 'Usage and device information',
    items: [
      'which features you use and what you click, only if you allow it in the cookie preferences',
      'your browser and operating system, and the network your connection comes from (never the full IP address of a session)',
      'crash reports, with the contents of your requests removed',
    ],
    why: 'to keep the service secure and working, and, with your consent, to learn which parts of it are used',
    basis: 'legitimate interest',
  },
  {
    promise: 'P6',
    what: 'Information others give us about you',
    items: [
      'your email address, when someone invites you to a team or workspace',
      'your name and email address from an identity provider you sign in with',
      'what an integration you connect sends, as listed on its consent screen',
    ],
    why: 'to deliver the invitation, sign you in, or run the integration you asked for',
    basis: 'contract',
  },
];

function collectedSection(entries: readonly CollectedData[]): string {
  const parts = entries.map((entry) =>
    [`### ${entry.what}`, '', ...entry.items.map((item) => `- ${item}`), '', `We use it ${entry.why} (legal basis: ${entry.basis}).`].join('\n'),
  );
  return ['## What we collect', '', 'Postern collects the following, and nothing else.', '', ...parts.flatMap((p) => [p, ''])].join('\n').trimEnd();
}

/** The privacy policy's Markdown; `collected` is the list the "What we collect" section is built from. */
export function privacyPolicyBody(collected: readonly CollectedData[] = COLLECTED_DATA): string {
  return `Postern is a tool for building, sending and sharing HTTP requests. This policy says what the
instance you are using keeps about you, why, and what you can do about it. The person or
organisation that runs this instance (its operator) is responsible for it.

${collectedSection(collected)}

## Children

You must be at least 13 years old, or older where your country sets a higher age, to hold an
account. We ask for your date of birth and country at sign-up to check this and keep neither.
If you believe an account belongs to a child, use "Report this account" on its profile. When the
operator confirms a report, the account is closed at once and its data deleted.

## Who can see your data

Your work is visible only to the people you share it with. Anything you make public can be read
by anyone and found by search engines. Operators cannot read your private workspaces except for a
reason recorded in your access log. We do not sell your personal data.

## How long we keep it

Your account data is kept while your account exists and for 15 days after you delete it. Other
data has its own period, stated in your settings where you can change it.

## Your choices

You can see, download, correct and delete your data from your settings, change your cookie and
email preferences at any time, and ask the operator for anything the settings do not cover.

## Changes

Every version of this policy stays readable in its archive. When a change matters, we show a
notice when you next visit and email every account.`;
}

const COOKIE_NOTICE = `Postern stores a few small pieces of information in your browser. This notice lists
what they are for.

## Strictly necessary

Two cookies keep you signed in and protect your forms: a session cookie and a matching
anti-forgery (CSRF) cookie. Postern cannot work without them, so they cannot be switched off. They
end when you sign out or after 30 days without a visit.

Your choices about the optional categories below are also remembered in your browser.

## Optional categories

Functional, performance and targeting storage is used only when you allow it. Nothing in these
categories is written before you choose, and refusing is as easy as accepting. Open "Cookie
preferences" at the bottom of any page to see each item and change your mind at any time.

## Global Privacy Control

If your browser sends a Global Privacy Control signal, we treat it as refusing targeting and as a
request not to sell or share your data.`;

const TERMS = `These terms apply to your use of this Postern instance.

## Your account

Keep your password safe and tell the operator if you think someone else has used your account.
You must be old enough to hold an account (see the privacy policy).

## Your content

What you create stays yours. You let the instance store it and show it to the people you share it
with, nothing more. Do not use Postern to send requests to systems you are not allowed to test.

## The service

The operator runs this instance as it is and may change or stop it. Accounts that break these
terms, or that belong to a child, may be suspended.

## Changes

Every version of these terms stays readable in their archive; important changes are announced
before they apply.`;

/** Version 1 of each kind, as seeded on a new instance. */
export function initialPolicies(): { kind: PolicyKind; title: string; body: string }[] {
  return [
    { kind: 'privacy', title: 'Privacy policy', body: privacyPolicyBody() },
    { kind: 'cookies', title: 'Cookie notice', body: COOKIE_NOTICE },
    { kind: 'terms', title: 'Terms of use', body: TERMS },
  ];
}
