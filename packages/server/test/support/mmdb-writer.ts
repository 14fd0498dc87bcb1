/**
 * A tiny MaxMind DB (format v2) writer, so tests can build a GeoIP2-shaped database in
 * memory instead of downloading one. It always writes an IPv6 tree with 24-bit records,
 * which is what GeoLite2/GeoIP2 City and Country files are too.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue };
export interface MmdbNetwork {
  /** CIDR, e.g. '203.0.113.0/24' or '2001:db8:abcd::/48'. */
  network: string;
  data: MmdbValue;
}

/** Metadata also needs a uint64 (build_epoch), which MmdbValue deliberately leaves out. */
type Encodable = MmdbValue | bigint | Encodable[] | { [key: string]: Encodable };
/** A tree record: another node, a data offset, or nothing (which is written as "not found"). */
type TreeRecord = TreeNode | { data: number } | null;
interface TreeNode {
  records: [TreeRecord, TreeRecord];
}

const RECORD_SIZE = 24;
const METADATA_MARKER = Buffer.concat([Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com')]);

/** Parses a CIDR into 16 address bytes and a prefix length in the 128-bit space. */
function parseCidr(cidr: string): { bytes: number[]; prefix: number } {
  const invalid = (why: string) => new Error(`writeMmdb: invalid CIDR '${cidr}': ${why}`);
  const [address = '', length, ...rest] = cidr.split('/');
  if (length === undefined || rest.length > 0 || !/^\d{1,3}$/.test(length)) throw invalid('expected address/prefix');
  let bytes: number[];
  let prefix = Number(length);
  if (isIPv4(address)) {
    if (prefix > 32) throw invalid('IPv4 prefix must be at most 32');
    // IPv4 lives in ::/96 (96 zero bits first): that is where readers start IPv4 lookups.
    bytes = [...new Array<number>(12).fill(0), ...address.split('.').map(Number)];
    prefix += 96;
  } else if (isIPv6(address)) {
    if (prefix > 128) throw invalid('IPv6 prefix must be at most 128');
    // Turn a dotted IPv4 tail into two hex groups, then expand '::' into zero groups.
    const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) =>
      [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((n) => n.toString(16)).join(':'),
    );
    const [head = '', tail] = hex.split('::');
    const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
    const left = groups(head);
    const right = tail === undefined ? [] : groups(tail);
    const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
    bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  } else {
    throw invalid('not an IPv4 or IPv6 address');
  }
  // The root is a node, never data, so a /0 cannot be stored.
  if (prefix === 0) throw invalid('a /0 network cannot be stored');
  for (let bit = prefix; bit < 128; bit++) {
    if (bitAt(bytes, bit)) throw invalid('host bits are set after the prefix');
  }
  return { bytes, prefix };
}

function bitAt(bytes: number[], index: number): 0 | 1 {
  return ((bytes[index >> 3]! >> (7 - (index & 7))) & 1) as 0 | 1;
}

/** Encodes one data-section value (MaxMind DB spec, "Output Data Section"). */
function encode(value: Encodable): Buffer {
  // Control byte: type in the top 3 bits (0 = extended, real type - 7 in the next byte),
  // size in the low 5 bits, with 29/30/31 meaning 1/2/3 extra size bytes follow.
  const head = (type: number, size: number): Buffer => {
    const typeBits = type <= 7 ? type << 5 : 0;
    const extended = type <= 7 ? [] : [type - 7];
    if (size < 29) return Buffer.from([typeBits | size, ...extended]);
    if (size < 285) return Buffer.from([typeBits | 29, ...extended, size - 29]);
    if (size < 65_821) return Buffer.from([typeBits | 30, ...extended, (size - 285) >> 8, (size - 285) & 0xff]);
    const s = size - 65_821;
    return Buffer.from([typeBits | 31, ...extended, s >> 16, (s >> 8) & 0xff, s & 0xff]);
  };
  // Unsigned integers are stored big-endian in as few bytes as needed.
  const uint = (type: number, n: bigint): Buffer => {
    const bytes: number[] = [];
    for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
    return Buffer.concat([head(type, bytes.length), Buffer.from(bytes)]);
  };
  if (typeof value === 'string') {
    const utf8 = Buffer.from(value, 'utf8');
    return Buffer.concat([head(2, utf8.length), utf8]);
  }
  if (typeof value === 'boolean') return head(14, value ? 1 : 0); // the size bits are the value
  if (typeof value === 'bigint') return uint(9, value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff) return uint(6, BigInt(value));
    const double = Buffer.alloc(8);
    double.writeDoubleBE(value);
    return Buffer.concat([head(3, 8), double]);
  }
  if (Array.isArray(value)) return Buffer.concat([head(11, value.length), ...value.map(encode)]);
  const entries = Object.entries(value);
  return Buffer.concat([head(7, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
}

export function writeMmdb(
  networks: MmdbNetwork[],
  options: { databaseType?: string; languages?: string[] } = {},
): Buffer {
  const root: TreeNode = { records: [null, null] };
  const dataChunks: Buffer[] = [];
  let dataSize = 0;
  // Broad networks first, so a narrower one later splits the broad one's data record.
  const parsed = networks.map((n) => ({ ...parseCidr(n.network), data: n.data }));
  for (const { bytes, prefix, data } of parsed.sort((a, b) => a.prefix - b.prefix)) {
    const chunk = encode(data);
    const record = { data: dataSize };
    dataChunks.push(chunk);
    dataSize += chunk.length;
    let node = root;
    for (let bit = 0; bit < prefix - 1; bit++) {
      const side = bitAt(bytes, bit);
      const next = node.records[side];
      if (next === null || 'data' in next) node.records[side] = { records: [next, next] };
      node = node.records[side] as TreeNode;
    }
    node.records[bitAt(bytes, prefix - 1)] = record;
  }

  // Like MaxMind's own databases, make ::ffff:0:0/96 (IPv4-mapped) lead to the IPv4 subtree,
  // unless the caller stored something on that path.
  let ipv4: TreeRecord = root;
  for (let bit = 0; bit < 96 && ipv4 !== null && !('data' in ipv4); bit++) ipv4 = ipv4.records[0];
  let mapped: TreeNode = root;
  let depth = 0;
  for (; ipv4 !== null && depth < 95; depth++) {
    const side = depth >= 80 ? 1 : 0; // ::ffff:0:0 is 80 zero bits, then 16 one bits
    const next: TreeRecord = mapped.records[side] ?? { records: [null, null] };
    if ('data' in next) break; // a broader network already covers the mapped range
    mapped.records[side] = next;
    mapped = next;
  }
  if (depth === 95 && mapped.records[1] === null) mapped.records[1] = ipv4;

  // Number the nodes breadth-first; a Map keeps the aliased subtree from being counted twice.
  const ids = new Map<TreeNode, number>([[root, 0]]);
  for (const node of ids.keys()) {
    for (const r of node.records) if (r !== null && !('data' in r) && !ids.has(r)) ids.set(r, ids.size);
  }
  const nodeCount = ids.size;
  // Record values: < nodeCount is a node, == nodeCount is "not found", and data lives at
  // nodeCount + 16 (the zero separator) + its offset in the data section.
  const value = (r: TreeRecord): number => (r === null ? nodeCount : 'data' in r ? nodeCount + 16 + r.data : ids.get(r)!);
  if (nodeCount + 16 + dataSize >= 2 ** RECORD_SIZE) throw new Error('writeMmdb: too large for 24-bit records');
  const tree = Buffer.alloc(nodeCount * 6);
  for (const [node, id] of ids) {
    tree.writeUIntBE(value(node.records[0]), id * 6, 3);
    tree.writeUIntBE(value(node.records[1]), id * 6 + 3, 3);
  }

  const metadata = encode({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: BigInt(Math.floor(Date.now() / 1000)),
    database_type: options.databaseType ?? 'GeoLite2-City',
    description: { en: 'Postern test database' },
    ip_version: 6,
    languages: options.languages ?? ['en'],
    node_count: nodeCount,
    record_size: RECORD_SIZE,
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...dataChunks, METADATA_MARKER, metadata]);
}
