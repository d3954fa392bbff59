// Array helpers that hold for any length: `target.push(...items)` passes every item as an argument,
// and past ~100k items (a broken 3 MB config can have 200k findings) the call overflows the stack.

/** Appends `items` to `target`, one by one; returns `target`. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}

/** The largest of `values` (-Infinity for none), without spreading them into arguments. */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}
