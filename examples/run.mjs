// The main job (`pnpm run examples`): runs every step on the bundled examples with the real CLI and
// prints what entra-guard predicts next to what each example expects. Exit 1 if any differs.
//
// A step is `{ title, run(): Promise<Row[]> }` with Row = { example, about, command, expected, predicted, fix? }
// (`expected`/`predicted`: an AADSTS code, 'accepted' or 'clean'). Add yours to STEPS.
import { checkToken } from './steps/check-token.mjs';

const STEPS = [checkToken];

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
const [green, red, dim, bold] = [paint(32), paint(31), paint(2), paint(1)];

let total = 0;
let failed = 0;
console.log(bold('entra-guard examples: what Entra would answer, predicted offline\n'));
for (const step of STEPS) {
  console.log(bold(step.title));
  for (const row of await step.run()) {
    total++;
    const ok = row.predicted === row.expected;
    if (!ok) failed++;
    console.log(`  ${ok ? green('✓') : red('✗')} ${row.example}: ${row.about}`);
    console.log(`      expected ${row.expected}, predicted ${ok ? row.predicted : red(row.predicted)}`);
    if (row.fix !== undefined) console.log(`      fix: ${row.fix}`);
    console.log(dim(`      $ ${row.command}`));
  }
  console.log('');
}
console.log(failed === 0 ? green(`All ${total} examples predicted as expected.`) : red(`${failed} of ${total} examples predicted otherwise.`));
process.exitCode = failed === 0 ? 0 : 1;
