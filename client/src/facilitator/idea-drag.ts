/**
 * Dragging ideas onto a theme with pointer events, so a mouse, a pen and a finger work alike
 * (the HTML drag-and-drop API does not fire on touch). A drag starts on an element with
 * `touch-action: none` and begins only past a few pixels, so a tap stays a tap; Escape cancels.
 * Drop targets are elements of the host's shadow root marked `data-drop` ("none" or a theme id).
 */
import type { LitElement, ReactiveController } from 'lit';

/** Past this many pixels a pressed pointer is a drag. */
const DRAG_START_PX = 6;

/** The ideas dragged and dropped, and where: a theme id, or null for "no theme". */
export type DropIdeas = (ideaIds: string[], themeId: string | null) => void;

export class IdeaDrag implements ReactiveController {
  /** The ideas being dragged (empty when none are). */
  ideaIds: string[] = [];
  /** Whether the pointer has moved far enough to be a drag. */
  active = false;
  x = 0;
  y = 0;
  /** The drop target under the pointer: a theme id, null for "no theme", undefined for nothing. */
  over: string | null | undefined = undefined;
  private start: { x: number; y: number; pointerId: number } | null = null;

  constructor(
    private readonly host: LitElement,
    private readonly drop: DropIdeas,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.end();
  }

  /** Called on the handle's pointerdown. */
  begin(e: PointerEvent, ideaIds: string[]): void {
    if (e.button > 0 || ideaIds.length === 0) return;
    e.preventDefault();
    this.end();
    this.ideaIds = ideaIds;
    this.start = { x: e.clientX, y: e.clientY, pointerId: e.pointerId };
    try {
      (e.currentTarget as Element | null)?.setPointerCapture(e.pointerId);
    } catch {
      // A pointer the browser does not know (synthetic) is tracked on the window all the same.
    }
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
    window.addEventListener('keydown', this.onKey);
  }

  private readonly onMove = (e: PointerEvent): void => {
    if (!this.start || e.pointerId !== this.start.pointerId) return;
    if (!this.active && Math.hypot(e.clientX - this.start.x, e.clientY - this.start.y) < DRAG_START_PX) return;
    this.active = true;
    this.x = e.clientX;
    this.y = e.clientY;
    this.over = this.targetAt(e.clientX, e.clientY);
    this.host.requestUpdate();
  };

  private readonly onUp = (e: PointerEvent): void => {
    if (!this.start || e.pointerId !== this.start.pointerId) return;
    const target = this.active ? this.targetAt(e.clientX, e.clientY) : undefined;
    const ideaIds = this.ideaIds;
    this.end();
    if (target !== undefined) this.drop(ideaIds, target);
  };

  private readonly onCancel = (): void => this.end();

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.end();
  };

  private targetAt(x: number, y: number): string | null | undefined {
    const root = this.host.renderRoot as ShadowRoot | Document;
    const zone = root.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop]');
    if (!zone) return undefined;
    return zone.dataset['drop'] === 'none' ? null : (zone.dataset['drop'] ?? undefined);
  }

  private end(): void {
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onUp);
    window.removeEventListener('pointercancel', this.onCancel);
    window.removeEventListener('keydown', this.onKey);
    const was = this.start !== null;
    this.start = null;
    this.active = false;
    this.ideaIds = [];
    this.over = undefined;
    if (was) this.host.requestUpdate();
  }
}
