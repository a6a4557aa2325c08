"use client";

import { useEffect, useState } from "react";

// "Now" on the server's clock, ticking every second: the page says what time the server had when
// it rendered, so a browser whose clock is off still shows the incident's clock right.
export function useServerClock(serverNow: string): Date {
  const [offset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return new Date(now + offset);
}
