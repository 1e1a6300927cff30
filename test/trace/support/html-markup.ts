// The markup the HTML renderer is allowed to write. Anything else (a tag or attribute that came from user
// text) means an escape was missed.

const ALLOWED_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'p', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'br', 'footer']);
const ALLOWED_ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'class', 'scope', 'rowspan']);

/** Tags or attributes outside the renderer's own vocabulary, as found in the page (style block skipped). */
export function unexpectedMarkup(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  const problems: string[] = [];
  for (const tag of body.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(tag[1].toLowerCase())) problems.push(tag[0]);
    for (const attr of tag[2].matchAll(/\s([^\s=]+)=/g)) if (!ALLOWED_ATTRS.has(attr[1].toLowerCase())) problems.push(tag[0]);
  }
  return problems;
}
