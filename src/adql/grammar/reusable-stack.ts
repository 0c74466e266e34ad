/**
 * A stack over an array that only grows: popping moves the top down and leaves the array alone.
 * Lowering an array's length (or popping it empty) makes V8 trim or drop its backing store, so the
 * next push allocates a new one; the parser pushes and pops its operand stacks for every value.
 * Entries above the top keep their old values until overwritten, so clear() after each parse.
 */
export class ReusableStack<T> {
  private readonly items: T[] = [];
  /** The number of entries; lowering it pops them. */
  top = 0;

  push(item: T): void {
    this.items[this.top++] = item;
  }

  pop(): T {
    return this.items[--this.top]!;
  }

  at(index: number): T {
    return this.items[index]!;
  }

  /** The entries from `from` to the top, as a new array. */
  from(from: number): T[] {
    return this.items.slice(from, this.top);
  }

  /** Empties the stack and lets go of everything it held. */
  clear(): void {
    this.items.length = 0;
    this.top = 0;
  }
}
