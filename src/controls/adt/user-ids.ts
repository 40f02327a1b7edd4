/**
 * User IDs as integers, so the engine finds a User's thresholds by arithmetic rather than by
 * looking text up in a Map of strings (adt.md, "Performance"). A User ID in the canonical form
 * requests carry (upper-case hexadecimal, `90-B3-D5-1F-30-01-00-00`) is read as its two 32-bit
 * halves; any other text (a lower-case User ID in a thresholds file, say) is numbered the first
 * time a state is built with it, and flagged apart (`kind` 1), so two User IDs read the same
 * exactly when their texts are equal.
 */
export class UserIds {
  /** The User ID `read` last accepted: its halves (or its number and 0), and its kind. */
  high = 0;
  low = 0;
  kind = 0;
  private readonly others = new Map<string, number>();

  /**
   * Reads `id` into `high`, `low` and `kind`. Text not in the canonical form is given a number
   * if `enrol`; otherwise, if it has none, the answer is false (no threshold names it).
   */
  read(id: string, enrol = false): boolean {
    if (this.readCanonical(id)) {
      this.kind = 0;
      return true;
    }
    let other = this.others.get(id);
    if (other === undefined) {
      if (!enrol) return false;
      other = this.others.size;
      this.others.set(id, other);
    }
    this.high = other;
    this.low = 0;
    this.kind = 1;
    return true;
  }

  /** The User ID read last, on SRV number `srv`, as one integer beside `high` and `low`; never 0. */
  tag(srv: number): number {
    return srv * 2 + this.kind + 1;
  }

  /**
   * Mixes the User ID read last with `tag`, so User IDs sharing a manufacturer's prefix still
   * spread over a table.
   */
  hash(tag: number): number {
    let h = Math.imul(this.high ^ Math.imul(tag, 0x27d4eb2f), 0x9e3779b1) ^ this.low;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /**
   * Reads a canonical User ID's halves. Every check is folded into the bits above the low byte
   * of `bad`, so the common case is a straight run of reads with one branch at the end.
   */
  private readCanonical(id: string): boolean {
    if (id.length !== 23) return false;
    let high = 0;
    let low = 0;
    let bad = 0;
    for (let at = 0; at < 12; at += 3) {
      const byte = pair(id, at);
      bad |= byte;
      high = (high << 8) | byte;
    }
    for (let at = 12; at < 23; at += 3) {
      const byte = pair(id, at);
      bad |= byte;
      low = (low << 8) | byte;
    }
    for (let at = 2; at < 23; at += 3) bad |= (id.charCodeAt(at) ^ dash) << 8;
    if ((bad & ~255) !== 0) return false;
    this.high = high;
    this.low = low;
    return true;
  }
}

const dash = 45;

/** Each ASCII code's hexadecimal value, upper-case digits only; anything else sets bit 8. */
const digits = new Int16Array(128).fill(256);
for (let i = 0; i < 16; i++) digits["0123456789ABCDEF".charCodeAt(i)] = i;

/** The byte the two digits at `at` spell, or a value above 255 if they are not two digits. */
function pair(id: string, at: number): number {
  const first = id.charCodeAt(at);
  const second = id.charCodeAt(at + 1);
  // A code above 127 keeps its high bits, which the caller's check catches.
  return ((digits[first & 127]! | (first & ~127)) << 4) | digits[second & 127]! | (second & ~127);
}
