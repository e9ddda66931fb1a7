// Polls an async reading until it is accepted: browser tests and the bench's first-load measure wait on pages with it.
/** Re-reads `read` every 150 ms until `accept` holds; fails with `what` and the last value after the timeout. */
export async function poll<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
