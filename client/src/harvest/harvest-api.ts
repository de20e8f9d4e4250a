/** The public harvest of a café (`GET /api/harvest/:code`, no secret) and where its photos are. */
import type { PublicHarvest } from '../../../shared/harvest/public-harvest.js';
import { apiRequest, type ApiResult } from '../lib/api-request.js';

export function fetchHarvest(code: string): Promise<ApiResult<PublicHarvest>> {
  return apiRequest<PublicHarvest>('GET', `/api/harvest/${encodeURIComponent(code)}`);
}

export function harvestPhotoUrl(code: string, photoId: string): string {
  return `/api/harvest/${encodeURIComponent(code)}/photos/${encodeURIComponent(photoId)}`;
}

/** The page's own address, for the wall's QR code and the console (the café's code is public in the room). */
export function harvestPageUrl(origin: string, code: string): string {
  return `${origin}/h/${encodeURIComponent(code)}`;
}
