/** ANSI styling for text output; every function is the identity when colour is off. */
import type { Style } from '../text-style.js';
import { useColour, type CliIO } from './io.js';

export type { Style };

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOUR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

const same = (text: string) => text;
const PLAIN: Style = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

/** The style for text bound for stdout (`toStdout`) or for a file, which is never coloured. */
export function styleFor(io: CliIO, toStdout = true): Style {
  return toStdout && useColour(io) ? COLOUR : PLAIN;
}
