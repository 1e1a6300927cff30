// Date functions. utcNow() is only known at deployment, so it is Unknown; dateTimeAdd, dateTimeToEpoch
// and dateTimeFromEpoch are pure and computed in UTC with .NET's calendar rules (adding a month to
// January 31st gives the last day of February).

import { Unknown } from '../../../model';
import type { CallSite, FunctionDef } from '../evaluator';
import { expectInt, expectString, fn } from './args';

interface Parsed {
  ms: number;
  /** The .NET format the input was written in, reused when no output format is given. */
  format: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z)?$/i;

function parseDate(site: CallSite, s: string): Parsed {
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, frac = '', zone: string | undefined;
  let format: string;
  const m = ISO.exec(s.trim());
  const c = m ? null : COMPACT.exec(s.trim());
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) {
      h = Number(m[5]);
      mi = Number(m[6]);
      sec = m[7] === undefined ? 0 : Number(m[7]);
      frac = m[8] ?? '';
    }
    zone = m[9];
    const sep = m[4] === ' ' ? ' ' : "'T'";
    format = `yyyy-MM-dd${sep}HH:mm:ss${frac ? `.${'f'.repeat(frac.length)}` : ''}'Z'`;
  } else if (c) {
    [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(c[i])) as [number, number, number, number, number, number];
    zone = c[7];
    format = "yyyyMMdd'T'HHmmss'Z'";
  } else {
    return site.fail(`'${s}' is not a date-time in ISO 8601 form (such as 2024-01-31T12:00:00Z).`);
  }
  const ms0 = Date.UTC(y, mo - 1, d, h, mi, sec, Number(frac.padEnd(3, '0').slice(0, 3)));
  const check = new Date(ms0);
  if (mo < 1 || mo > 12 || check.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) site.fail(`'${s}' is not a valid date-time.`);
  let offset = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  return { ms: ms0 - offset, format };
}

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const out = new Date(ms);
  out.setUTCFullYear(year, month, day);
  return out.getTime();
}

function addDuration(site: CallSite, ms: number, duration: string): number {
  const m = DURATION.exec(duration.trim());
  if (!m || duration.trim().replace(/^-/, '') === 'P' || /T$/i.test(duration.trim())) {
    site.fail(`'${duration}' is not an ISO 8601 duration (such as P1D, PT1H or -P3Y).`);
  }
  const sign = m[1] ? -1 : 1;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  let out = addMonths(ms, sign * (n(2) * 12 + n(3)));
  out += sign * ((n(4) * 7 + n(5)) * 86_400_000 + n(6) * 3_600_000 + n(7) * 60_000 + Math.round(n(8) * 1000));
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const STANDARD: Record<string, string> = {
  u: "yyyy-MM-dd HH:mm:ss'Z'",
  s: "yyyy-MM-dd'T'HH:mm:ss",
  o: "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
  O: "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  t: 'HH:mm',
  T: 'HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
};

/** .NET custom date and time format strings (invariant culture), in UTC. */
export function formatDate(site: CallSite, ms: number, format: string): string {
  const pattern = format.length === 1 ? STANDARD[format] : format;
  if (pattern === undefined) site.fail(`'${format}' is not a supported date-time format.`);
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) site.fail('the date-time is outside the years 1 to 9999.');
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) site.fail(`the date-time format '${format}' has an unclosed quote.`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === c) run++;
    const hour = d.getUTCHours();
    switch (c) {
      case 'y':
        out += run <= 2 ? pad(year % 100, run) : pad(year, run);
        break;
      case 'M':
        out += run >= 4 ? MONTHS[d.getUTCMonth()]! : run === 3 ? MONTHS[d.getUTCMonth()]!.slice(0, 3) : pad(d.getUTCMonth() + 1, run);
        break;
      case 'd':
        out += run >= 4 ? DAYS[d.getUTCDay()]! : run === 3 ? DAYS[d.getUTCDay()]!.slice(0, 3) : pad(d.getUTCDate(), run);
        break;
      case 'H':
        out += pad(hour, Math.min(run, 2));
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, Math.min(run, 2));
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), Math.min(run, 2));
        break;
      case 's':
        out += pad(d.getUTCSeconds(), Math.min(run, 2));
        break;
      case 'f':
      case 'F': {
        const digits = pad(d.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, Math.min(run, 7));
        out += c === 'F' ? digits.replace(/0+$/, '') : digits;
        break;
      }
      case 't':
        out += (hour < 12 ? 'AM' : 'PM').slice(0, run === 1 ? 1 : 2);
        break;
      case 'K':
        out += 'Z';
        break;
      case 'z':
        out += run === 1 ? '+0' : run === 2 ? '+00' : '+00:00';
        break;
      default:
        out += c.repeat(run);
    }
    i += run;
  }
  return out;
}

function dateTimeAdd(args: unknown[], site: CallSite): string {
  const base = parseDate(site, expectString(site, args, 0));
  const ms = addDuration(site, base.ms, expectString(site, args, 1));
  return formatDate(site, ms, args.length > 2 ? expectString(site, args, 2) : base.format);
}

function dateTimeToEpoch(args: unknown[], site: CallSite): number {
  return Math.floor(parseDate(site, expectString(site, args, 0)).ms / 1000);
}

function dateTimeFromEpoch(args: unknown[], site: CallSite): string {
  const seconds = expectInt(site, args, 0);
  return formatDate(site, seconds * 1000, "yyyy-MM-dd'T'HH:mm:ss'Z'");
}

export const dateFunctions: FunctionDef[] = [
  fn('utcNow', 0, 1, () => new Unknown('utcNow() is the time of the deployment'), { acceptsUnknown: true }),
  fn('dateTimeAdd', 2, 3, dateTimeAdd),
  fn('dateTimeToEpoch', 1, 1, dateTimeToEpoch),
  fn('dateTimeFromEpoch', 1, 1, dateTimeFromEpoch),
];
