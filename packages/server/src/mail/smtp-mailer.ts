import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

export const DEFAULT_MAIL_FROM = 'Postern <postern@localhost>';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  /** The From header of every message. */
  from?: string;
}

/** Sends mail through an SMTP server with nodemailer; a refused message rejects the promise. */
export function createSmtpMailer({ url, from = DEFAULT_MAIL_FROM }: SmtpMailerOptions): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined && { html: message.html }),
        ...(message.headers !== undefined && { headers: message.headers }),
      });
    },
  };
}
