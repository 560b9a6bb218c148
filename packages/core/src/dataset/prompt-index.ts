/**
 * Where each distinct prompt of a file first appeared, for duplicates, conflicting answers and leakage.
 * About 40 bytes a prompt (a number key in a Map and three typed-array slots), so a million-record file
 * costs tens of megabytes, not hundreds. Answers and texts are not kept: a repeat is confirmed by
 * reading both lines back from the file.
 */
export class PromptIndex {
  readonly #slots = new Map<number, number>();
  #line = new Int32Array(1024);
  #length = new Int32Array(1024);
  #offset = new Float64Array(1024);
  #size = 0;

  /** The slot of the prompt with this key, if seen before. */
  get(key: number): number | undefined {
    return this.#slots.get(key);
  }

  add(key: number, line: number, offset: number, length: number): void {
    if (this.#size === this.#line.length) this.#grow();
    const slot = this.#size++;
    this.#line[slot] = line;
    this.#offset[slot] = offset;
    this.#length[slot] = length;
    this.#slots.set(key, slot);
  }

  /** Line, byte offset and byte length of the record in a slot. */
  at(slot: number): { line: number; offset: number; length: number } {
    return { line: this.#line[slot]!, offset: this.#offset[slot]!, length: this.#length[slot]! };
  }

  entries(): IterableIterator<[number, number]> {
    return this.#slots.entries();
  }

  #grow(): void {
    const n = this.#line.length * 2;
    const line = new Int32Array(n);
    const length = new Int32Array(n);
    const offset = new Float64Array(n);
    line.set(this.#line);
    length.set(this.#length);
    offset.set(this.#offset);
    this.#line = line;
    this.#length = length;
    this.#offset = offset;
  }
}
