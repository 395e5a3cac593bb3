import { z } from "zod";

/**
 * Game PINs: 6 digits, never starting with 0 (a leading zero gets lost when read aloud or typed
 * into a numeric field), so 900,000 PINs. Unique among the games not finished: the server draws
 * another on a clash (a unique index). Guessing is limited per address, like class join codes.
 */
export const PIN_LENGTH = 6;
export const PinSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[1-9]\d{5}$/, "a PIN is 6 digits"));

/** A uniform random integer in [min, max): `crypto.randomInt` on the server, a sequence in tests. */
export type RandomInt = (min: number, max: number) => number;

export function generatePin(randomInt: RandomInt): string {
  const pin = randomInt(100_000, 1_000_000);
  if (!Number.isInteger(pin) || pin < 100_000 || pin >= 1_000_000) {
    throw new RangeError(`random PIN ${pin} is outside [100000, 1000000)`);
  }
  return String(pin);
}
