/** A part of the wall's main area: sized by the wall's grid, in the wall's unit, cut off rather than scrolled. */
import { css } from 'lit';

export const wallPanel = css`
  :host {
    display: block;
    min-height: 0;
    overflow: hidden;
    font-size: var(--u, 32px);
    line-height: 1.2;
  }
`;
