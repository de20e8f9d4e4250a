/** The link a route's caller holds, told by the Bearer secret: for routes that serve one role of one café. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/state.js';
import { RateLimitedError, type DeviceLimiters } from '../rate-limits.js';
import { DomainError, type Authenticated, type Reception } from '../reception.js';
import { hashSecret } from '../secrets.js';

/**
 * Authenticates the request's `Authorization: Bearer <secret>` for the café in the path (`:cafeId`)
 * and the given role, after counting it against the device's request budget. Refuses with
 * UNAUTHENTICATED (no secret, unknown, or another café's), LINK_REVOKED, FORBIDDEN (another role)
 * or RATE_LIMITED.
 */
export async function bearerLink(request: FastifyRequest, deps: { reception: Reception; limiters: DeviceLimiters }, role: Role): Promise<Authenticated> {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,64})$/.exec(request.headers.authorization ?? '');
  if (!match) throw new DomainError('UNAUTHENTICATED');
  const refusal = await deps.limiters.requests(hashSecret(match[1]!));
  if (refusal) throw new RateLimitedError(refusal.retryAfterMs ?? 0);
  const who = await deps.reception.authenticate(match[1]!);
  if (who.cafe.cafeId !== (request.params as { cafeId: string }).cafeId) throw new DomainError('UNAUTHENTICATED');
  if (who.link.role !== role) throw new DomainError('FORBIDDEN');
  return who;
}
