/**
 * Colours and type shared by every face. Colours are chosen for a contrast ratio of at least
 * 4.5:1 on their background (WCAG 2.1 AA); motion is reduced where the person asks for it.
 */
import { css } from 'lit';

export const theme = css`
  :host {
    --tc-paper: #fbfaf7;
    --tc-card: #ffffff;
    --tc-ink: #1c1b19;
    --tc-muted: #57544e;
    --tc-line: #d9d5cc;
    --tc-accent: #0b5f7a;
    --tc-accent-ink: #ffffff;
    --tc-accent-soft: #e3f0f4;
    --tc-star: #8a5a00;
    --tc-star-soft: #fff3d6;
    --tc-danger: #a4262c;
    --tc-danger-soft: #fde7e9;
    --tc-ok: #1e6b35;
    --tc-warn: #8a4b00;
    --tc-radius: 12px;
    --tc-focus: 3px solid #0b5f7a;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    color: var(--tc-ink);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--tc-focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5em 1em;
    border-radius: var(--tc-radius);
    border: 2px solid var(--tc-accent);
    background: var(--tc-card);
    color: var(--tc-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--tc-accent);
    color: var(--tc-accent-ink);
  }
  button.danger {
    border-color: var(--tc-danger);
    color: var(--tc-danger);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: var(--tc-ink);
    background: var(--tc-card);
    border: 2px solid var(--tc-line);
    border-radius: 8px;
    padding: 0.5em 0.6em;
    min-height: 44px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
