/**
 * Remembers the last `capacity` (project, uuid, event) keys so a client retry of an already stored event is
 * recognised and not counted twice. Keys are 52-bit FNV-1a hashes kept in a ring (oldest forgotten first) and in an
 * open-addressing hash table, both typed arrays: memory stays fixed and the garbage collector has nothing to trace.
 * (A Set of such numbers held each as a heap object, 2 million of them, and every key added was one more object to
 * promote: a fifth of the ingest thread's time went to the collector.)
 */
export class RecentEventKeys {
  private readonly ring: Float64Array;
  /** Linear probing, EMPTY where no key is; deletion shifts the cluster back, so there are no tombstones. */
  private readonly table: Float64Array;
  private readonly mask: number;
  private next = 0;
  private count = 0;

  constructor(private readonly capacity = 2_000_000) {
    this.ring = new Float64Array(capacity).fill(EMPTY);
    // At most half full, so probe runs stay short.
    let slots = 2;
    while (slots < capacity * 2) slots *= 2;
    this.table = new Float64Array(slots).fill(EMPTY);
    this.mask = slots - 1;
  }

  has(teamId: number, uuid: string, event: string): boolean {
    return this.hasKey(hashKey(teamId, uuid, event));
  }

  /** The key of an event, for hasKey / addKey (hash once, use twice). */
  static key(teamId: number, uuid: string, event: string): number {
    return hashKey(teamId, uuid, event);
  }

  hasKey(key: number): boolean {
    return this.slotOf(key) >= 0;
  }

  /** Adds the key; returns false when it was already there (a duplicate). */
  add(teamId: number, uuid: string, event: string): boolean {
    return this.addKey(hashKey(teamId, uuid, event));
  }

  addKey(key: number): boolean {
    if (this.slotOf(key) >= 0) return false;
    const evicted = this.ring[this.next];
    if (evicted !== EMPTY) this.remove(evicted);
    this.ring[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    let slot = home(key, this.mask);
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = key;
    this.count++;
    return true;
  }

  get size(): number {
    return this.count;
  }

  /** The slot holding `key`, or -1. */
  private slotOf(key: number): number {
    for (let slot = home(key, this.mask); ; slot = (slot + 1) & this.mask) {
      const held = this.table[slot];
      if (held === key) return slot;
      if (held === EMPTY) return -1;
    }
  }

  // Backward-shift deletion: later keys of the run move into the hole unless that would put them before their home.
  private remove(key: number): void {
    let hole = this.slotOf(key);
    if (hole < 0) return;
    this.count--;
    for (let slot = (hole + 1) & this.mask; this.table[slot] !== EMPTY; slot = (slot + 1) & this.mask) {
      const want = home(this.table[slot], this.mask);
      // Movable when its home is not in (hole, slot], going round the table.
      const stays = hole <= slot ? hole < want && want <= slot : hole < want || want <= slot;
      if (stays) continue;
      this.table[hole] = this.table[slot];
      hole = slot;
    }
    this.table[hole] = EMPTY;
  }
}

/**
 * The keys of one batch, to find an event repeated within it: the same kind of typed-array table, emptied and sized
 * for each batch (a Set of these 52-bit numbers boxes every key it is given).
 */
export class BatchEventKeys {
  private table = new Float64Array(0);
  private mask = 0;

  /** Empties the set, with room for `count` keys. */
  reset(count: number): void {
    let slots = 1024;
    while (slots < count * 2) slots *= 2;
    if (this.table.length !== slots) {
      this.table = new Float64Array(slots);
      this.mask = slots - 1;
    }
    this.table.fill(EMPTY);
  }

  /** Adds the key; returns false when it was already there. At most the `count` given to reset may be added. */
  add(key: number): boolean {
    for (let slot = home(key, this.mask); ; slot = (slot + 1) & this.mask) {
      const held = this.table[slot];
      if (held === key) return false;
      if (held === EMPTY) {
        this.table[slot] = key;
        return true;
      }
    }
  }
}

/** Keys are non-negative, so -1 marks a free ring entry or table slot. */
const EMPTY = -1;

/** A key's first slot: its upper 32 bits (hashKey's first FNV lane), masked. */
const home = (key: number, mask: number): number => (key / 0x100000) & mask;

function hashKey(teamId: number, uuid: string, event: string): number {
  const text = `${teamId}|${uuid}|${event}`;
  // Two 32-bit FNV-1a lanes combined into 52 bits: collisions are negligible at a few million keys.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
}
