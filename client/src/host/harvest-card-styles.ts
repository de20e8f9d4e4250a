/** The harvest card on the tablet: large touch targets, the chosen insights marked in more than colour. */
import { css } from 'lit';

export const harvestCardStyles = css`
  :host {
    display: block;
    background: var(--tc-star-soft);
    border: 2px solid var(--tc-star);
    border-radius: var(--tc-radius);
    padding: 0.75rem 1rem 1rem;
  }
  h2 {
    margin: 0 0 0.3rem;
    font-size: 1.3rem;
  }
  h2:focus {
    outline: none;
  }
  p {
    margin: 0 0 0.6rem;
  }
  .rounds {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-bottom: 0.6rem;
  }
  .rounds button[aria-pressed='true'] {
    background: var(--tc-accent);
    color: var(--tc-accent-ink);
  }
  .count {
    font-weight: 700;
  }
  ul {
    list-style: none;
    margin: 0 0 0.75rem;
    padding: 0;
    display: grid;
    gap: 0.45rem;
  }
  .choice {
    display: flex;
    gap: 0.65rem;
    align-items: flex-start;
    padding: 0.6rem 0.75rem;
    min-height: 48px;
    border: 2px solid var(--tc-line);
    border-radius: 10px;
    background: var(--tc-card);
    font-size: 1.1rem;
    line-height: 1.35;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .choice.on {
    border-color: var(--tc-star);
    box-shadow: inset 4px 0 0 var(--tc-star);
  }
  .choice.off {
    color: var(--tc-muted);
    cursor: not-allowed;
  }
  .choice input {
    width: 1.5rem;
    height: 1.5rem;
    min-height: 0;
    margin: 0.05rem 0 0;
    flex: none;
  }
  .star {
    color: var(--tc-star);
    font-weight: 700;
    white-space: nowrap;
  }
  .written {
    display: grid;
    gap: 0.35rem;
    margin-bottom: 0.6rem;
  }
  .written label {
    font-weight: 600;
  }
  .written .row {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  textarea {
    flex: 1;
    min-height: 3.2rem;
    font-size: 1.1rem;
    resize: vertical;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .saved li {
    padding: 0.5rem 0.75rem;
    background: var(--tc-card);
    border-radius: 10px;
    border-left: 5px solid var(--tc-star);
    font-size: 1.15rem;
    overflow-wrap: anywhere;
  }
  .state {
    font-weight: 700;
    color: var(--tc-warn);
  }
  .refused {
    font-weight: 700;
    color: var(--tc-danger);
  }
  .empty {
    color: var(--tc-muted);
  }
  .photos {
    margin-top: 0.8rem;
  }
  .thumbnails {
    list-style: none;
    margin: 0 0 0.6rem;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .thumbnails img,
  .thumbnails .loading {
    display: block;
    height: 6rem;
    width: auto;
    max-width: 12rem;
    object-fit: cover;
    border-radius: 8px;
    border: 1px solid var(--tc-line);
  }
  .thumbnails .loading {
    width: 8rem;
    display: grid;
    place-items: center;
    color: var(--tc-muted);
  }
  /* The file input is the camera on a tablet; it sits inside a large, button-like label. */
  .camera {
    display: inline-block;
    padding: 0.6rem 1rem;
    border: 2px solid var(--tc-accent);
    border-radius: 8px;
    font-weight: 700;
    cursor: pointer;
  }
  .camera input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .camera:focus-within {
    outline: 3px solid var(--tc-accent);
    outline-offset: 2px;
  }
`;
