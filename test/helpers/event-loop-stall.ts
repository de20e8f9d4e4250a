/** The longest the main thread kept a 5 ms timer waiting while `work` ran: how long every socket would have waited. */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  let stallMs = 0;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 5);
    last = now;
  };
  const timer = setInterval(tick, 5);
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  // One more tick, so that a stall at the end of the work is counted.
  await new Promise((resolve) => setTimeout(resolve, 6));
  clearInterval(timer);
  tick();
  return { value, ms, stallMs };
}
