/**
 * Configuration from the environment (server/config.ts): the documented defaults, and a bad value
 * stops the server with a message that names the variable — both from readConfig and from a real
 * `server/main.ts` process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, readConfig } from '../server/config.js';
import { spawnServer } from './helpers/process.js';

describe('readConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      photoDir: './data/photos',
      publicUrl: null,
      redisUrl: null,
      logLevel: 'warn',
      allowedOrigins: [],
      exportTargetsFile: null,
      archiveImportToken: null,
    });
    expect(CONFIG_DEFAULTS).toMatchObject({ PORT: '3000', HOST: '0.0.0.0', DATA_DIR: './data', LOG_LEVEL: 'warn', ALLOWED_ORIGINS: '' });
    // Photos live beside the store unless PHOTO_DIR (a directory every process shares) says otherwise.
    expect(readConfig({ DATA_DIR: '/srv/cafe/' }).photoDir).toBe('/srv/cafe/photos');
    expect(readConfig({ DATA_DIR: '/srv/cafe', PHOTO_DIR: '/mnt/shared/photos' }).photoDir).toBe('/mnt/shared/photos');
  });

  it('refuses an ARCHIVE_IMPORT_TOKEN that is short or has characters a header would mangle, naming it', () => {
    for (const token of ['short-token', 'a'.repeat(23), `${'a'.repeat(30)} b`, `${'a'.repeat(30)}"`]) {
      expect(() => readConfig({ ARCHIVE_IMPORT_TOKEN: token })).toThrow(/^ARCHIVE_IMPORT_TOKEN: /);
    }
    expect(readConfig({ ARCHIVE_IMPORT_TOKEN: 'a'.repeat(24) }).archiveImportToken).toBe('a'.repeat(24));
  });

  it('treats empty and blank values as unset', () => {
    expect(readConfig({ PORT: '', HOST: '  ', DATA_DIR: '', PUBLIC_URL: ' ', REDIS_URL: '', LOG_LEVEL: '', ALLOWED_ORIGINS: ' ' })).toEqual(readConfig({}));
  });

  it('reads good values, trimmed', () => {
    expect(
      readConfig({
        PORT: ' 8080 ',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/tablecloth',
        PUBLIC_URL: 'http://cafe.local:8080/',
        REDIS_URL: 'redis://127.0.0.1:6379',
        LOG_LEVEL: 'debug',
        ALLOWED_ORIGINS: ' https://Cafe.Example.org , http://192.168.1.20:3000/,https://cafe.example.org:443',
        ARCHIVE_IMPORT_TOKEN: ' q3Zr+8pLx/VwT2mN0sKd4hYbEe6uJc1o= ',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/tablecloth',
      photoDir: '/var/lib/tablecloth/photos',
      publicUrl: 'http://cafe.local:8080',
      redisUrl: 'redis://127.0.0.1:6379',
      logLevel: 'debug',
      // As browsers send them in the Origin header: lower-case host, no default port, no slash.
      allowedOrigins: ['https://cafe.example.org', 'http://192.168.1.20:3000', 'https://cafe.example.org'],
      exportTargetsFile: null,
      archiveImportToken: 'q3Zr+8pLx/VwT2mN0sKd4hYbEe6uJc1o=',
    });
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '65535'],
    ['HOST', '::'],
    ['HOST', 'cafe-laptop.local'],
    ['PUBLIC_URL', 'https://cafe.example.org/tablecloth'],
    ['REDIS_URL', 'rediss://user:pw@redis.example.org:6380/2'],
    ['LOG_LEVEL', 'silent'],
    ['ALLOWED_ORIGINS', 'https://cafe.example.org'],
    ['ALLOWED_ORIGINS', 'http://[::1]:3000,http://cafe.local'],
    ['ALLOWED_ORIGINS', 'https://a.example.org,'],
  ])('accepts %s=%s', (variable, value) => {
    expect(() => readConfig({ [variable]: value })).not.toThrow();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '123456'],
    ['PORT', '3000.5'],
    ['PORT', '1e3'],
    ['PORT', '0x1F'],
    ['PORT', '３０００'],
    ['HOST', 'cafe laptop'],
    ['HOST', 'http://cafe.local'],
    ['HOST', 'cafe.local/path'],
    ['PUBLIC_URL', 'cafe.local:3000'],
    ['PUBLIC_URL', '/relative/path'],
    ['PUBLIC_URL', 'http://'],
    ['PUBLIC_URL', 'ftp://cafe.local'],
    ['PUBLIC_URL', 'http://cafe.local/?room=1'],
    ['PUBLIC_URL', 'http://cafe.local/#secret'],
    ['PUBLIC_URL', 'http://cafe.local:3000/#'],
    ['PUBLIC_URL', 'http://cafe.local:3000/?'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', 'not a url'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', '30'],
    ['ALLOWED_ORIGINS', '*'],
    ['ALLOWED_ORIGINS', 'cafe.example.org'],
    ['ALLOWED_ORIGINS', 'https://cafe.example.org/app'],
    ['ALLOWED_ORIGINS', 'https://cafe.example.org/?x=1'],
    ['ALLOWED_ORIGINS', 'https://cafe.example.org/#top'],
    ['ALLOWED_ORIGINS', 'https://user:pw@cafe.example.org'],
    ['ALLOWED_ORIGINS', 'ws://cafe.example.org'],
    ['ALLOWED_ORIGINS', 'https://ok.example.org;https://other.example.org'],
    ['ALLOWED_ORIGINS', 'null'],
  ])('refuses %s=%s with a ConfigError that starts with the variable name', (variable, value) => {
    let thrown: unknown;
    try {
      readConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message.startsWith(`${variable}:`)).toBe(true);
  });
});

describe('starting server/main.ts with a bad value', () => {
  // One at a time, with a generous bound: on a busy 2-core machine starting tsx alone takes seconds.
  // Every variable's refusal is checked on readConfig above; here main.ts's wiring: one refused when
  // read, and the two that fail only when used.
  it.each([
    ['PORT', 'abc'],
    // Well-formed values that fail only when used: the message still names the variable.
    ['DATA_DIR', '/etc/passwd'],
    ['HOST', '999.1.1.1'],
  ])('with %s=%s exits non-zero within a few seconds, naming the variable on stderr', async (variable, value) => {
    const started = Date.now();
    const server = spawnServer({ PORT: '0', DATA_DIR: variable === 'DATA_DIR' ? value : mkdtempSync(join(tmpdir(), 'tablecloth-config-')), PUBLIC_URL: '', REDIS_URL: '', [variable]: value });
    server.ready.catch(() => undefined); // it must never get there; the assertions below say so
    let stderr = '';
    server.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 25_000);
    const code = await server.exited;
    clearTimeout(timer);
    expect(typeof code === 'number' && code !== 0, `exit ${code}`).toBe(true);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(stderr).toContain(variable);
    expect(server.output()).not.toMatch(/listening on port/);
  });
});
