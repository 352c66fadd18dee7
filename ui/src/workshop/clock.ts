// The agenda's timer as people read it, for the facilitator's panel, the projector and the
// participants' page alike: the host sends what is left when it answers; the page counts down.
import { useEffect, useState } from "react";

/** m:ss, with a + when over time. */
export function clock(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  return `${ms < 0 ? "+" : ""}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The milliseconds left now of a timer read from the host (negative: over time). */
export function useRemaining(timer: { running: boolean; remainingMs: number | null }): number {
  const [received, setReceived] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setReceived(Date.now()), [timer]);
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (timer.remainingMs ?? 0) - (timer.running ? Math.max(0, now - received) : 0);
}
