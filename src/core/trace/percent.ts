/**
 * `part ÷ whole` as a percentage with one decimal, rounded half up, computed on integers so the string
 * never depends on floating-point formatting ("0.0" when whole is 0).
 */
export function percentOneDecimal(part: number, whole: number): string {
  if (whole <= 0) return '0.0';
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
