import "@testing-library/jest-dom";

// jsdom lacks the layout APIs Fluent UI reaches for; these stand-ins report "no size change" and "no match".
class ResizeObserverStandIn {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== "undefined") {
  if (!("ResizeObserver" in window)) {
    Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserverStandIn });
    Object.defineProperty(globalThis, "ResizeObserver", { writable: true, value: ResizeObserverStandIn });
  }
  if (!window.matchMedia) {
    Object.defineProperty(window, "matchMedia", {
      writable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
  // jsdom has no layout: offsetParent is always null and <body> measures 0 × 0, which tabster (Fluent's focus
  // manager) reads as "not visible" (tabster's FocusableAPI.isVisible and isDisplayNone). A Dialog then finds
  // nothing focusable and focuses its surface instead of its first button as a browser does; focus on the surface
  // leaves the dialog's modalizer inactive, and tabster sets aria-hidden on the whole dialog about 250 ms later
  // (Modalizer hiddenUpdate), which made "asks before replacing earlier outputs" flaky. These stand-ins answer
  // as a browser does for what tabster asks. offsetParent: null for <body>/<html>, detached elements and those
  // inside display:none, else the nearest positioned ancestor or <body>
  // (https://developer.mozilla.org/docs/Web/API/HTMLElement/offsetParent); <body>: the viewport's size.
  Object.defineProperty(HTMLBodyElement.prototype, "getBoundingClientRect", {
    configurable: true,
    value(this: HTMLBodyElement): DOMRect {
      const view = this.ownerDocument.defaultView!;
      return new view.DOMRect(0, 0, view.innerWidth, view.innerHeight);
    },
  });
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement): Element | null {
      const { body, documentElement } = this.ownerDocument;
      if (this === body || this === documentElement || !this.isConnected) return null;
      const view = this.ownerDocument.defaultView!;
      const own = view.getComputedStyle(this);
      if (own.display === "none" || own.position === "fixed") return null;
      let positioned: Element | null = null;
      for (let element = this.parentElement; element && element !== body; element = element.parentElement) {
        const style = view.getComputedStyle(element);
        if (style.display === "none") return null;
        if (!positioned && style.position !== "static" && style.position !== "") positioned = element;
      }
      return positioned ?? body;
    },
  });
}
