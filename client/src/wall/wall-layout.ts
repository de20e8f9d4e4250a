/** The wall's frame: header (phase, question, countdown), message, ideas beside the side panel, tables. */
import { css } from 'lit';

export const wallLayout = css`
  :host {
    /* 32 px at 1920×1080; the limiting side decides on other projectors. */
    --u: min(calc(100vw / 60), calc(100vh / 33.75));
    display: block;
    position: fixed;
    inset: 0;
    overflow: hidden;
    font-size: var(--u);
    line-height: 1.2;
    background: var(--tc-paper);
  }
  .wall {
    height: 100%;
    display: grid;
    grid-template-rows: auto auto minmax(0, 1fr) auto;
    /* Placed by name: without a message its row stays empty rather than shifting the others. */
    grid-template-areas: 'header' 'message' 'main' 'footer';
    gap: calc(var(--u) * 0.45);
    padding: calc(var(--u) * 0.6) calc(var(--u) * 0.8);
  }
  header {
    grid-area: header;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: calc(var(--u) * 1);
    align-items: start;
  }
  .phase,
  .label {
    margin: 0;
    color: var(--tc-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .phase strong {
    color: var(--tc-accent);
  }
  .label {
    font-weight: 600;
  }
  .question {
    margin: 0.1em 0 0;
    font-size: 1.6em;
    line-height: 1.15;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
  }
  tc-countdown {
    --tc-countdown-size: calc(var(--u) * 4.5);
    --tc-countdown-note-size: var(--u);
  }
  tc-connection-status {
    font-size: var(--u);
  }
  .broadcast {
    grid-area: message;
    margin: 0;
    padding: 0.25em 0.6em;
    border-radius: var(--tc-radius);
    background: var(--tc-accent);
    color: var(--tc-accent-ink);
    font-size: 1.5em;
    font-weight: 700;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
  }
  main {
    grid-area: main;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--u) * 0.8);
  }
  footer {
    grid-area: footer;
  }
  /* The wall's own state (sound, connection) on the strip's heading line, out of the question's way. */
  .machine {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 calc(var(--u) * 0.6);
  }
  main.with-side {
    grid-template-columns: minmax(0, 1fr) calc(var(--u) * 19);
  }
  main > * {
    min-height: 0;
  }
  /* "Find your table": the board takes what the join code leaves. */
  main.board.with-side {
    grid-template-columns: minmax(0, 1fr) calc(var(--u) * 14);
  }
  /* Two lines of tiles with their groups under the board, the board being what the room reads now;
     more tables than that show their groups alone, one line a tile (tc-wall-tables). */
  footer.board tc-wall-tables {
    --tables-max: calc(var(--u) * 5.8);
  }
  .find {
    -webkit-line-clamp: 1;
    line-clamp: 1;
  }
  .side {
    border-inline-start: calc(var(--u) * 0.08) solid var(--tc-line);
    padding-inline-start: calc(var(--u) * 0.8);
  }
  .waiting {
    margin: 0;
    padding: calc(var(--u) * 1);
    font-size: 1.5em;
  }
`;
