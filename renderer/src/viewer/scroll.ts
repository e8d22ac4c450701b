/**
 * Scrolls `element` to the middle of `scroller` only. `Element.scrollIntoView` would also
 * scroll every ancestor, overflow:hidden ones included, shifting the whole app shell.
 */
export function scrollToCenter(element: HTMLElement, scroller: HTMLElement): void {
  const box = element.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  scroller.scrollTop += box.top - view.top - (scroller.clientHeight - box.height) / 2;
  // Horizontally only when the element is out of sight (zoomed-in page wider than the pane).
  if (box.left < view.left || box.right > view.left + scroller.clientWidth) {
    scroller.scrollLeft += box.left - view.left - (scroller.clientWidth - box.width) / 2;
  }
}
