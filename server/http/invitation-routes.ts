/**
 * "Invite me to the community" over HTTP. A participant's phone leaves, shows and withdraws its own
 * address (their link's secret as Bearer); the facilitator lists the addresses, downloads them as
 * CSV and removes one on request. Addresses are personal data kept in the invitation store, never
 * in the operation log, and never in a log line (only the route's path is logged).
 */
import { domainToASCII } from 'node:url';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CafeState } from '../../shared/domain/state.js';
import { own } from '../../shared/domain/state.js';
import type { Clock } from '../clock.js';
import type { Invitation, InvitationStore } from '../invitations/invitation-store.js';
import { invitationsCsv } from '../invitations/invitations-csv.js';
import type { DeviceLimiters } from '../rate-limits.js';
import { DomainError, type Reception } from '../reception.js';
import { bearerLink } from './bearer-link.js';
import { bearer, ErrorBody } from './schemas.js';

export interface InvitationRouteDeps {
  invitations: InvitationStore;
  reception: Reception;
  limiters: DeviceLimiters;
  clock: Clock;
}

/** ajv-formats' full email format (a RegExp, though typed as any format). */
const EMAIL_FORMAT = fullFormats.email as RegExp;
/** RFC 5321's limit on a forward path. */
const EMAIL_MAX = 254;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const CafeParams = Type.Object({ cafeId: Type.String({ maxLength: 64 }) });
const ParticipantParams = Type.Object({ cafeId: Type.String({ maxLength: 64 }), participantId: Type.String({ maxLength: 64 }) });
/** Consent and age are optional here so that a missing box is INVITE_CONSENT_REQUIRED, like an unticked one. */
const InvitationRequest = Type.Object(
  { email: Type.String({ maxLength: 1000 }), consent: Type.Optional(Type.Boolean()), ageConfirmed: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const OwnInvitation = Type.Object({ email: Type.String(), consentAge: Type.Integer(), consentedAt: Type.Integer() });
const ListedInvitation = Type.Object({
  participantId: Type.String(),
  email: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  group: Type.Union([Type.String(), Type.Null()]),
  consentAge: Type.Integer(),
  consentedAt: Type.Integer(),
});

/**
 * The address as it will be stored, or null when it is not one: trimmed, its domain in ASCII
 * (an internationalised domain as punycode), then checked with ajv-formats' full email format.
 */
export function cleanEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || trimmed.length > EMAIL_MAX) return null;
  const domain = domainToASCII(trimmed.slice(at + 1));
  const email = `${trimmed.slice(0, at)}@${domain.toLowerCase()}`;
  return domain !== '' && email.length <= EMAIL_MAX && EMAIL_FORMAT.test(email) ? email : null;
}

/** Addresses are personal: no shared cache or browser cache keeps an answer. */
async function noStore(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('cache-control', 'no-store');
  return payload;
}

const ownView = (i: Invitation) => ({ email: i.email, consentAge: i.consentAge, consentedAt: i.consentedAt });

export async function invitationRoutes(app: FastifyInstance, deps: InvitationRouteDeps): Promise<void> {
  const { invitations, clock } = deps;

  const caller = (request: FastifyRequest, role: 'participant' | 'facilitator') => bearerLink(request, deps, role);

  const listed = (state: CafeState, i: Invitation) => {
    const participant = own(state.participants, i.participantId);
    return { participantId: i.participantId, ...ownView(i), displayName: participant?.displayName ?? null, group: participant?.group ?? null };
  };

  app.put(
    '/api/cafes/:cafeId/invitation',
    {
      onSend: noStore,
      schema: {
        summary: 'Invite me to the community: leave or replace this phone\u2019s e-mail address (participant)',
        description:
          'Body `{ email, consent: true, ageConfirmed: true }`. The address goes to the organisers for this purpose only; it is kept outside the operation log and deleted when withdrawn. 409 `INVITES_OFF` when the café takes none; 400 `INVITE_CONSENT_REQUIRED` (path `consent` or `ageConfirmed`), `INVITE_EMAIL_INVALID`.',
        tags: ['invitations'],
        security: bearer,
        params: CafeParams,
        body: InvitationRequest,
        response: { 200: Type.Object({ invitation: OwnInvitation }), 201: Type.Object({ invitation: OwnInvitation }), ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request, 'participant');
      const body = request.body as { email: string; consent?: boolean; ageConfirmed?: boolean };
      if (!who.state.invitations) throw new DomainError('INVITES_OFF');
      if (body.consent !== true) throw new DomainError('INVITE_CONSENT_REQUIRED', 'consent');
      if (body.ageConfirmed !== true) throw new DomainError('INVITE_CONSENT_REQUIRED', 'ageConfirmed');
      const email = cleanEmail(body.email);
      if (email === null) throw new DomainError('INVITE_EMAIL_INVALID', 'email');
      const invitation: Invitation = { cafeId: who.cafe.cafeId, participantId: who.link.id, email, consentAge: who.state.consentAge, consentedAt: clock.now() };
      const result = await invitations.put(invitation);
      return reply.code(result === 'created' ? 201 : 200).send({ invitation: ownView(invitation) });
    },
  );

  app.get(
    '/api/cafes/:cafeId/invitation',
    {
      onSend: noStore,
      schema: {
        summary: 'This phone\u2019s invitation, or null (participant)',
        tags: ['invitations'],
        security: bearer,
        params: CafeParams,
        response: { 200: Type.Object({ invitation: Type.Union([OwnInvitation, Type.Null()]) }), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request, 'participant');
      const invitation = await invitations.get(who.cafe.cafeId, who.link.id);
      return { invitation: invitation ? ownView(invitation) : null };
    },
  );

  app.delete(
    '/api/cafes/:cafeId/invitation',
    {
      onSend: noStore,
      schema: {
        summary: 'Withdraw this phone\u2019s invitation: the address is deleted (participant)',
        description: '204 whether or not there was one.',
        tags: ['invitations'],
        security: bearer,
        params: CafeParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request, 'participant');
      await invitations.remove(who.cafe.cafeId, who.link.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/cafes/:cafeId/invitations',
    {
      onSend: noStore,
      schema: {
        summary: 'The café\u2019s invitations, oldest consent first (facilitator)',
        tags: ['invitations'],
        security: bearer,
        params: CafeParams,
        response: { 200: Type.Object({ invitations: Type.Array(ListedInvitation) }), ...errors },
      },
    },
    async (request) => {
      const who = await caller(request, 'facilitator');
      return { invitations: (await invitations.listForCafe(who.cafe.cafeId)).map((i) => listed(who.state, i)) };
    },
  );

  app.get(
    '/api/cafes/:cafeId/invitations.csv',
    {
      onSend: noStore,
      schema: {
        summary: 'The invitations as CSV for the community manager (facilitator)',
        description: 'UTF-8 with a byte-order mark; columns `email, display_name, group, consented_at, consent_age`; a cell that starts like a formula gets a leading `\u2019`.',
        tags: ['invitations'],
        security: bearer,
        params: CafeParams,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request, 'facilitator');
      const csv = invitationsCsv(who.state, await invitations.listForCafe(who.cafe.cafeId));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="invitations-${who.state.joinCode}.csv"`)
        .send(csv);
    },
  );

  app.delete(
    '/api/cafes/:cafeId/invitations/:participantId',
    {
      onSend: noStore,
      schema: {
        summary: 'Remove one participant\u2019s invitation on their request (facilitator)',
        tags: ['invitations'],
        security: bearer,
        params: ParticipantParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const who = await caller(request, 'facilitator');
      const { participantId } = request.params as { participantId: string };
      if (!(await invitations.remove(who.cafe.cafeId, participantId))) throw new DomainError('INVITATION_NOT_FOUND', 'participantId');
      return reply.code(204).send();
    },
  );
}
