/**
 * Text from input (claims, context values, file snippets) shown on a terminal: control characters
 * (C0, DEL, C1) and bidirectional overrides become visible `\uXXXX` escapes, so a value cannot clear
 * the screen, write the clipboard (OSC 52), move the cursor or reorder what is shown. JSON output
 * reads the same, since `\uXXXX` is also a JSON string escape.
 */

/* eslint-disable no-control-regex -- finding control characters is what this module is for */

// C0 but tab and newline, DEL, C1, and the bidi marks, embeddings, overrides and isolates.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The colour codes entra-guard's own text styling writes: kept when they stand alone. */
const OWN_STYLE = /^\u001b\[(?:1|2|22|31|32|33|36|39)m/;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A value quoted inside one line of text: line breaks and tabs are escaped too. */
export function visibleValue(text: string): string {
  return text.replace(CONTROLS_AND_BREAKS, escape);
}

/** entra-guard's progress line: it starts a write by going back and clearing the line. */
const REWRITE_LINE = '\r\u001b[2K';

/** Whole output: lines stay lines, entra-guard's own colour codes stay colour, and its progress line a progress line. */
export function visibleOutput(text: string): string {
  const rewrite = text.startsWith(REWRITE_LINE);
  return text.replace(CONTROLS, (c, offset: number) =>
    (rewrite && offset < REWRITE_LINE.length) || (c === '\u001b' && OWN_STYLE.test(text.slice(offset, offset + 5)))
      ? c
      : escape(c),
  );
}
