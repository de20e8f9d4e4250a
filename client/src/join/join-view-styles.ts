/** The participant phone's layout: one column, readable at 320 px, big touch targets, nothing wider than the screen. */
import { css } from 'lit';

export const joinViewStyles = css`
  :host {
    display: block;
    max-width: 40rem;
    margin: 0 auto;
    padding: 0 0.8rem 2rem;
    background: var(--tc-paper);
    overflow-wrap: anywhere;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.6rem 0;
  }
  .cafe {
    flex: 1 1 8rem;
    font-weight: 600;
    color: var(--tc-muted);
    min-width: 0;
  }
  main {
    display: grid;
    gap: 1rem;
  }
  h1,
  h2 {
    margin: 0 0 0.5rem;
  }
  h2 {
    font-size: 1.25rem;
  }
  .card {
    background: var(--tc-card);
    border: 1px solid var(--tc-line);
    border-radius: var(--tc-radius);
    padding: 1rem;
  }
  .card p {
    margin: 0.3rem 0 0;
  }
  .seat h1 {
    display: grid;
  }
  .seat .label {
    font-size: 0.95rem;
    font-weight: 600;
    color: var(--tc-muted);
  }
  .seat .table {
    font-size: 2.4rem;
    line-height: 1.1;
  }
  .phase {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    font-weight: 600;
    --tc-countdown-size: 2.2rem;
  }
  .question-label {
    font-size: 0.95rem;
    font-weight: 600;
    color: var(--tc-muted);
    margin-top: 0.8rem !important;
  }
  .question {
    font-size: 1.3rem;
    font-weight: 600;
    line-height: 1.35;
  }
  .broadcast {
    background: var(--tc-star-soft);
    border: 2px solid var(--tc-star);
    border-radius: var(--tc-radius);
    padding: 0.7rem 1rem;
  }
  .broadcast-label {
    font-size: 0.9rem;
    font-weight: 700;
    color: var(--tc-star);
  }
  .broadcast p {
    margin: 0.2rem 0 0;
    font-size: 1.15rem;
    font-weight: 600;
  }
  .notice {
    margin: 0;
    padding: 0.7rem 1rem;
    border-radius: var(--tc-radius);
    background: var(--tc-accent-soft);
    color: var(--tc-accent);
    font-weight: 700;
    font-size: 1.1rem;
  }
  .notice.error {
    background: var(--tc-danger-soft);
    color: var(--tc-danger);
  }
  .move {
    border: 2px solid var(--tc-accent);
  }
  .change summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--tc-accent);
    font-weight: 600;
  }
  .change tc-join-seat-picker {
    margin-top: 0.3rem;
  }
  .plain h1,
  .plain .plain-title {
    font-size: 1.4rem;
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  button.big {
    width: 100%;
    min-height: 56px;
    font-size: 1.15rem;
    margin-top: 0.8rem;
  }
  .vote ul {
    padding: 0;
  }
  .vote li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    border-top: 1px solid var(--tc-line);
  }
  .vote span {
    flex: 1;
    font-weight: 600;
  }
  .dot {
    width: 48px;
    font-size: 1.4rem;
  }
  .wait {
    color: var(--tc-muted);
  }
`;
