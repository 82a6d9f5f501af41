/**
 * The mark where a moved card would land: a bar before the card it would precede, after the last
 * card of a room, or an outline around an empty room. One element on the page's top level, moved
 * at pointer rate without a React render; its room's zone is marked `data-drop-active` too.
 */
export class DropIndicator {
  private readonly bar: HTMLElement;
  private zone: HTMLElement | null = null;

  constructor() {
    this.bar = document.createElement('div');
    this.bar.setAttribute('aria-hidden', 'true');
    this.bar.setAttribute('data-drop-indicator', '');
    Object.assign(this.bar.style, {
      position: 'fixed',
      zIndex: '44',
      pointerEvents: 'none',
      borderRadius: '4px',
      display: 'none',
    });
    document.body.append(this.bar);
  }

  /** Shows the place `index` among the zone's cards (the moved one left out). */
  show(zone: HTMLElement | null, movedId: string, index: number, scroll: boolean): void {
    this.markZone(zone);
    if (zone === null) {
      this.hide();
      return;
    }
    const cards = [...zone.querySelectorAll<HTMLElement>('[data-device-key]')].filter(
      (card) => card.dataset.deviceKey !== movedId,
    );
    const style = this.bar.style;
    style.display = 'block';
    let shown: HTMLElement = zone;
    if (cards.length === 0) {
      const box = zone.getBoundingClientRect();
      Object.assign(style, box2style(box.left, box.top, box.width, box.height));
      style.background = 'rgb(234 88 12 / 0.12)';
      style.outline = '2px dashed rgb(234 88 12)';
    } else {
      const before = index < cards.length;
      shown = (before ? cards[index] : cards.at(-1)) ?? zone;
      const box = shown.getBoundingClientRect();
      const x = before ? box.left - 7 : box.right + 3;
      Object.assign(style, box2style(x, box.top, 4, box.height));
      style.background = 'rgb(234 88 12)';
      style.outline = 'none';
    }
    if (scroll) shown.scrollIntoView({ block: 'nearest' });
    if (scroll) this.show(zone, movedId, index, false);
  }

  hide(): void {
    this.bar.style.display = 'none';
    this.markZone(null);
  }

  remove(): void {
    this.markZone(null);
    this.bar.remove();
  }

  private markZone(zone: HTMLElement | null): void {
    if (zone === this.zone) return;
    this.zone?.removeAttribute('data-drop-active');
    zone?.setAttribute('data-drop-active', '');
    this.zone = zone;
  }
}

function box2style(left: number, top: number, width: number, height: number): Partial<CSSStyleDeclaration> {
  return { left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px` };
}
