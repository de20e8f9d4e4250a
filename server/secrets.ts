/**
 * Secrets of links and how they are kept. Every link secret has ≥ 128 bits and is stored only
 * as its SHA-256. Host, wall and co-facilitator secrets are derived from the café's link key
 * (HMAC), and the link key is stored only wrapped with each facilitator secret, so a facilitator
 * can print the QR sheet again at any time while the database alone reveals no working link.
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

/** 16 random bytes, URL-safe: 128 bits. */
export function newSecret(): string {
  return randomBytes(16).toString('base64url');
}

/** Ids of cafés and links: not secrets, but unguessable enough that they never collide. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Letters and digits that cannot be mistaken for each other when read off a wall (no 0/O, 1/I). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person may have typed: upper case, without spaces and dashes. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function newLinkKey(): Buffer {
  return randomBytes(32);
}

function mask(secret: string, linkId: string): Buffer {
  return createHmac('sha256', secret).update(`tablecloth/link-key/${linkId}`).digest();
}

/** The link key, wrapped with a facilitator's secret (XOR with an HMAC of it). */
export function wrapLinkKey(key: Buffer, secret: string, linkId: string): string {
  const m = mask(secret, linkId);
  return Buffer.from(key.map((b, i) => b ^ m[i]!)).toString('base64url');
}

export function unwrapLinkKey(wrapped: string, secret: string, linkId: string): Buffer {
  const w = Buffer.from(wrapped, 'base64url');
  const m = mask(secret, linkId);
  return Buffer.from(w.map((b, i) => b ^ m[i]!));
}

/** The secret of a host, wall or co-facilitator link: derived from the link key and the link id. */
export function derivedSecret(key: Buffer, linkId: string): string {
  return createHmac('sha256', key).update(`tablecloth/link/${linkId}`).digest().subarray(0, 16).toString('base64url');
}
