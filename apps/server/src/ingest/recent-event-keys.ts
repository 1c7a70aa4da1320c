/**
 * Remembers the last `capacity` (project, uuid, event) keys so a client retry of an already stored event is
 * recognised and not counted twice. Keys are 52-bit FNV-1a hashes kept in a ring, so memory stays fixed.
 */
export class RecentEventKeys {
  private readonly ring: Float64Array;
  private readonly present = new Set<number>();
  private next = 0;

  constructor(private readonly capacity = 2_000_000) {
    this.ring = new Float64Array(capacity).fill(-1);
  }

  has(teamId: number, uuid: string, event: string): boolean {
    return this.present.has(hashKey(teamId, uuid, event));
  }

  /** The key of an event, for hasKey / addKey (hash once, use twice). */
  static key(teamId: number, uuid: string, event: string): number {
    return hashKey(teamId, uuid, event);
  }

  hasKey(key: number): boolean {
    return this.present.has(key);
  }

  /** Adds the key; returns false when it was already there (a duplicate). */
  add(teamId: number, uuid: string, event: string): boolean {
    return this.addKey(hashKey(teamId, uuid, event));
  }

  addKey(key: number): boolean {
    if (this.present.has(key)) return false;
    const evicted = this.ring[this.next];
    if (evicted >= 0) this.present.delete(evicted);
    this.ring[this.next] = key;
    this.present.add(key);
    this.next = (this.next + 1) % this.capacity;
    return true;
  }

  get size(): number {
    return this.present.size;
  }
}

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
