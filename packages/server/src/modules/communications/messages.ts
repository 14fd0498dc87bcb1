import type { MailMessage } from '../../mail/mailer.ts';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');

/** The email copy of an in-app notification; it says where to switch this type off (P22). */
export function notificationMessage(to: string, n: { title: string; url: string | null; settingsUrl: string }): MailMessage {
  const footer = `You get this email because it is switched on in your notification settings: ${n.settingsUrl}`;
  return {
    to,
    subject: n.title,
    text: [n.title, n.url ?? '', footer].filter(Boolean).join('\n\n') + '\n',
    html: [
      `<p>${escapeHtml(n.title)}</p>`,
      n.url ? `<p><a href="${escapeHtml(n.url)}">Open it in Postern</a></p>` : '',
      `<p>You get this email because it is switched on in your <a href="${escapeHtml(n.settingsUrl)}">notification settings</a>.</p>`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/**
 * A product-news (marketing) email. Every one carries RFC 8058 one-click unsubscribe: mail
 * providers POST `List-Unsubscribe=One-Click` to the URL, which takes effect at once.
 */
export function productNewsMessage(to: string, news: { subject: string; text: string; unsubscribeUrl: string; settingsUrl: string }): MailMessage {
  const footer = `You get product news because you turned it on in Postern. Unsubscribe with one click: ${news.unsubscribeUrl} — or change your notification settings: ${news.settingsUrl}`;
  return {
    to,
    subject: news.subject,
    text: `${news.text.trimEnd()}\n\n--\n${footer}\n`,
    html: [
      paragraphs(news.text.trimEnd()),
      '<hr>',
      `<p>You get product news because you turned it on in Postern. <a href="${escapeHtml(news.unsubscribeUrl)}">Unsubscribe</a> · <a href="${escapeHtml(news.settingsUrl)}">Notification settings</a></p>`,
    ].join('\n'),
    headers: {
      'List-Unsubscribe': `<${news.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
