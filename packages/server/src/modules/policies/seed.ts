import { collectedSection } from './collected.ts';
import type { PolicyKind } from './schema.ts';

/**
 * Version 1 of each policy, written for Postern in its own words. The privacy policy's "What we
 * collect" section is generated from the data map (P8, collected.ts), never written by hand.
 */

/** The privacy policy's Markdown; `collected` is the generated "What we collect" section. */
export function privacyPolicyBody(collected: string = collectedSection()): string {
  return `Postern is a tool for building, sending and sharing HTTP requests. This policy says what the
instance you are using keeps about you, why, and what you can do about it. The person or
organisation that runs this instance (its operator) is responsible for it.

${collected}

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
