// Keeps Next.js from taking PodDeck's own instrumentation hook (one folder up) for this app.
export function register() {}
