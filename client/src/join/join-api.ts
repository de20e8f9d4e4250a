/**
 * What the phone asks the server before it has a socket (GET /api/join/:code, POST /api/join), and
 * the participant's credentials kept on the device per join code, so a reload or a second scan
 * of a QR code never creates a second participant.
 */
import type { JoinRequest } from '../../../shared/domain/commands.js';
import type { PhaseKind } from '../../../shared/domain/state.js';
import { apiRequest, type ApiResult } from '../lib/api-request.js';

/** The body of GET /api/join/:code (server/http/schemas.ts CafeIntroBody). */
export interface CafeIntro {
  cafeId: string;
  title: string;
  language: string;
  stakeholderGroups: string[];
  phase: PhaseKind;
  tables: { id: string; name: string; enabled: boolean }[];
}

export interface JoinCredentials {
  cafeId: string;
  participantId: string;
  secret: string;
}

/** What the join form says; the code is added by the face. */
export type JoinChoices = Omit<JoinRequest, 'code' | 'tableId'> & { tableId: string | null };

export function fetchIntro(code: string): Promise<ApiResult<CafeIntro>> {
  return apiRequest<CafeIntro>('GET', `/api/join/${encodeURIComponent(code)}`);
}

export function postJoin(code: string, choices: JoinChoices): Promise<ApiResult<JoinCredentials>> {
  const { tableId, ...rest } = choices;
  const body: JoinRequest = tableId === null ? { code, ...rest } : { code, tableId, ...rest };
  return apiRequest<JoinCredentials>('POST', '/api/join', { body });
}

const storageKey = (code: string) => `tablecloth.join.${code}`;

export function loadCredentials(code: string): JoinCredentials | null {
  try {
    const raw = localStorage.getItem(storageKey(code));
    const value: unknown = raw === null ? null : JSON.parse(raw);
    const c = value as Partial<JoinCredentials> | null;
    return c && typeof c.cafeId === 'string' && typeof c.participantId === 'string' && typeof c.secret === 'string'
      ? { cafeId: c.cafeId, participantId: c.participantId, secret: c.secret }
      : null;
  } catch {
    return null;
  }
}

export function saveCredentials(code: string, credentials: JoinCredentials): void {
  try {
    localStorage.setItem(storageKey(code), JSON.stringify(credentials));
  } catch {
    // Private browsing may refuse storage: the phone stays joined until the page is closed.
  }
}

export function forgetCredentials(code: string): void {
  try {
    localStorage.removeItem(storageKey(code));
  } catch {
    // Nothing was stored.
  }
}
