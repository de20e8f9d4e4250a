/** What the bench and the probe in each server process say to each other over IPC. */
export interface ProbeRequest {
  probe: 'read';
  id: number;
  /** Run the garbage collector first (the process runs with --expose-gc), for memory figures. */
  collectGarbage: boolean;
  /** Start a new event-loop delay window after this reading. */
  reset: boolean;
}

export interface ProbeReading {
  probe: 'reading';
  id: number;
  /** Longest event-loop delay since the last reset, in ms. */
  delayMaxMs: number;
  delayP99Ms: number;
  rss: number;
  heapUsed: number;
  external: number;
}
