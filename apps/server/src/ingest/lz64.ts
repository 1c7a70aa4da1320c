/**
 * lz-string's `decompressFromBase64` (the `compression=lz64` body of old posthog-js) with an output cap.
 *
 * Why not call the `lz-string` package: its dictionary grows by one entry per code and each entry can be one
 * character longer than the last, so output grows quadratically with input (a 20 MB body could ask for ~10^13
 * characters) and the package offers no way to stop early. This is the same algorithm (lz-string 1.5.0,
 * `_decompress` with the base64 alphabet, WTFPL) counting output characters; tests compare it with the package.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
/** Char code -> 6-bit value; -1 for characters outside the alphabet (the package reads them as 0). */
const BASE64_VALUES: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) table[BASE64_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export type Lz64Result = { ok: true; value: string } | { ok: false; reason: 'invalid' | 'too_large' };

/** Reads the input's bit stream, 6 bits per base64 character, least significant bit of each code first. */
class BitReader {
  private value: number;
  private position = 32;
  private index = 1;

  constructor(private readonly input: string) {
    this.value = this.charValue(0);
  }

  /** Whether the reader has passed the end of the input (the package treats that as a corrupt stream). */
  get exhausted(): boolean {
    return this.index > this.input.length;
  }

  read(bitCount: number): number {
    let bits = 0;
    for (let power = 1, i = 0; i < bitCount; i++, power *= 2) {
      if ((this.value & this.position) !== 0) bits += power;
      this.position >>= 1;
      if (this.position === 0) {
        this.position = 32;
        this.value = this.charValue(this.index++);
      }
    }
    return bits;
  }

  private charValue(index: number): number {
    const code = this.input.charCodeAt(index);
    const value = code < 128 ? BASE64_VALUES[code] : -1;
    return value < 0 ? 0 : value;
  }
}

/**
 * Decompresses lz-string base64 text, failing once the output would pass `maxOutputChars` UTF-16 units.
 * @example decompressLz64Capped(LZString.compressToBase64('{"a":1}'), 1000) // {ok:true, value:'{"a":1}'}
 */
export function decompressLz64Capped(input: string, maxOutputChars: number): Lz64Result {
  if (input === '') return { ok: false, reason: 'invalid' };
  const reader = new BitReader(input);
  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;

  const first = readLiteral(reader, reader.read(2));
  if (first === null) return { ok: true, value: '' };
  if (first === undefined) return { ok: false, reason: 'invalid' };
  dictionary.push(first);
  let previous = first;
  const parts: string[] = [first];
  let outputChars = first.length;

  for (;;) {
    if (reader.exhausted) return { ok: false, reason: 'invalid' };
    let code = reader.read(numBits);
    if (code === 2) return { ok: true, value: parts.join('') };
    if (code === 0 || code === 1) {
      dictionary.push(String.fromCharCode(reader.read(code === 0 ? 8 : 16)));
      code = dictionary.length - 1;
      if (--enlargeIn === 0) enlargeIn = 2 ** numBits++;
    }
    let entry: string;
    if (code < dictionary.length && dictionary[code] !== '') entry = dictionary[code];
    else if (code === dictionary.length) entry = previous + previous.charAt(0);
    else return { ok: false, reason: 'invalid' };

    outputChars += entry.length;
    if (outputChars > maxOutputChars) return { ok: false, reason: 'too_large' };
    parts.push(entry);
    dictionary.push(previous + entry.charAt(0));
    previous = entry;
    if (--enlargeIn === 0) enlargeIn = 2 ** numBits++;
  }
}

/** The first code: a literal character (0: 8 bits, 1: 16 bits), end of stream (2, null) or corrupt (undefined). */
function readLiteral(reader: BitReader, kind: number): string | null | undefined {
  if (kind === 0) return String.fromCharCode(reader.read(8));
  if (kind === 1) return String.fromCharCode(reader.read(16));
  if (kind === 2) return null;
  return undefined;
}
