/**
 * Remembers a function's last answer and gives it again while every argument is the same (===).
 * The reducer replaces `ideas` and `tables` whenever they change, so their identity is a cheap,
 * exact key: the wall re-renders four times a second for the countdown, and 1,000 ideas must not
 * be filtered and counted each time.
 */
export function rememberLast<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs === null || args.length !== lastArgs.length || args.some((arg, i) => arg !== lastArgs![i])) {
      lastResult = compute(...args);
      lastArgs = args;
    }
    return lastResult;
  };
}
