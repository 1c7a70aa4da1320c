/**
 * An lz-string (`compressToBase64`) payload that inflates to a run of one character, built code by code so that a
 * 100+ MB output costs kilobytes and milliseconds to make (lz-string itself would take minutes to compress it).
 */
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

/** Bits packed as lz-string's base64 form does: values least significant bit first, 6 bits per character. */
class Base64BitWriter {
  private value = 0;
  private bits = 0;
  private readonly out: string[] = [];

  write(value: number, width: number): void {
    for (let i = 0; i < width; i++) {
      this.value = (this.value << 1) | ((value >> i) & 1);
      if (++this.bits === 6) {
        this.out.push(BASE64_ALPHABET[this.value]);
        this.value = 0;
        this.bits = 0;
      }
    }
  }

  finish(): string {
    if (this.bits > 0) this.out.push(BASE64_ALPHABET[this.value << (6 - this.bits)]);
    while (this.out.length % 4 !== 0) this.out.push('=');
    return this.out.join('');
  }
}

/**
 * lz-string base64 text whose decompression is `char` repeated about codes²/2 times: after the literal, every code
 * names the dictionary entry being defined (previous entry + its first character), one longer each time.
 * @example LZString.decompressFromBase64(lz64Bomb('a', 100)).length // 5151
 */
export function lz64Bomb(char: string, codes: number): string {
  const writer = new Base64BitWriter();
  writer.write(0, 2); // an 8-bit literal follows
  writer.write(char.charCodeAt(0), 8);
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  for (let i = 0; i < codes; i++) {
    writer.write(dictSize, numBits);
    dictSize++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  writer.write(2, numBits); // end of stream
  return writer.finish();
}

/** Length of what `lz64Bomb(char, codes)` inflates to. */
export function lz64BombOutputChars(codes: number): number {
  return ((codes + 1) * (codes + 2)) / 2;
}
