/*
 * "Give me a random name": an adjective and an animal, plain ASCII words that pass the nickname
 * rules (checkNickname) and fit in 20 characters. `random` is injected (Math.random in the
 * browser, a fixed sequence in tests).
 */

const ADJECTIVES = [
  "Brave",
  "Calm",
  "Clever",
  "Swift",
  "Happy",
  "Bright",
  "Lucky",
  "Quiet",
  "Bold",
  "Kind",
  "Sunny",
  "Witty",
  "Eager",
  "Gentle",
  "Jolly",
  "Mighty",
  "Nimble",
  "Proud",
  "Keen",
  "Cosmic",
];

const ANIMALS = [
  "Otter",
  "Falcon",
  "Panda",
  "Fox",
  "Koala",
  "Lynx",
  "Heron",
  "Badger",
  "Dolphin",
  "Owl",
  "Tiger",
  "Beaver",
  "Puffin",
  "Walrus",
  "Gecko",
  "Moose",
  "Raven",
  "Hedgehog",
  "Bison",
  "Seal",
];

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;

export function randomNickname(random: () => number): string {
  return `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)}`;
}
