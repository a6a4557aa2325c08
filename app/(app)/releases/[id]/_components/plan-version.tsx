"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

// Optimistic concurrency on the page. A section that opens for editing remembers the version it
// was shown at; saving sends it, and the server refuses if someone else changed the release since.
// When this person saves one section, other sections they have open move on with them (the only
// change in between was their own), so people never conflict with themselves.

type Listener = (from: number, to: number) => void;

const Context = createContext<{ current: number; saved: Listener; subscribe: (fn: Listener) => () => void } | null>(null);

export function PlanVersionProvider({ version, children }: { version: number; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  // A save's answer can arrive before the refreshed page does; versions only grow, so the larger
  // of the two is what this person has seen.
  const [mine, setMine] = useState(0);
  const saved = useCallback<Listener>((from, to) => {
    setMine((known) => Math.max(known, to));
    listeners.current.forEach((fn) => fn(from, to));
  }, []);
  const subscribe = useCallback((fn: Listener) => {
    listeners.current.add(fn);
    return () => void listeners.current.delete(fn);
  }, []);
  return <Context.Provider value={{ current: Math.max(version, mine), saved, subscribe }}>{children}</Context.Provider>;
}

export function useEditSession() {
  const context = useContext(Context);
  if (!context) throw new Error("useEditSession needs a PlanVersionProvider");
  const { current, saved, subscribe } = context;
  const [base, setBase] = useState<number | null>(null);

  useEffect(() => subscribe((from, to) => setBase((open) => (open === from ? to : open))), [subscribe]);

  return {
    editing: base !== null,
    baseVersion: base ?? current,
    // The newest version this page knows (live updates move it on): what a reapply saves against.
    latestVersion: current,
    open: () => setBase(current),
    close: () => setBase(null),
    // After a successful save: this section closes; others open at the old version follow.
    done: (newVersion: number) => {
      const from = base ?? current;
      setBase(null);
      saved(from, newVersion);
    },
  };
}
