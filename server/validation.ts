/**
 * Checks socket payloads against the shared schemas and turns the first problem into a stable
 * error code. Commands are checked by their `type` first, so an error names the field that is
 * wrong instead of every member of the union.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Format } from 'typebox/format';
import * as Commands from '../shared/domain/commands.js';
import type { ClientCommand } from '../shared/domain/commands.js';
import { wireError, type WireError } from '../shared/errors.js';
import { textFormats } from '../shared/text.js';

for (const [name, check] of Object.entries(textFormats())) Format.Set(name, check);

type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

const commandSchemas: TSchema[] = Commands.ClientCommand.anyOf;
const byType = new Map<string, Validator>();
for (const schema of commandSchemas) {
  const literal = (schema as { properties: { type: { const: string } } }).properties.type.const;
  byType.set(literal, Compile(schema));
}

/**
 * The code for a failed schema keyword: a text past its format's code-point limit, or past the
 * transport bound, is TEXT_TOO_LONG as the domain would say; anything else is INVALID_PAYLOAD.
 * Used for socket payloads here and for HTTP bodies by the app's error handler.
 */
export function schemaErrorCode(keyword: string | undefined): 'TEXT_TOO_LONG' | 'INVALID_PAYLOAD' {
  return keyword === 'maxLength' || keyword === 'format' ? 'TEXT_TOO_LONG' : 'INVALID_PAYLOAD';
}

function firstProblem(validator: Validator, value: unknown, prefix: string): WireError {
  const [first] = validator.Errors(value);
  return wireError(schemaErrorCode(first?.keyword), `${prefix}${first?.instancePath ?? ''}`);
}

export function checkCommand(value: unknown, prefix = '/op'): Result<ClientCommand> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: wireError('INVALID_PAYLOAD', prefix) };
  const type = (value as { type?: unknown }).type;
  const validator = typeof type === 'string' ? byType.get(type) : undefined;
  if (!validator) return { ok: false, error: wireError('INVALID_PAYLOAD', `${prefix}/type`) };
  if (!validator.Check(value)) return { ok: false, error: firstProblem(validator, value, prefix) };
  return { ok: true, value: value as ClientCommand };
}

const OpEnvelope = Compile(Type.Object({ id: Commands.ClientId, op: Type.Unknown() }, { additionalProperties: false }));

export function checkOpRequest(value: unknown): Result<{ id: string; op: ClientCommand }> {
  if (!OpEnvelope.Check(value)) return { ok: false, error: firstProblem(OpEnvelope, value, '') };
  const op = checkCommand(value.op);
  return op.ok ? { ok: true, value: { id: value.id, op: op.value } } : op;
}

const SyncRequest = Type.Object({ since: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
const TimeRequest = Type.Object({ clientSentAt: Type.Number() }, { additionalProperties: false });
const StatusRequest = Type.Object(
  { sound: Type.Union([Type.Literal('on'), Type.Literal('blocked'), Type.Literal('muted')]) },
  { additionalProperties: false },
);
export const HandshakeAuthSchema = Type.Object(
  {
    secret: Type.String({ minLength: 16, maxLength: 64 }),
    protocol: Type.Integer(),
    since: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: true },
);

const compiled = <T extends TSchema>(schema: T) => {
  const v = Compile(schema);
  return (value: unknown): Result<Static<T>> =>
    v.Check(value) ? { ok: true, value: value as Static<T> } : { ok: false, error: firstProblem(v, value, '') };
};

export const checkSync = compiled(SyncRequest);
export const checkTime = compiled(TimeRequest);
export const checkStatus = compiled(StatusRequest);
const checkAuth = compiled(HandshakeAuthSchema);
/** A malformed handshake is INVALID_PAYLOAD whatever is wrong (a secret past 64 characters is no text too long): docs/protocol.md, Connecting. */
export const checkHandshake = (value: unknown): Result<Static<typeof HandshakeAuthSchema>> => {
  const checked = checkAuth(value);
  return checked.ok ? checked : { ok: false, error: wireError('INVALID_PAYLOAD', checked.error.path) };
};
