/**
 * Where each distinct prompt of a file first appeared, for duplicates, conflicting answers and leakage.
 * An open-addressing table on typed arrays: about 40 bytes a prompt (a cell in a table at most half full,
 * and a key, line, offset and length per slot), and no object per entry for the collector to
 * trace, so a million-record file costs tens of megabytes and a lookup is a few array reads. A `Map` of
 * number keys costs about four times the time and twice the memory here. Answers and texts are not kept:
 * a repeat is confirmed by reading both lines back from the file.
 */
export class PromptIndex {
  /** Table cells: a slot + 1, or 0 for an empty cell. Keys are uniformly distributed digests. */
  #cellSlot = new Int32Array(2048);
  #mask = 2047;
  #key = new Float64Array(1024);
  #line = new Int32Array(1024);
  #length = new Int32Array(1024);
  #offset = new Float64Array(1024);
  #size = 0;

  /** The slot of the prompt with this key, if seen before. */
  get(key: number): number | undefined {
    const slot = this.#cellSlot[this.#cell(key)]!;
    return slot === 0 ? undefined : slot - 1;
  }

  /** Records a prompt not seen before (see `get`). */
  add(key: number, line: number, offset: number, length: number): void {
    if (this.#size === this.#line.length) this.#growSlots();
    if (2 * (this.#size + 1) > this.#cellSlot.length) this.#growCells();
    const slot = this.#size++;
    this.#key[slot] = key;
    this.#line[slot] = line;
    this.#offset[slot] = offset;
    this.#length[slot] = length;
    this.#cellSlot[this.#cell(key)] = slot + 1;
  }

  /** Line, byte offset and byte length of the record in a slot. */
  at(slot: number): { line: number; offset: number; length: number } {
    return { line: this.#line[slot]!, offset: this.#offset[slot]!, length: this.#length[slot]! };
  }

  /** Keys and slots, in the order the prompts were added. */
  *entries(): IterableIterator<[number, number]> {
    for (let slot = 0; slot < this.#size; slot++) yield [this.#key[slot]!, slot];
  }

  /** The key's cell, or the empty cell where it would go (linear probing). */
  #cell(key: number): number {
    const mask = this.#mask;
    // The low 32 bits of a digest are as good a hash as any.
    let cell = (key % 4294967296) & mask;
    for (;;) {
      const slot = this.#cellSlot[cell]!;
      if (slot === 0 || this.#key[slot - 1] === key) return cell;
      cell = (cell + 1) & mask;
    }
  }

  #growCells(): void {
    const n = this.#cellSlot.length * 2;
    this.#cellSlot = new Int32Array(n);
    this.#mask = n - 1;
    for (let slot = 0; slot < this.#size; slot++) this.#cellSlot[this.#cell(this.#key[slot]!)] = slot + 1;
  }

  #growSlots(): void {
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.#key = grow(this.#key, (n) => new Float64Array(n));
    this.#line = grow(this.#line, (n) => new Int32Array(n));
    this.#length = grow(this.#length, (n) => new Int32Array(n));
    this.#offset = grow(this.#offset, (n) => new Float64Array(n));
  }
}
