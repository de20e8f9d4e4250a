/** The theme board's layout: the ideas in no theme on the left, the themes as cards beside them. */
import { css } from 'lit';

export const themeBoardStyles = css`
  :host {
    display: block;
  }
  .board {
    display: grid;
    grid-template-columns: minmax(17rem, 22rem) minmax(0, 1fr);
    gap: 1rem;
    align-items: start;
  }
  h3 {
    margin: 0;
    font-size: 1.05rem;
    overflow-wrap: anywhere;
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: var(--tc-focus);
  }
  .column,
  .theme {
    border: 2px solid var(--tc-line);
    border-radius: var(--tc-radius);
    background: var(--tc-paper);
    padding: 0.6rem;
  }
  .column.over,
  .theme.over {
    border-color: var(--tc-accent);
    border-style: dashed;
    background: var(--tc-accent-soft);
  }
  .filters {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.4rem;
    margin: 0.5rem 0;
  }
  .filters label {
    display: grid;
    gap: 0.1rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  .filters .words {
    grid-column: 1 / -1;
  }
  .filters input,
  .filters select {
    min-height: 36px;
    padding: 0.25em 0.4em;
    width: 100%;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3rem;
    overflow-y: auto;
  }
  .column ul {
    max-height: max(16rem, calc(100vh - 24rem));
  }
  .theme ul {
    max-height: 18rem;
    min-height: 2.5rem;
  }
  .idea {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 0.35rem;
    align-items: start;
    padding: 0.2rem 0.35rem 0.2rem 0;
    border: 1px solid var(--tc-line);
    border-radius: 8px;
    background: var(--tc-card);
  }
  .idea.starred {
    border-left: 4px solid var(--tc-star);
  }
  .idea.dragged {
    opacity: 0.5;
  }
  .grip {
    display: grid;
    place-items: center;
    width: 1.6rem;
    min-height: 2.6rem;
    align-self: stretch;
    color: var(--tc-muted);
    cursor: grab;
    touch-action: none;
    user-select: none;
  }
  .idea label {
    display: flex;
    gap: 0.4rem;
    align-items: flex-start;
    padding: 0.25rem 0;
    cursor: pointer;
  }
  .idea input[type='checkbox'] {
    min-height: 0;
    width: 1.15rem;
    height: 1.15rem;
    margin: 0.15rem 0 0;
    flex: none;
  }
  .text {
    overflow-wrap: anywhere;
    line-height: 1.3;
  }
  .hidden .text {
    text-decoration: line-through;
    color: var(--tc-muted);
  }
  .foot {
    grid-column: 2;
    display: flex;
    gap: 0.4rem;
    align-items: center;
    justify-content: space-between;
  }
  .readonly .foot {
    grid-column: 1 / -1;
  }
  .readonly .text {
    padding: 0.25rem 0.5rem 0;
  }
  .readonly .marks {
    padding-left: 0.5rem;
  }
  .marks {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    font-size: 0.78rem;
    color: var(--tc-muted);
    font-weight: 600;
  }
  .star {
    color: var(--tc-star);
  }
  .off {
    color: var(--tc-danger);
  }
  .idea button {
    min-height: 30px;
    padding: 0 0.5em;
    font-size: 0.8rem;
    border-width: 1px;
    flex: none;
  }
  .more {
    margin-top: 0.4rem;
    display: flex;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    font-size: 0.85rem;
    color: var(--tc-muted);
  }
  .more button {
    min-height: 36px;
    padding: 0.2em 0.7em;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
    margin-bottom: 0.75rem;
  }
  .tools form,
  .tools .move {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: end;
  }
  .tools label,
  .theme form label {
    display: grid;
    gap: 0.1rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  .count {
    font-weight: 700;
    align-self: center;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .error {
    flex-basis: 100%;
    margin: 0;
    color: var(--tc-danger);
    font-weight: 600;
  }
  .themes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(16.5rem, 1fr));
    gap: 0.75rem;
    align-items: start;
  }
  .theme header {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    align-items: baseline;
    margin-bottom: 0.3rem;
  }
  .theme .n {
    color: var(--tc-muted);
    font-size: 0.85rem;
    white-space: nowrap;
  }
  .theme .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin-bottom: 0.4rem;
  }
  .theme .actions button,
  .theme form button {
    min-height: 32px;
    padding: 0.1em 0.5em;
    font-size: 0.82rem;
    border-width: 1px;
  }
  .theme form {
    display: grid;
    gap: 0.35rem;
    margin-bottom: 0.5rem;
  }
  .theme form .row {
    display: flex;
    gap: 0.35rem;
  }
  .empty {
    margin: 0.25rem 0;
    color: var(--tc-muted);
    font-size: 0.9rem;
  }
  .ghost {
    position: fixed;
    z-index: 10;
    pointer-events: none;
    padding: 0.35rem 0.7rem;
    border-radius: 8px;
    background: var(--tc-accent);
    color: var(--tc-accent-ink);
    font-weight: 700;
    transform: translate(12px, 12px);
    max-width: 18rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  @media (max-width: 900px) {
    .board {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
