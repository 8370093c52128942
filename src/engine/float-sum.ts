/**
 * The sum of doubles, correctly rounded: Shewchuk's exact partials, as Python's `math.fsum`. Unlike a running
 * `+=`, the result does not depend on the order of the values, so a mean over customers is the same whatever order
 * the customers come in (the add-in numbers them by first appearance, the CLI by id).
 */
export function correctlyRoundedSum(values: ArrayLike<number>): number {
  const partials: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let x = values[i]!;
    let kept = 0;
    for (let p = 0; p < partials.length; p++) {
      let y = partials[p]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const high = x + y;
      const low = y - (high - x);
      if (low !== 0) partials[kept++] = low;
      x = high;
    }
    partials.length = kept;
    partials.push(x);
  }
  // Add the partials from the largest, stopping where the rest cannot change the result, then round half to even.
  let n = partials.length;
  if (n === 0) return 0;
  let high = partials[--n]!;
  let low = 0;
  while (n > 0) {
    const x = high;
    const y = partials[--n]!;
    high = x + y;
    low = y - (high - x);
    if (low !== 0) break;
  }
  if (n > 0 && ((low < 0 && partials[n - 1]! < 0) || (low > 0 && partials[n - 1]! > 0))) {
    const y = low * 2;
    const x = high + y;
    if (y === x - high) high = x;
  }
  return high;
}
