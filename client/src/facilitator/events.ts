/**
 * What the console's views ask for. Every action on the café is one operation of the shared
 * reducer, carried as it will be sent; the face container only forwards it. Both events bubble
 * out of shadow roots, so the sub-views of the console need no wiring of their own.
 */
import type { ClientCommand } from '../../../shared/domain/commands.js';

export type FacilitatorOpEvent = CustomEvent<ClientCommand>;
/** A lost tablet: give the table a new host link (the old one stops working at once). */
export type ReissueHostLinkEvent = CustomEvent<{ tableId: string }>;

export function facilitatorOp(op: ClientCommand): FacilitatorOpEvent {
  return new CustomEvent('facilitator-op', { detail: op, bubbles: true, composed: true });
}

export function reissueHostLink(tableId: string): ReissueHostLinkEvent {
  return new CustomEvent('reissue-host-link', { detail: { tableId }, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'facilitator-op': FacilitatorOpEvent;
    'reissue-host-link': ReissueHostLinkEvent;
  }
}
