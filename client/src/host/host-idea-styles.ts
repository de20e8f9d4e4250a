/** One idea card in the host's list: starred, unsent and refused cards differ by border and background, and by words too. */
import { css } from 'lit';

export const hostIdeaStyles = css`
  :host {
    display: block;
    background: var(--tc-card);
    border: 1px solid var(--tc-line);
    border-left: 6px solid var(--tc-line);
    border-radius: var(--tc-radius);
    padding: 0.75rem 0.9rem;
  }
  :host([starred]) {
    border-left-color: var(--tc-star);
    background: var(--tc-star-soft);
  }
  :host([unsent]) {
    border-style: dashed;
  }
  :host([refused]) {
    border-color: var(--tc-danger);
    background: var(--tc-danger-soft);
  }
  .text {
    margin: 0;
    font-size: 1.2rem;
    line-height: 1.4;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* Whose it is on the left, the actions on the right: one line where it fits, to keep cards short. */
  .foot {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-top: 0.4rem;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem 0.75rem;
    font-size: 0.95rem;
    color: var(--tc-muted);
  }
  .tag {
    font-weight: 700;
  }
  .mark {
    font-weight: 700;
    color: var(--tc-warn);
  }
  .refusal,
  .confirm {
    flex-basis: 100%;
  }
  .refusal {
    margin: 0.4rem 0 0;
    color: var(--tc-danger);
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-left: auto;
  }
  .star[aria-pressed='true'] {
    background: var(--tc-star);
    border-color: var(--tc-star);
    color: #fff;
  }
  textarea {
    width: 100%;
    min-height: 5rem;
    font-size: 1.25rem;
  }
  .confirm {
    margin: 0.5rem 0 0;
    font-weight: 700;
  }
`;
