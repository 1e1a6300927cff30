// ARM accepts templates and parameter files with `//` and `/* */` comments (az CLI and PowerShell deploy
// them), so the scanner must too. Comments are blanked, not removed: every other character keeps its line
// and column, so findings, notes and JSON errors point at the same place in the file the user has open.
// Only used after JSON.parse has failed, so the common case pays nothing.

/** The text with every comment outside strings replaced by spaces (line breaks kept); undefined when it has none. */
export function blankJsonComments(text: string): string | undefined {
  let out: string[] | undefined;
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c !== 0x2f /* / */) continue;
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === 0x2f) {
      end = i + 2;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    } else if (next === 0x2a /* * */) {
      const close = text.indexOf('*/', i + 2);
      // An unterminated comment is left alone: the parser then reports it where it starts.
      if (close < 0) return out ? (out.push(text.slice(last)), out.join('')) : undefined;
      end = close + 2;
    } else continue;
    out ??= [];
    out.push(text.slice(last, i), text.slice(i, end).replace(/[^\r\n]/g, ' '));
    last = end;
    i = end - 1;
  }
  if (!out) return undefined;
  out.push(text.slice(last));
  return out.join('');
}
