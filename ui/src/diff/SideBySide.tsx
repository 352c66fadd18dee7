// Two versions side by side: the one compared with on the left (read-only), this one on the right.
// Scrolling either scrolls both, so the same stage stays level.

import { type ReactNode, useEffect, useRef } from "react";

export function SideBySide({ left, right, sync = ".map-scroll" }: { left: ReactNode; right: ReactNode; sync?: string }) {
  const leftRef = useRef<HTMLDivElement>(null);
  const rightRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const a = leftRef.current?.querySelector<HTMLElement>(sync);
    const b = rightRef.current?.querySelector<HTMLElement>(sync);
    if (!a || !b) return;
    let echo: HTMLElement | null = null;
    const follow = (from: HTMLElement, to: HTMLElement) => () => {
      // The scroll this one caused on the other comes back: ignore it once.
      if (echo === from) {
        echo = null;
        return;
      }
      echo = to;
      to.scrollLeft = from.scrollLeft;
      to.scrollTop = from.scrollTop;
    };
    const onA = follow(a, b);
    const onB = follow(b, a);
    a.addEventListener("scroll", onA);
    b.addEventListener("scroll", onB);
    return () => {
      a.removeEventListener("scroll", onA);
      b.removeEventListener("scroll", onB);
    };
  });
  return (
    <div className="side-by-side" data-testid="side-by-side-view">
      <div className="pane other" ref={leftRef} inert data-testid="other-pane">
        {left}
      </div>
      <div className="pane this" ref={rightRef}>
        {right}
      </div>
    </div>
  );
}
