/**
 * xs.map(fn) as a packed array whichever tier runs it. V8's Array.prototype.map builtin returns a packed array, but
 * the same map inlined into TurboFan-optimised code returns a holey one: a caller's arrays change their hidden class
 * once the caller is optimised, and every optimised reader that saw only the other kind deopts ("wrong map"). The
 * rules' figure lists (the parts of a sum, read by present, totalHolds and checkTotal) are built with this.
 */
export function mapPacked<T, U>(xs: readonly T[], fn: (x: T) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(fn(xs[i]));
  return out;
}
