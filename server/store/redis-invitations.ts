/**
 * Invitations in the Redis store (the InvitationStore port of
 * server/invitations/invitation-store.ts), under the RedisStore's prefix, one hash per café,
 * hash-tagged like the café's own keys:
 *
 *   {p}cafe:{<cafeId>}:invitations   HASH   participantId → invitation JSON
 *
 * so deleting a café's invitations is one DEL, and a withdrawal one HDEL (the field is gone, not
 * flagged). Storing checks in one script that the café exists, as the SQLite store does.
 */
import type { createClient } from 'redis';
import type { Invitation, InvitationStore } from '../invitations/invitation-store.js';

type Client = ReturnType<typeof createClient>;

/** KEYS: café rec, invitations hash. ARGV: participantId, invitation JSON. Answers 1 for a new field. */
const PUT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return redis.error_reply('ERR tablecloth: unknown cafe')
end
return redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
`;

function json(i: Invitation): string {
  return JSON.stringify({ cafeId: i.cafeId, participantId: i.participantId, email: i.email, consentAge: i.consentAge, consentedAt: i.consentedAt });
}

const byConsent = (a: Invitation, b: Invitation): number =>
  a.consentedAt - b.consentedAt || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0);

/** The invitations on `client` (a connection of their own, or any the server holds) under `prefix` (the RedisStore's). */
export function redisInvitations(client: Client, prefix: string): InvitationStore {
  const rec = (cafeId: string) => `${prefix}cafe:{${cafeId}}:rec`;
  const key = (cafeId: string) => `${prefix}cafe:{${cafeId}}:invitations`;
  const put = async (i: Invitation) => Number(await client.eval(PUT, { keys: [rec(i.cafeId), key(i.cafeId)], arguments: [i.participantId, json(i)] }));

  return {
    async put(invitation) {
      return (await put(invitation)) === 1 ? 'created' : 'replaced';
    },
    async get(cafeId, participantId) {
      const found = await client.hGet(key(cafeId), participantId);
      return found ? (JSON.parse(found) as Invitation) : null;
    },
    async remove(cafeId, participantId) {
      return (await client.hDel(key(cafeId), participantId)) > 0;
    },
    async listForCafe(cafeId) {
      return (await client.hVals(key(cafeId))).map((v) => JSON.parse(v) as Invitation).sort(byConsent);
    },
    async deleteCafe(cafeId) {
      const [count] = await client.multi().hLen(key(cafeId)).del(key(cafeId)).exec();
      return Number(count);
    },
    async restore(rows) {
      for (const row of rows) await put(row);
    },
  };
}
