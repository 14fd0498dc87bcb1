/** Thrown (through the socket) when the egress guard refuses an address. */
export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';

  constructor(
    readonly address: string,
    readonly range: string,
    readonly hostname: string,
  ) {
    const via = hostname === address ? '' : ` (${hostname} resolves to it)`;
    super(
      `this server does not send to ${address}${via}: it is a ${range} address. ` +
        'Send to a public address, or ask the operator to allow it with POSTERN_EGRESS_ALLOW.',
    );
    this.name = 'EgressRefusedError';
  }
}
