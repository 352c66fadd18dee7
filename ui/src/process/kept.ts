/** Values made once per key and made again only when one of their inputs changed (compared by
 * identity); `done` ends a pass, forgetting the keys it did not ask for. */
export class Kept<T> {
  private last = new Map<string, { inputs: unknown[]; value: T }>();
  private next = new Map<string, { inputs: unknown[]; value: T }>();

  get(key: string, inputs: unknown[], make: () => T): T {
    const kept = this.last.get(key);
    const entry = kept && kept.inputs.length === inputs.length && kept.inputs.every((x, i) => x === inputs[i]) ? kept : { inputs, value: make() };
    this.next.set(key, entry);
    return entry.value;
  }

  done() {
    this.last = this.next;
    this.next = new Map();
  }
}
