/** The JPEG check of uploads (server/photos/jpeg.ts): by content, metadata out, never a crash. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJpeg } from '../server/photos/jpeg.js';
import { TINY_JPEG } from './helpers/seed-threads.js';

describe('checkJpeg', () => {
  it('reads the size of a JPEG and keeps its image data', () => {
    const checked = checkJpeg(TINY_JPEG);
    expect(checked).toMatchObject({ width: 1, height: 1 });
    expect([...checked!.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(checked!.bytes.length).toBe(TINY_JPEG.length);
  });

  it('drops Exif, XMP and comment segments, and only them', () => {
    const segment = (marker: number, text: string) => {
      const body = new TextEncoder().encode(text);
      return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
    };
    const withMetadata = new Uint8Array([
      ...TINY_JPEG.subarray(0, 2),
      ...segment(0xe1, 'Exif\0\0GPS 48.1371N 11.5754E'),
      ...segment(0xe1, 'http://ns.adobe.com/xap/1.0/ <x:xmpmeta>'),
      ...segment(0xfe, 'shot by the host of table 4'),
      ...TINY_JPEG.subarray(2),
    ]);
    const checked = checkJpeg(withMetadata)!;
    expect(checked.bytes).toEqual(checkJpeg(TINY_JPEG)!.bytes);
  });

  it('refuses what is not a whole JPEG: other formats, a missing scan or size, truncations', () => {
    expect(checkJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))).toBeNull();
    expect(checkJpeg(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(checkJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    for (let n = 0; n < 40; n++) expect(checkJpeg(TINY_JPEG.subarray(0, n)), `first ${n} bytes`).toBeNull();
  });

  it('never throws, and anything it accepts starts as a JPEG and has a size (property)', () => {
    const mutated = fc.tuple(fc.nat(TINY_JPEG.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
      const copy = Uint8Array.from(TINY_JPEG);
      copy[at] = value;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated), (bytes) => {
        const checked = checkJpeg(bytes);
        if (checked) {
          expect([...checked.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
          expect(checked.width).toBeGreaterThan(0);
          expect(checked.height).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
