/**
 * The participant code as people type it: case does not matter and spaces or dashes may split it
 * ("k7m 2qx"). The server normalises the same way (server/secrets.ts normalizeJoinCode).
 */
export const JOIN_CODE_LENGTH = 6;

export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether a normalised code has the shape of a join code (whether a café has it, only the server knows). */
export function looksLikeJoinCode(code: string): boolean {
  return new RegExp(`^[A-Z0-9]{${JOIN_CODE_LENGTH}}$`).test(code);
}
