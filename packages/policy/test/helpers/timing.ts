/** The best of five rounds of `reps` calls, in milliseconds: the least disturbed measurement. */
export function bestOf(fn: () => unknown, reps: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
