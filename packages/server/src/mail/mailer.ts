/** One email as the application composes it; transports decide how it leaves. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe on marketing mail. */
  headers?: Record<string, string>;
}

/** Sends mail. Services receive one and never know whether it is SMTP or the local outbox. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
