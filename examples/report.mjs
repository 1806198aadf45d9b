// Runs example steps and prints, for each example, what it expects next to what entra-guard predicted.
//
// A step is `{ title, run(): Promise<Row[]> }`, a row `{ example, about, command, expected, predicted, fix? }`;
// `expected` and `predicted` are an AADSTS code, 'accepted' or 'clean'.

/** Prints the report with `write` and resolves to the number of examples predicted otherwise than expected. */
export async function report(steps, { write = (line) => console.log(line), colour = false } = {}) {
  const paint = (code) => (text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const [green, red, dim, bold] = [paint(32), paint(31), paint(2), paint(1)];
  let total = 0;
  let failed = 0;
  write(bold('entra-guard examples: what Entra would answer, predicted offline'));
  for (const step of steps) {
    write('');
    write(bold(step.title));
    for (const row of await step.run()) {
      total++;
      const ok = row.predicted === row.expected;
      if (!ok) failed++;
      write(`  ${ok ? green('✓') : red('✗')} ${row.example}: ${row.about}`);
      write(`      expected ${row.expected}, predicted ${ok ? row.predicted : red(row.predicted)}`);
      if (row.fix !== undefined) write(`      fix: ${row.fix}`);
      write(dim(`      $ ${row.command}`));
    }
  }
  write('');
  write(
    failed === 0
      ? green(`All ${total} examples predicted as expected.`)
      : red(`${failed} of ${total} examples predicted otherwise than expected.`),
  );
  return failed;
}
