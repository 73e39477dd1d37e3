/**
 * Data that follows the state it is asked with: `new Resource((signal) => fetchX(a, b, signal))`
 * fetches again whenever `a` or `b` change (whatever the loader reads before its first await),
 * aborts the request it supersedes, and keeps the last answer while the next one loads, so
 * panels do not flicker. Create it while a component initialises (it owns an effect).
 */
import { isAbort } from '../../../shared/api';

export class Resource<T> {
  current = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  #generation = 0;

  constructor(load: (signal: AbortSignal) => Promise<T> | null) {
    $effect(() => {
      const controller = new AbortController();
      const pending = load(controller.signal);
      const generation = ++this.#generation;
      if (!pending) {
        this.current = null;
        this.loading = false;
        this.error = null;
        return;
      }
      this.loading = true;
      pending.then(
        (value) => {
          if (generation !== this.#generation) return;
          this.current = value;
          this.error = null;
          this.loading = false;
        },
        (e: unknown) => {
          if (generation !== this.#generation || isAbort(e)) return;
          this.error = e;
          this.loading = false;
        },
      );
      return () => controller.abort();
    });
  }
}
