/** Response schemas of the HTTP API (for validation of what we send, and for the OpenAPI document). */
import { Type } from 'typebox';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      retryable: Type.Boolean(),
      path: Type.Optional(Type.String()),
      retryAfterMs: Type.Optional(Type.Integer({ description: 'With RATE_LIMITED: how long to wait, in milliseconds (also in the Retry-After header, in seconds).' })),
    }),
  },
  { $id: 'ErrorBody' },
);

export const CafeLinksBody = Type.Object({
  cafeId: Type.String(),
  joinCode: Type.String({ description: 'The short code participants type on the start page.' }),
  facilitator: Type.Union([Type.String(), Type.Null()], { description: 'Only when the café is created: the founding facilitator link. Keep it safe.' }),
  wall: Type.Array(Type.String()),
  coFacilitators: Type.Array(Type.Object({ linkId: Type.String(), url: Type.String() })),
  join: Type.String(),
  tables: Type.Array(
    Type.Object({
      tableId: Type.String(),
      name: Type.String(),
      enabled: Type.Boolean(),
      hostLinkId: Type.Union([Type.String(), Type.Null()]),
      host: Type.Union([Type.String(), Type.Null()]),
      participants: Type.String(),
    }),
  ),
});

export const LinkBody = Type.Object({
  linkId: Type.String(),
  role: Type.String(),
  tableId: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  revoked: Type.Union([Type.String(), Type.Null()], { description: 'The link this one replaced (a table has one host link).' }),
});

export const JoinBody = Type.Object({
  cafeId: Type.String(),
  participantId: Type.String(),
  secret: Type.String({ description: 'The device keeps it and sends it in the socket handshake; it is never shown again.' }),
});

export const CafeIntroBody = Type.Object({
  cafeId: Type.String(),
  title: Type.String(),
  language: Type.String(),
  stakeholderGroups: Type.Array(Type.String()),
  phase: Type.String(),
  tables: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), enabled: Type.Boolean() })),
});

/** Snapshots and ideas are documented by their TypeScript types in shared/; here they pass through unchanged. */
export const Passthrough = Type.Object({}, { additionalProperties: true });

export const OpAckBody = Type.Object({ seq: Type.Integer(), duplicate: Type.Boolean() });

export const bearer = [{ bearerAuth: [] as string[] }];
