/**
 * The layout check, run inside the page by `page.evaluate(findLayoutProblems)`: one pass over the
 * element boxes (not pixels) that returns a line per problem. It must be self-contained: Playwright
 * sends its source to the browser.
 *
 * - **No sideways page scroll**: the scrolling element is no wider than the viewport.
 * - **Nothing beyond the viewport**: no visible element's box leaves it on the left or right, except
 *   inside a container that scrolls sideways on purpose (a code block, a wide table), whose own box
 *   is checked instead.
 * - **Nothing clipped**: an element that hides its overflow (`overflow: hidden` or `clip`) holds all
 *   of its content (`scrollWidth <= clientWidth`), so no text is cut off.
 * - **Nothing overlapping**: no two controls or text blocks that are not nested in each other have
 *   boxes (per line, for inline ones) that intersect by more than a couple of pixels.
 */
export function findLayoutProblems(): string[] {
  const TOLERANCE = 2;
  const problems: string[] = [];
  const viewportWidth = document.documentElement.clientWidth;

  const describe = (element: Element): string => {
    const id = element.id ? `#${element.id}` : "";
    const classes = typeof element.className === "string" && element.className ? `.${element.className.trim().split(/\s+/).join(".")}` : "";
    const text = (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    return `<${element.tagName.toLowerCase()}${id}${classes}> "${text}"`;
  };
  const shown = (element: Element): boolean => {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return false;
    return element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  };
  /** Visually hidden on purpose: a 1-px box (screen-reader text) or parked off the left edge (the skip link). */
  const hiddenOnPurpose = (rect: DOMRect): boolean => (rect.width <= 1 && rect.height <= 1) || rect.right <= 0;

  const scroller = document.scrollingElement ?? document.documentElement;
  if (scroller.scrollWidth > scroller.clientWidth) {
    problems.push(`the page scrolls sideways: ${scroller.scrollWidth} px of content in ${scroller.clientWidth} px`);
  }

  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const TEXT_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, dt, dd, pre, blockquote, figcaption, th, td, label, legend, time";
  const boxes: { element: Element; rect: DOMRect }[] = [];

  const walk = (element: Element, insideScroller: boolean): void => {
    if (!shown(element)) return;
    const rect = element.getBoundingClientRect();
    if (hiddenOnPurpose(rect)) return;
    const style = getComputedStyle(element);
    if (!insideScroller && (rect.left < -TOLERANCE / 2 || rect.right > viewportWidth + TOLERANCE / 2)) {
      problems.push(`beyond the ${viewportWidth} px viewport (${Math.round(rect.left)}…${Math.round(rect.right)}): ${describe(element)}`);
    }
    const overflowX = style.overflowX;
    if ((overflowX === "hidden" || overflowX === "clip") && element.scrollWidth > element.clientWidth + 1 && !element.closest(".visually-hidden")) {
      problems.push(`content clipped (${element.scrollWidth} px in ${element.clientWidth} px): ${describe(element)}`);
    }
    if (element.matches(CONTROLS) || element.matches(TEXT_BLOCKS)) {
      for (const fragment of element.getClientRects()) {
        if (fragment.width > TOLERANCE && fragment.height > TOLERANCE) boxes.push({ element, rect: fragment });
      }
    }
    const scrolls = overflowX === "auto" || overflowX === "scroll";
    for (const child of element.children) walk(child, insideScroller || scrolls);
  };
  walk(document.body, false);

  // Overlaps: sorted by top, each box is compared only with the boxes that start above its bottom.
  boxes.sort((a, b) => a.rect.top - b.rect.top);
  const reported = new Set<string>();
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.rect.top < a.rect.bottom - TOLERANCE; j++) {
      const b = boxes[j]!;
      if (a.element === b.element || a.element.contains(b.element) || b.element.contains(a.element)) continue;
      const width = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const height = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (width > TOLERANCE && height > TOLERANCE) {
        const line = `overlap: ${describe(a.element)} and ${describe(b.element)}`;
        if (!reported.has(line)) problems.push(line);
        reported.add(line);
      }
    }
  }
  return problems;
}
