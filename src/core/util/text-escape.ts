// Escaping for text that comes from templates (resource names, property values) and ends up in Markdown or
// XML: a resource named `<img onerror=…>` or `a|b` must render as text, never as markup or a broken table.

/**
 * Inline Markdown (never at the start of a line): HTML is entity-escaped and every character that could
 * start emphasis, code, a link or a table cell is backslash-escaped; newlines become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => '\\' + c);
}

/** Text for a Markdown inline code span: the fence is longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A value as short readable text: strings as-is, `(not set)` for undefined, JSON otherwise, truncated. */
export function displayValue(value: unknown, max = 200): string {
  let text: string;
  if (value === undefined) text = '(not set)';
  else if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length <= max) return text;
  let end = max - 1;
  // Never between the halves of a surrogate pair: a lone half is not Unicode (strict JSON readers refuse it).
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
