import { useRef, type FormEvent } from "react";

/**
 * A module loaded with `import()` the first time it is wanted, and only once: the zod schemas a
 * form checks with stay out of the page's first-load JavaScript. `load` starts it or joins the
 * load under way (a failed one is tried again next time); `current` is the module once it has
 * arrived, for checks that must decide synchronously.
 */
export interface LazyModule<T> {
  load(): Promise<T>;
  readonly current: T | undefined;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let pending: Promise<T> | null = null;
  let current: T | undefined;
  return {
    load() {
      pending ??= importer().then(
        (loaded) => (current = loaded),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    get current() {
      return current;
    },
  };
}

/**
 * Handlers for a form whose action React runs, checked in the browser by a lazily loaded module.
 * Focusing the form starts the load, so the check is usually there by the submit; if not, the
 * submit waits for it and goes again. A module that cannot load lets the form go unchecked: the
 * server's check is the one that counts.
 */
export function useLazyFormCheck<T>(
  module: LazyModule<T>,
  check: (loaded: T, event: FormEvent<HTMLFormElement>) => void,
) {
  const skipCheck = useRef(false);
  return {
    onFocus: () => void module.load().catch(() => undefined),
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      const loaded = module.current;
      if (loaded) return check(loaded, event);
      if (skipCheck.current) {
        skipCheck.current = false;
        return;
      }
      event.preventDefault();
      const form = event.currentTarget;
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      void module
        .load()
        .catch(() => {
          skipCheck.current = true;
        })
        .then(() => form.requestSubmit(submitter));
    },
  };
}
