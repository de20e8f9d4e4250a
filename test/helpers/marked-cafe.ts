/**
 * A café made over the real API whose every kind of text carries a marker no other café has: its
 * title and question, a table's name, an idea, a participant's name and e-mail address (an
 * invitation), a harvest card, a theme, a photo's bytes and an export job's edits and outcome. Tests delete it and search for the markers,
 * or move it by its archive and look for them on the other side.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CafeLinks } from '../../server/reception.js';
import type { ExportJobStore } from '../../server/export/job-store.js';
import { connect, type TestClient } from './client.js';
import { TINY_JPEG } from './seed-threads.js';
import { createCafe, joinCafe, secretOf } from './server.js';

export interface MarkedCafe {
  links: CafeLinks;
  facilitator: string;
  host: string;
  /** Connected as the facilitator until the test closes it. */
  client: TestClient;
  markers: string[];
  /** Bytes of the stored photo no other file has. */
  photoMarker: Buffer;
  photoId: string;
  jobId: string;
}

/** Sends one operation over HTTP with a link's secret; throws unless accepted. */
export async function sendOp(url: string, cafeId: string, secret: string, op: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${url}/api/cafes/${cafeId}/ops`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), op }),
  });
  if (response.status !== 200) throw new Error(`${String(op.type)}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { seq: number }).seq;
}

/** A JPEG the photo route takes whose scan data carries 24 random bytes (metadata would be stripped). */
function markedJpeg(): { bytes: Uint8Array; marker: Buffer } {
  const marker = randomBytes(24);
  const base = Buffer.from(TINY_JPEG);
  // Just before the end-of-image marker, inside the entropy-coded data: kept as it is.
  const end = base.length - 2;
  // 0xFF in scan data must be stuffed; random bytes without 0xFF keep the file well formed.
  for (let i = 0; i < marker.length; i++) if (marker[i] === 0xff) marker[i] = 0x7f;
  return { bytes: Buffer.concat([base.subarray(0, end), marker, base.subarray(end)]), marker };
}

export async function markedCafe(url: string, jobs: ExportJobStore, tag: string): Promise<MarkedCafe> {
  const m = (what: string) => `${what}${tag}${randomUUID().slice(0, 8)}`;
  const markers = { title: m('TitleMark'), question: m('QuestionMark'), table: m('TableMark'), idea: m('IdeaMark'), name: m('NameMark'),
    card: m('CardMark'), theme: m('ThemeMark'), edit: m('EditMark'), outcome: m('OutcomeMark') };
  const links = await createCafe({ url }, {
    title: markers.title,
    language: 'en',
    stakeholderGroups: ['teachers', 'students'],
    travelMs: 0,
    tables: 2,
    rounds: [{ question: markers.question, durationMs: 20 * 60_000 }],
  });
  const facilitator = secretOf(links.facilitator);
  const host = secretOf(links.tables[0]!.host);
  const client = await connect(url, facilitator);
  await client.must({ type: 'editTable', tableId: '1', name: markers.table });
  await client.must({ type: 'openCafe' });
  await client.must({ type: 'startRound' });
  const participant = await joinCafe({ url }, links, { tableId: '1', displayName: markers.name, group: 'teachers' });
  await sendOp(url, links.cafeId, participant.secret, { type: 'addIdea', ideaId: 'idea-marked', tableId: '1', round: 0, text: `${markers.idea} and more` });
  const email = `${m('emailmark').toLowerCase()}@example.org`;
  const invite = await fetch(`${url}/api/cafes/${links.cafeId}/invitation`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${participant.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, consent: true, ageConfirmed: true }),
  });
  if (invite.status >= 300) throw new Error(`invitation: ${invite.status} ${await invite.text()}`);
  await sendOp(url, links.cafeId, host, { type: 'setHarvestCard', tableId: '1', round: 0, insights: [{ text: markers.card }] });
  const photo = markedJpeg();
  const photoId = 'photo-marked';
  const put = await fetch(`${url}/api/cafes/${links.cafeId}/photos/${photoId}?tableId=1&round=0`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${host}`, 'content-type': 'image/jpeg' },
    body: Buffer.from(photo.bytes),
  });
  if (put.status !== 201) throw new Error(`photo: ${put.status} ${await put.text()}`);
  await client.must({ type: 'nextRound' });
  await client.must({ type: 'createTheme', themeId: 'theme-marked', name: markers.theme, ideaIds: ['idea-marked'] });
  const jobId = `job-${randomUUID()}`;
  await jobs.createJob({
    jobId, cafeId: links.cafeId, target: 'folder', grouping: 'theme', pinnedSeq: client.state.seq, threadIds: null,
    edits: { 'theme-theme-marked': { title: `${markers.edit} title`, body: `${markers.edit} body` } }, createdAt: Date.now(),
  });
  await jobs.putOutcome(jobId, 'theme-other', { status: 'created', remoteId: '1', url: `https://community.test/${markers.outcome}`, error: null, at: 1, attempts: 1 });
  await jobs.recordIntent(jobId, 'theme-theme-marked');
  return { links, facilitator, host, client, markers: [...Object.values(markers), email], photoMarker: photo.marker, photoId, jobId };
}
