// Every string in the matrix comes from people (work item titles, plan names, approver names) and must stay
// text in every rendering: no markup, no formula, no terminal control sequence.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in HTML text and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Safe inside a Markdown table cell or paragraph: `&`, `<` and `>` become entities (so raw HTML and
 * autolinks in angle brackets are never recognised), the characters that open emphasis, code, links
 * (`[`), strikethrough or a cell (`|`) are backslash-escaped, and line breaks, which would end a table
 * row, become spaces. Parentheses need no escape once `[` cannot open a link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]);
}

// A cell that begins with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** One RFC 4180 field, with a leading apostrophe where a spreadsheet would otherwise evaluate a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_TRIGGER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * For terminals and pipeline logs: C0/C1 controls (ANSI escapes, line breaks) become spaces, and `##` is
 * split so the agent never reads a `##vso[` logging command or a `##[` format command out of data.
 */
export function plainText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/#(?=#)/g, '# ');
}
