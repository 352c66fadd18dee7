// A small observable store: state replaced whole on each change, listeners told. Framework-free;
// React reads a store through useStore.

import { useSyncExternalStore } from "react";

export class Store<S extends object> {
  private current: S;
  private readonly listeners = new Set<() => void>();

  constructor(initial: S) {
    this.current = initial;
  }

  getState = (): S => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected set(patch: Partial<S>) {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l();
  }
}

export function useStore<S extends object>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.getState);
}
