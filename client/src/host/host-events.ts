/**
 * What the host view asks for: one typed CustomEvent per user action. The container turns each
 * into an operation; the view never talks to the server.
 */
import type { ClientCommand } from '../../../shared/domain/commands.js';

/** The operations a host's tablet makes. */
export type HostOp = Extract<ClientCommand, { type: 'addIdea' | 'editIdea' | 'starIdea' | 'deleteIdea' | 'setHarvestCard' }>;

export interface AddIdeaDetail {
  text: string;
  /** The stakeholder group whose idea it was, or null ("none"). */
  group: string | null;
}
export interface StarIdeaDetail {
  ideaId: string;
  starred: boolean;
}
export interface EditIdeaDetail {
  ideaId: string;
  text: string;
}
export interface DeleteIdeaDetail {
  ideaId: string;
}
/** The table's harvest card for a round: 0–3 key insights, each one of the round's ideas or words the host wrote. */
export interface SetHarvestCardDetail {
  round: number;
  insights: Extract<HostOp, { type: 'setHarvestCard' }>['insights'];
}
/** A photo of the tablecloth the host took for a round (the face scales it and queues its upload). */
export interface AddPhotoDetail {
  round: number;
  file: Blob;
}
/** An outgoing operation the host wants sent again, or dropped after a refusal. */
export interface OutgoingDetail {
  opId: string;
}

export interface HostEventMap {
  'add-idea': CustomEvent<AddIdeaDetail>;
  'star-idea': CustomEvent<StarIdeaDetail>;
  'edit-idea': CustomEvent<EditIdeaDetail>;
  'delete-idea': CustomEvent<DeleteIdeaDetail>;
  'set-harvest-card': CustomEvent<SetHarvestCardDetail>;
  'add-photo': CustomEvent<AddPhotoDetail>;
  'retry-op': CustomEvent<OutgoingDetail>;
  'discard-op': CustomEvent<OutgoingDetail>;
}

// Not added to the global HTMLElementEventMap: the participant face may use the same event names
// with other details, and two global declarations of one name would clash.

/** Fires a host event that crosses shadow roots, so the face container hears it from any depth. */
export function fire<K extends keyof HostEventMap>(from: EventTarget, type: K, detail: HostEventMap[K]['detail']): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

