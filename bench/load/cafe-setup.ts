/**
 * Sets up the benchmark's café over HTTP, as a facilitator and a room of phones would: creates
 * it, opens it and starts the first round, issues the extra walls' links and joins every phone
 * at its table.
 */
import { Agent, request } from 'node:http';
import type { CafeLinks } from '../../server/reception.js';

/** Joins from one address; phones spread over loopback addresses, so a limit per address (the server's before issue 4's hardening) never counts. */
const JOINS_PER_ADDRESS = 900;
const JOIN_CONCURRENCY = 8;

export interface Phone {
  participantId: string;
  secret: string;
  tableId: string;
}

export interface BenchCafe {
  links: CafeLinks;
  facilitator: string;
  walls: string[];
  phones: Phone[];
}

interface Reply {
  status: number;
  body: unknown;
}

function call(url: string, method: string, body: unknown, options: { secret?: string; agent?: Agent } = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: options.agent,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.secret ? { authorization: `Bearer ${options.secret}` } : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function must(what: string, reply: Promise<Reply>, status: number): Promise<unknown> {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export function secretOf(link: string | null): string {
  if (!link) throw new Error('the café came without this link');
  return new URL(link).hash.slice(1);
}

/** `serverUrls[i % n]` serves the i-th join, so several processes share the work (and each its own rate limit). */
export async function setUpCafe(serverUrls: string[], counts: { tables: number; walls: number; phones: number }): Promise<BenchCafe> {
  const [first] = serverUrls as [string];
  const links = (await must(
    'create café',
    call(`${first}/api/cafes`, 'POST', {
      title: 'Load benchmark café',
      language: 'en',
      stakeholderGroups: ['teachers', 'students', 'parents'],
      tables: counts.tables,
      rounds: [{ question: 'What makes learning matter to you?', durationMs: 60 * 60_000 }],
    }),
    201,
  )) as CafeLinks;
  const facilitator = secretOf(links.facilitator);
  for (const type of ['openCafe', 'startRound']) {
    await must(type, call(`${first}/api/cafes/${links.cafeId}/ops`, 'POST', { id: `bench-${type}`, op: { type } }, { secret: facilitator }), 200);
  }
  const walls = links.wall.map(secretOf);
  while (walls.length < counts.walls) {
    const issued = (await must('issue a wall link', call(`${first}/api/cafes/${links.cafeId}/links`, 'POST', { role: 'wall' }, { secret: facilitator }), 201)) as { url: string };
    walls.push(secretOf(issued.url));
  }

  const addresses = Math.max(1, Math.ceil(counts.phones / JOINS_PER_ADDRESS));
  const agents = Array.from({ length: addresses }, (_, i) => new Agent({ keepAlive: true, maxSockets: JOIN_CONCURRENCY, localAddress: `127.0.0.${i + 2}` }));
  const phones: Phone[] = new Array(counts.phones);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < counts.phones; i = next++) {
      const tableId = String((i % counts.tables) + 1);
      const joined = (await must(
        `join phone ${i + 1}`,
        call(`${serverUrls[i % serverUrls.length]}/api/join`, 'POST', { code: links.joinCode, tableId, consent: { publish: true, showName: false } }, { agent: agents[i % addresses] }),
        201,
      )) as { participantId: string; secret: string };
      phones[i] = { participantId: joined.participantId, secret: joined.secret, tableId };
    }
  };
  try {
    await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, worker));
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return { links, facilitator, walls, phones };
}
