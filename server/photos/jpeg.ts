/**
 * Checks an upload by its content, not its name or header: a JPEG (SOI, a frame header, a scan),
 * its size read from the frame header, and its metadata removed — APP1–APP15 segments (Exif with
 * GPS, XMP, ICC, maker notes) and comments. Devices already re-encode photos, which drops EXIF;
 * this makes sure of it whatever a device sends.
 */

export interface CheckedJpeg {
  width: number;
  height: number;
  /** The same image without metadata segments. */
  bytes: Uint8Array;
}

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const COM = 0xfe;
/** Frame headers: baseline, extended, progressive, lossless (not DHT 0xC4, JPG 0xC8, DAC 0xCC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** The checked, cleaned JPEG, or null when the bytes are not one. */
export function checkJpeg(input: Uint8Array): CheckedJpeg | null {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) return null;
  const kept: Uint8Array[] = [input.subarray(0, 2)];
  let width = 0;
  let height = 0;
  let i = 2;
  while (i + 4 <= input.length) {
    if (input[i] !== 0xff) return null;
    const marker = input[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === EOI) return null; // an image without a scan
    const length = (input[i + 2]! << 8) | input[i + 3]!;
    if (length < 2 || i + 2 + length > input.length) return null;
    const segment = input.subarray(i, i + 2 + length);
    if (SOF.has(marker)) {
      if (length < 7) return null;
      height = (input[i + 5]! << 8) | input[i + 6]!;
      width = (input[i + 7]! << 8) | input[i + 8]!;
    }
    const metadata = (marker > APP0 && marker <= 0xef) || marker === COM;
    if (!metadata) kept.push(segment);
    if (marker === SOS) {
      if (width === 0 || height === 0) return null;
      // The entropy-coded data and everything after it, as it is.
      kept.push(input.subarray(i + 2 + length));
      const bytes = new Uint8Array(kept.reduce((n, k) => n + k.length, 0));
      let at = 0;
      for (const k of kept) {
        bytes.set(k, at);
        at += k.length;
      }
      return { width, height, bytes };
    }
    i += 2 + length;
  }
  return null;
}
