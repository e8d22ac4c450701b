import type { Logger } from './logger';

type AnyHandler = (input: never) => unknown;

/**
 * The same handlers, each logging what it throws before it reaches the host's boundary (the core
 * host's reply, the HTTP server's envelope): a bug with its stack, a refusal by its code (see
 * `Logger.failure`). Nothing else changes: the error is rethrown as it was.
 */
export function logFailures<T extends Record<string, AnyHandler>>(log: Logger, where: string, handlers: T): T {
  const wrapped: Record<string, AnyHandler> = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const call = handler as (input: unknown) => unknown;
    wrapped[method] = ((input: unknown) => {
      try {
        const result = call(input);
        if (result instanceof Promise) {
          return result.catch((error: unknown) => {
            log.failure(where, error, { method });
            throw error;
          });
        }
        return result;
      } catch (error) {
        log.failure(where, error, { method });
        throw error;
      }
    }) as AnyHandler;
  }
  return wrapped as T;
}
