/**
 * Configuration from environment variables, parsed and checked at start. A bad value stops the
 * server with a message that names the variable. The README lists every variable.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where tablecloth photos are kept: DATA_DIR/photos by default; one directory every process shares. */
  photoDir: string;
  publicUrl: string | null;
  redisUrl: string | null;
  logLevel: LogLevel;
  /** Origins besides the server's own (and PUBLIC_URL's) whose pages may use the API and the socket. */
  allowedOrigins: string[];
  /** The JSON file of export targets with their secrets (server/export/targets.ts); none when null. */
  exportTargetsFile: string | null;
  /** The Bearer token that lets a caller import café archives (POST /api/archives); imports are off when null. */
  archiveImportToken: string | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Every variable with its default, as the README documents them. */
export const CONFIG_DEFAULTS = {
  PORT: '3000',
  HOST: '0.0.0.0',
  DATA_DIR: './data',
  PHOTO_DIR: '',
  PUBLIC_URL: '',
  REDIS_URL: '',
  LOG_LEVEL: 'warn',
  ALLOWED_ORIGINS: '',
  EXPORT_TARGETS_FILE: '',
  ARCHIVE_IMPORT_TOKEN: '',
} as const;

export function readConfig(env: Record<string, string | undefined>): Config {
  const get = (name: keyof typeof CONFIG_DEFAULTS) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? CONFIG_DEFAULTS[name] : v.trim();
  };

  const portText = get('PORT');
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const host = get('HOST');
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) throw new ConfigError('HOST', `must be an address or host name, got "${host}"`);

  const publicUrlText = get('PUBLIC_URL');
  let publicUrl: string | null = null;
  if (publicUrlText !== '') {
    let url: URL;
    try {
      url = new URL(publicUrlText);
    } catch {
      throw new ConfigError('PUBLIC_URL', `must be an absolute http(s) URL such as http://cafe.local:3000, got "${publicUrlText}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_URL', 'must start with http:// or https://');
    if (url.hash || url.search || /[?#]/.test(publicUrlText)) throw new ConfigError('PUBLIC_URL', 'must not contain a query or a #fragment');
    publicUrl = url.toString().replace(/\/+$/, '');
  }

  const redisText = get('REDIS_URL');
  let redisUrl: string | null = null;
  if (redisText !== '') {
    let url: URL;
    try {
      url = new URL(redisText);
    } catch {
      throw new ConfigError('REDIS_URL', `must be a URL such as redis://127.0.0.1:6379, got "${redisText}"`);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
    redisUrl = redisText;
  }

  const logLevel = get('LOG_LEVEL');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const allowedOrigins = get('ALLOWED_ORIGINS')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map(parseOrigin);

  const exportTargetsFile = get('EXPORT_TARGETS_FILE') || null;

  const archiveImportToken = get('ARCHIVE_IMPORT_TOKEN') || null;
  // Sent as a Bearer token: long enough not to be guessed, in the characters a header carries as they are.
  if (archiveImportToken !== null && !/^[A-Za-z0-9._~+/=-]{24,200}$/.test(archiveImportToken)) {
    throw new ConfigError('ARCHIVE_IMPORT_TOKEN', 'must be 24 to 200 letters, digits or ._~+/=- (e.g. from `openssl rand -base64 32`)');
  }

  const photoDir = get('PHOTO_DIR') || `${get('DATA_DIR').replace(/\/+$/, '')}/photos`;

  return { port: Number(portText), host, dataDir: get('DATA_DIR'), photoDir, publicUrl, redisUrl, logLevel: logLevel as LogLevel, allowedOrigins, exportTargetsFile, archiveImportToken };
}

/** One entry of ALLOWED_ORIGINS: scheme, host and port only, as browsers send it in the Origin header. */
function parseOrigin(text: string): string {
  const problem = `must be a comma-separated list of origins such as https://cafe.example.org or http://192.168.1.20:3000, got "${text}"`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('ALLOWED_ORIGINS', problem);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('ALLOWED_ORIGINS', problem);
  // An origin has no path, query, fragment or user: a browser never sends one, so such an entry would never match.
  if (!/^https?:\/\/[^/?#@]+\/?$/i.test(text)) throw new ConfigError('ALLOWED_ORIGINS', problem);
  return url.origin;
}
