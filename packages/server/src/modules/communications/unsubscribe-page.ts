// The pages of the one-click unsubscribe URL. Rendered by the server so they work from any mail
// client without the web app or JavaScript; the GET page only offers a button (scanners prefetch
// links, so a GET must never unsubscribe), the button POSTs to the same URL.

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Postern</title>
<style>
  body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
  main { max-width: 32rem; margin: 4rem auto; padding: 0 1rem; }
  button { font: inherit; padding: 0.5rem 1rem; border: 2px solid #0b57d0; border-radius: 4px; background: #0b57d0; color: #fff; cursor: pointer; }
  button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
  a { color: #0b57d0; }
</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;

export const confirmUnsubscribePage = () =>
  page(
    'Unsubscribe from product news',
    `<p>Stop receiving Postern product news by email. Security and account messages are not affected.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );

export const unsubscribedPage = (settingsUrl: string) =>
  page(
    'You are unsubscribed',
    `<p>You will get no more product news by email. You can turn it back on in your <a href="${settingsUrl}">notification settings</a>.</p>`,
  );

export const invalidLinkPage = () =>
  page('This link is not valid', '<p>This unsubscribe link is not valid. You can change which emails you get in your notification settings.</p>');

/** Headers of these pages: nothing loads from elsewhere, nothing is cached, the token never leaves in a Referer. */
export const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};
