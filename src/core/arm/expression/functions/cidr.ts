// CIDR functions (parseCidr, cidrSubnet, cidrHost) for IPv4 and IPv6, with addresses as BigInt.
// Shapes follow the ARM documentation: IPv4 has a broadcast address and reserves the network and
// broadcast addresses; IPv6 has neither.

import type { CallSite, FunctionDef } from '../evaluator';
import { objectFromEntries } from '../values';
import { expectInt, expectString, fn } from './args';

interface Network {
  v6: boolean;
  bits: number;
  address: bigint;
  prefix: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function formatIPv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
function formatIPv6(v: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function format(n: Network, v: bigint): string {
  return n.v6 ? formatIPv6(v) : formatIPv4(v);
}

function parseNetwork(site: CallSite, s: string): Network {
  const slash = s.indexOf('/');
  if (slash < 0) site.fail(`'${s}' is not in CIDR notation (address/prefix).`);
  const addressText = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  const v6 = addressText.includes(':');
  const address = v6 ? parseIPv6(addressText) : parseIPv4(addressText);
  const bits = v6 ? 128 : 32;
  if (address === undefined) site.fail(`'${addressText}' is not a valid IPv${v6 ? 6 : 4} address.`);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) site.fail(`'/${prefixText}' is not a valid prefix length for IPv${v6 ? 6 : 4}.`);
  const prefix = Number(prefixText);
  return { v6, bits, address: address & mask(bits, prefix), prefix };
}

function mask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function lastAddress(n: Network): bigint {
  return n.address | ((1n << BigInt(n.bits - n.prefix)) - 1n);
}

function parseCidr(args: unknown[], site: CallSite): unknown {
  const n = parseNetwork(site, expectString(site, args, 0));
  const last = lastAddress(n);
  const entries: [string, unknown][] = [
    ['network', format(n, n.address)],
    ['netmask', format(n, mask(n.bits, n.prefix))],
  ];
  if (!n.v6) {
    entries.push(['broadcast', format(n, last)]);
    // /31 and /32 have no network or broadcast address to reserve (RFC 3021).
    const reserve = n.prefix <= 30 ? 1n : 0n;
    entries.push(['firstUsable', format(n, n.address + reserve)], ['lastUsable', format(n, last - reserve)]);
  } else {
    entries.push(['firstUsable', format(n, n.address)], ['lastUsable', format(n, last)]);
  }
  entries.push(['cidr', n.prefix]);
  return objectFromEntries(entries);
}

function cidrSubnet(args: unknown[], site: CallSite): string {
  const n = parseNetwork(site, expectString(site, args, 0));
  const newPrefix = expectInt(site, args, 1);
  const index = expectInt(site, args, 2);
  if (newPrefix < n.prefix || newPrefix > n.bits) {
    site.fail(`the new prefix length ${newPrefix} must be between ${n.prefix} and ${n.bits}.`);
  }
  const count = 1n << BigInt(newPrefix - n.prefix);
  if (index < 0 || BigInt(index) >= count) site.fail(`the subnet index ${index} is outside 0..${count - 1n}.`);
  const subnet = n.address + (BigInt(index) << BigInt(n.bits - newPrefix));
  return `${format(n, subnet)}/${newPrefix}`;
}

function cidrHost(args: unknown[], site: CallSite): string {
  const n = parseNetwork(site, expectString(site, args, 0));
  const index = expectInt(site, args, 1);
  const last = lastAddress(n);
  const reservedTop = !n.v6 && n.prefix <= 30 ? 1n : 0n;
  const first = n.v6 || n.prefix <= 30 ? n.address + 1n : n.address;
  const host = first + BigInt(index);
  if (index < 0 || host > last - reservedTop) site.fail(`the host index ${index} is outside the usable addresses of the range.`);
  return format(n, host);
}

export const cidrFunctions: FunctionDef[] = [
  fn('parseCidr', 1, 1, parseCidr),
  fn('cidrSubnet', 3, 3, cidrSubnet),
  fn('cidrHost', 2, 2, cidrHost),
];
