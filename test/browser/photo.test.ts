/** Preparing a tablecloth photo on the tablet, in Chromium: scaled to 1600 px, JPEG, no metadata. */
import { expect } from '@open-wc/testing';
import { describe, it } from 'vitest';
import { preparePhoto } from '../../client/src/lib/photo.js';

/** A camera-sized JPEG (3000 × 2000) with an Exif segment holding a GPS position, as a phone's camera writes it. */
async function cameraPhoto(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 3000;
  canvas.height = 2000;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#e8dcc0';
  context.fillRect(0, 0, 3000, 2000);
  context.fillStyle = '#0a5c7a';
  context.font = '200px sans-serif';
  context.fillText('Tisch 4 — Runde 2', 200, 1000);
  const jpeg = new Uint8Array(await (await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg', 0.9))).arrayBuffer());
  const exif = new TextEncoder().encode('Exif\0\0GPS 48.1371N 11.5754E');
  const app1 = [0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff, ...exif];
  return new Blob([jpeg.subarray(0, 2), new Uint8Array(app1), jpeg.subarray(2)], { type: 'image/jpeg' });
}

describe('preparePhoto', () => {
  it('H13 scales a camera photo to 1600 px on its longest side and encodes a JPEG without its metadata', async () => {
    const original = await cameraPhoto();
    expect(new TextDecoder('latin1').decode(new Uint8Array(await original.arrayBuffer()))).to.contain('GPS');
    const prepared = await preparePhoto(original);
    expect([prepared.width, prepared.height]).to.deep.equal([1600, 1067]);
    const bytes = new Uint8Array(await prepared.bytes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
    expect(new TextDecoder('latin1').decode(bytes)).not.to.contain('GPS');
    expect(prepared.bytes.size).to.be.below(original.size);
  });

  it('leaves a small photo at its size', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
    const small = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg'));
    const prepared = await preparePhoto(small);
    expect([prepared.width, prepared.height]).to.deep.equal([640, 480]);
  });
});
