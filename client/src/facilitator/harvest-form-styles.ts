/** The small forms of the harvest's side panels (vote, spotlight): a row of labelled fields and buttons. */
import { css } from 'lit';

export const harvestFormStyles = css`
  :host {
    display: block;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  label {
    display: grid;
    gap: 0.1rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;
