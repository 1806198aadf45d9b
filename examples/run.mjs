// The main job (`pnpm run examples`): every step below on the bundled examples, with the real CLI.
// Exit 1 if any prediction differs from what its example expects. Add a step: write
// `steps/<name>.mjs` exporting `{ title, run }` (see report.mjs) and list it here.
import { report } from './report.mjs';
import { checkFic } from './steps/check-fic.mjs';
import { checkToken } from './steps/check-token.mjs';
import { lint } from './steps/lint.mjs';

const STEPS = [checkToken, checkFic, lint];

const failed = await report(STEPS, { colour: process.stdout.isTTY === true && !process.env.NO_COLOR });
process.exitCode = failed === 0 ? 0 : 1;
