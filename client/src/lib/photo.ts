/**
 * A photo of a tablecloth as the tablet sends it (H13): decoded by the browser (which turns it
 * upright by its Exif orientation), scaled so its longest side is at most 1600 pixels, and
 * encoded again as JPEG — which leaves every metadata segment behind, GPS position included.
 */
import { PHOTO_MAX_SIDE } from '../../../shared/domain/harvest.js';

export interface PreparedPhoto {
  bytes: Blob;
  width: number;
  height: number;
}

export async function preparePhoto(file: Blob, quality = 0.85): Promise<PreparedPhoto> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
    const width = Math.max(1, Math.round(image.naturalWidth * scale));
    const height = Math.max(1, Math.round(image.naturalHeight * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.drawImage(image, 0, 0, width, height);
    const bytes = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!bytes) throw new Error('the photo could not be encoded');
    return { bytes, width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}
