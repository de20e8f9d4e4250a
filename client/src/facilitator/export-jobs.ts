/** The export API's answers as the console reads them (docs/protocol.md, "HTTP routes"; docs/export.md). */

export type { ExportDetail, ExportList, ExportProgress, ExportSummary, ExportTargetInfo, ThreadOutcome } from '../../../shared/export-api.js';

/** Where an API path of this café is. */
export const cafePath = (server: string, cafeId: string, rest: string) => `${server}/api/cafes/${encodeURIComponent(cafeId)}${rest}`;

/** Only web addresses become links on the console (a files target answers file: URLs, which a browser would not open). */
export const linkable = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);
