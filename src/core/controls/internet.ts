// What counts as "the internet" in a network rule or firewall IP rule: shared by the NSG controls and the
// service firewalls (storage, key vault) so that one source is judged the same everywhere.

import { textIn } from './access';

const ANY_SOURCE = ['*', 'Internet', 'Any', '0.0.0.0/0', '0.0.0.0', '::/0'];
/** IPv4 prefixes of at most this length count as the internet unless inside PRIVATE_V4. */
const BROAD_V4_PREFIX = 8;
/** Private and reserved IPv4 space: a broad prefix entirely inside one of these is not the internet. */
const PRIVATE_V4: [string, number][] = [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16]];

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** [first, last] address of an IPv4 CIDR, as numbers. */
function v4Range(base: number, len: number): [number, number] {
  const size = 2 ** (32 - len);
  const first = Math.floor(base / size) * size;
  return [first, first + size - 1];
}

/** Appended to the rationale of every control that decides "from the internet". */
export const INTERNET_SOURCES_NOTE = " Sources that count as the internet: '*', 'Any', 'Internet', 0.0.0.0/0, ::/0, any IPv4 prefix of length 8 or less (such as 0.0.0.0/1 or 128.0.0.0/1) that is not entirely inside private or reserved space (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, 169.254/16), and any IPv6 prefix of length 8 or less that overlaps the global unicast space 2000::/3 (such as 2000::/3 or ::/1).";

const PRIVATE_V4_RANGES = PRIVATE_V4.map(([a, len]) => v4Range(ipv4(a)!, len));

/**
 * Whether a rule source means the internet: a service tag or wildcard in ANY_SOURCE, or an IPv4
 * prefix of length ≤ BROAD_V4_PREFIX (such as 0.0.0.0/1 or 128.0.0.0/1) not entirely inside private
 * or reserved space.
 */
export function isInternetSource(source: unknown): boolean {
  if (textIn(source, ANY_SOURCE)) return true;
  if (typeof source !== 'string') return false;
  const m = /^\s*([\d.]+)\/(\d{1,2})\s*$/.exec(source);
  if (!m) return isBroadGlobalV6(source);
  const base = ipv4(m[1]!);
  const len = Number(m[2]);
  if (base === undefined || len > BROAD_V4_PREFIX) return false;
  const [first, last] = v4Range(base, len);
  return !PRIVATE_V4_RANGES.some(([a, b]) => first >= a && last <= b);
}
/**
 * An IPv6 prefix of length ≤ BROAD_V4_PREFIX whose first-byte range overlaps the global unicast space
 * 2000::/3 (first bytes 0x20-0x3f), the IPv6 internet: '2000::/3', '::/1', '::/0' written another way.
 */
function isBroadGlobalV6(source: string): boolean {
  const m = /^\s*([0-9a-f]{0,4})(:[0-9a-f:.]*)\/(\d{1,3})\s*$/i.exec(source);
  if (!m) return false;
  const len = Number(m[3]);
  if (len > BROAD_V4_PREFIX) return false;
  const firstByte = m[1] === '' ? 0 : parseInt(m[1]!.padStart(4, '0').slice(0, 2), 16);
  const size = 2 ** (8 - len);
  const first = Math.floor(firstByte / size) * size;
  return first <= 0x3f && first + size - 1 >= 0x20;
}
