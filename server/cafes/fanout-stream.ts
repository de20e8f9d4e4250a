/**
 * The Redis streams adapter keeps its last ~10,000 broadcasts in a Redis stream (so a process
 * that lagged can catch up), and a broadcast carries what a room was sent: ideas, names, themes.
 * Deleting a café removes its messages from there too (they name its rooms, `<cafeId>:…`).
 */
import type { createClient } from 'redis';
import type { CafePart } from './cafe-part.js';

const BATCH = 500;

export function fanOutStreamPart(client: ReturnType<typeof createClient>, streamName: string): CafePart {
  return {
    name: 'fanOutStream',
    // After the café's devices were told: that notice passes through the stream too.
    late: true,
    async deleteCafe(cafeId) {
      const room = JSON.stringify(`${cafeId}:`).slice(0, -1);
      for (let start = '-'; ; ) {
        const batch = await client.xRange(streamName, start, '+', { COUNT: BATCH });
        const ids = batch.filter((e) => Object.values(e.message).some((v) => v.includes(room))).map((e) => e.id);
        if (ids.length > 0) await client.xDel(streamName, ids);
        if (batch.length < BATCH) return;
        start = `(${batch.at(-1)!.id}`;
      }
    },
  };
}
