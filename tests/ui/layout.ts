// jsdom lays nothing out: every box measures 0 px, so a virtual list (the home's recordings) would find no room
// for any row and nowhere to scroll. As a browser would, its scroll box gets a laptop window's room and a content
// height of what it holds, and each of its rows a row's height; every other element measures what jsdom says.
const VIEW_PX = 720;
const ROW_PX = 40;

type Size = 'clientHeight' | 'offsetHeight' | 'scrollHeight';

function sized(property: Size, size: (el: HTMLElement) => number | null): void {
  let owner: object | null = HTMLElement.prototype;
  while (owner && !Object.getOwnPropertyDescriptor(owner, property)) owner = Object.getPrototypeOf(owner) as object | null;
  const original = Object.getOwnPropertyDescriptor(owner!, property)!.get!;
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return size(this) ?? (original.call(this) as number);
    },
  });
}

const isScrollBox = (el: HTMLElement) => el.classList.contains('virtual-scroll');
/** What a virtual list's box holds: its rendered rows, and the stand-ins for the others (their inline height). */
function contentHeight(box: HTMLElement): number {
  const rows = box.querySelectorAll('tr[data-index]').length * ROW_PX;
  const gaps = [...box.querySelectorAll<HTMLElement>('[style*="height"]')].reduce((sum, el) => sum + (parseFloat(el.style.height) || 0), 0);
  return rows + gaps;
}

sized('clientHeight', (el) => (isScrollBox(el) ? VIEW_PX : null));
sized('scrollHeight', (el) => (isScrollBox(el) ? Math.max(VIEW_PX, contentHeight(el)) : null));
sized('offsetHeight', (el) => (el.dataset.index !== undefined && el.closest('.virtual-scroll') ? ROW_PX : null));

// Nor does it scroll: a box's scrollTo moves its scrollTop and tells its listeners, as a browser's does.
Element.prototype.scrollTo = function scrollTo(this: Element, to?: ScrollToOptions | number, y?: number) {
  const top = typeof to === 'number' ? y : to?.top;
  if (top === undefined) return;
  this.scrollTop = top;
  this.dispatchEvent(new Event('scroll'));
};
