/** The invitation list the community manager downloads: one row per address, for a spreadsheet or a mailing tool. */
import { own, type CafeState } from '../../shared/domain/state.js';
import { csvRow, plainText } from '../export/neutralize.js';
import type { Invitation } from './invitation-store.js';

/** The columns, documented in the README ("Privacy"). */
export const INVITATIONS_CSV_COLUMNS = ['email', 'display_name', 'group', 'consented_at', 'consent_age'] as const;

/** UTF-8's byte-order mark, so spreadsheet apps read "Grüße" as it was written. */
const BOM = '\uFEFF';

/** One row per invitation, oldest consent first; names and groups as the participant's profile says now. */
export function invitationsCsv(state: CafeState, invitations: readonly Invitation[]): string {
  const rows = [csvRow(INVITATIONS_CSV_COLUMNS)];
  for (const invitation of invitations) {
    const participant = own(state.participants, invitation.participantId);
    const text = (value: string | null | undefined) => (value ? plainText(value) : null);
    rows.push(
      csvRow([
        plainText(invitation.email),
        text(participant?.displayName),
        text(participant?.group),
        new Date(invitation.consentedAt).toISOString(),
        invitation.consentAge,
      ]),
    );
  }
  return BOM + rows.join('');
}
