/** The bare relay's events: the shape of Tablecloth's `op` and `ops`, without the domain. */
export interface RelayEntry {
  ideaId: string;
  text: string;
}

export interface RelayClientEvents {
  op: (request: { rooms: string[]; entry: RelayEntry }, ack: (result: { ok: true; seq: number }) => void) => void;
}

export interface RelayServerEvents {
  /** Sent once the socket has joined its rooms (Tablecloth's counterpart is the snapshot). */
  ready: () => void;
  ops: (message: { entries: RelayEntry[]; prev: number; upTo: number }) => void;
}
