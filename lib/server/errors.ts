/** Typed failures of domain operations; `toErrorResponse` turns them into 4xx answers. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    readonly code: string,
  ) {
    super(message);
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string) {
    super(message, 400, "bad_request");
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message: string) {
    super(message, 401, "unauthorized");
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message, 404, "not_found");
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message, 403, "forbidden");
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = "conflict") {
    super(message, 409, code);
  }
}

/** Too many requests: the edge answers 429 with `Retry-After` and which limit it was. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** The limit's bucket (lib/server/rate-limits/limits.ts), so the UI can say which. */
    readonly limit: string,
  ) {
    super(message, 429, "rate_limited");
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`, 413, "payload_too_large");
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super(message, 415, "unsupported_media_type");
  }
}
