/** The host tablet's layout: one column upright, capture left and ideas right when held sideways. */
import { css } from 'lit';

export const hostViewStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--tc-paper);
  }
  /* Time, phase, message and connection stay in sight while the host scrolls the ideas. */
  .top {
    position: sticky;
    top: 0;
    z-index: 1;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
    padding: 0.6rem 1.25rem;
    background: var(--tc-card);
    border-bottom: 1px solid var(--tc-line);
    --tc-countdown-size: 2.25rem;
  }
  .where {
    flex: 1 1 12rem;
    min-width: 0;
  }
  h1 {
    margin: 0;
    font-size: 1.5rem;
    overflow-wrap: anywhere;
  }
  .phase {
    margin: 0;
    color: var(--tc-muted);
    font-weight: 600;
  }
  .rehearsal {
    margin-left: 0.5em;
    padding: 0 0.4em;
    border: 2px solid var(--tc-warn);
    border-radius: 6px;
    color: var(--tc-warn);
  }
  .notice {
    margin: 0;
    padding: 0.6rem 1.25rem;
    font-size: 1.1rem;
    border-bottom: 1px solid var(--tc-line);
  }
  .broadcast {
    background: var(--tc-star-soft);
    font-size: 1.25rem;
  }
  .broadcast strong {
    margin-right: 0.4em;
  }
  .net {
    background: var(--tc-danger-soft);
  }
  main {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1.25rem;
    padding: 1rem 1.25rem 1.5rem;
    align-items: start;
  }
  .question-label {
    margin: 0;
    font-weight: 700;
    color: var(--tc-muted);
    text-transform: uppercase;
    letter-spacing: 0.05em;
    font-size: 0.95rem;
  }
  .question {
    margin: 0.2rem 0 1rem;
    font-size: 1.85rem;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  .question.long {
    font-size: 1.4rem;
  }
  .ideas h2 {
    margin: 0 0 0.6rem;
    font-size: 1.3rem;
  }
  .count {
    color: var(--tc-muted);
    font-weight: 600;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  .empty {
    color: var(--tc-muted);
  }
  footer {
    padding: 0 1.25rem 1.5rem;
  }
  .side {
    display: grid;
    gap: 1.25rem;
  }
  tc-arrivals-panel.soon {
    grid-column: 1 / -1;
  }
  tc-arrivals-panel.next {
    margin-top: 1rem;
  }
  .travel-note {
    margin: -0.5rem 0 0.75rem;
    font-weight: 600;
  }
  /* Tablet held sideways: capture on the left; the handover briefing and the ideas on the right. */
  @media (min-width: 900px) {
    main {
      grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr);
    }
  }
`;
