import dns2 from 'dns2';

const { Packet } = dns2;
/** The RCODE of "no such name" (RFC 1035); the package's typings do not list Packet.RCODE. */
const NXDOMAIN = 3;

/**
 * A local DNS server for tests (UDP on 127.0.0.1, a free port): answers TXT questions from
 * `records` (name → values; an empty list answers with no records) and NXDOMAIN for other names.
 * Domain verification never asks the internet.
 */
export async function startDnsServer() {
  const records = new Map<string, string[]>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = (question?.name ?? '').toLowerCase();
      const values = records.get(name);
      if (!values) {
        response.header.rcode = NXDOMAIN;
      } else if (question?.type === Packet.TYPE.TXT) {
        for (const data of values) {
          // Encoded by the package; the typings ask for a toBuffer the plain record does not need.
          response.answers.push({ name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data } as (typeof response.answers)[number]);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = addresses.udp?.port;
  if (!port) throw new Error('the test DNS server did not start');
  return {
    /** `127.0.0.1:port`, for POSTERN_DNS_RESOLVER. */
    address: `127.0.0.1:${port}`,
    records,
    close: () => server.close(),
  };
}
