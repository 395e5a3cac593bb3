import { Profanity } from "@2toad/profanity";

export const NICKNAME_MAX = 20;

export type NicknameRefusal = "empty" | "too_long" | "invalid_characters" | "profane";
export type NicknameCheck = { ok: true; nickname: string } | { ok: false; reason: NicknameRefusal };

/** Letters (any script, with their accents), digits, spaces and a little punctuation. */
const ALLOWED = /^[\p{L}\p{M}\p{Nd} .,'!?_-]+$/u;

// Whole words only: substring matching refuses "Scunthorpe" and "assassin", and names are short.
const profanity = new Profanity({
  languages: ["en", "ru"],
  wholeWord: true,
  unicodeWordBoundaries: true,
});

/**
 * Whether a name contains a listed word (English or Russian, @2toad/profanity's lists, see
 * docs/decisions/005-live-quiz-profanity-filter.md): as typed, word by word with digits and
 * punctuation as separators ("shit2"), and with everything but letters removed ("f.u.c.k").
 */
export function isProfane(name: string): boolean {
  // The list holds bare numbers ("5", "55"): a number on its own is a class's "Anna 5", not a word.
  const lower = name.toLowerCase().replace(/(?<![\p{L}\p{N}])\p{N}+(?![\p{L}\p{N}])/gu, " ");
  const words = lower.split(/[^\p{L}\p{M}]+/u).filter(Boolean);
  return [lower, words.join(" "), words.join("")].some((text) => profanity.exists(text));
}

/** The key duplicates and bans compare: case and Unicode form do not make a name different. */
export function nicknameKey(nickname: string): string {
  return nickname.normalize("NFC").toLocaleLowerCase("und");
}

/** Trims, collapses spaces, then checks length (in characters, not UTF-16 units), characters and words. */
export function checkNickname(raw: string): NicknameCheck {
  const nickname = raw.normalize("NFC").trim().replace(/\s+/gu, " ");
  if (nickname === "") return { ok: false, reason: "empty" };
  if ([...nickname].length > NICKNAME_MAX) return { ok: false, reason: "too_long" };
  if (!ALLOWED.test(nickname)) return { ok: false, reason: "invalid_characters" };
  if (isProfane(nickname)) return { ok: false, reason: "profane" };
  return { ok: true, nickname };
}

/**
 * The name itself when no player has it (case-insensitively), else "Anna 2", "Anna 3", …: the
 * base is shortened so that the result still fits in NICKNAME_MAX characters.
 */
export function uniqueNickname(nickname: string, taken: ReadonlySet<string>): string {
  if (!taken.has(nicknameKey(nickname))) return nickname;
  for (let n = 2; ; n += 1) {
    const suffix = ` ${n}`;
    const base = [...nickname]
      .slice(0, NICKNAME_MAX - suffix.length)
      .join("")
      .trimEnd();
    const candidate = `${base}${suffix}`;
    if (!taken.has(nicknameKey(candidate))) return candidate;
  }
}

/**
 * The key every name uniqueNickname can make from `nickname` starts with (its first 14
 * characters: room for " 99999"), so a join reads only the players whose names could clash.
 */
export function nicknameClashPrefix(nickname: string): string {
  return nicknameKey(
    [...nickname]
      .slice(0, NICKNAME_MAX - 6)
      .join("")
      .trimEnd(),
  );
}

const ADJECTIVES = {
  en: [
    "Brave",
    "Calm",
    "Clever",
    "Swift",
    "Bright",
    "Quiet",
    "Lucky",
    "Bold",
    "Kind",
    "Witty",
    "Sunny",
    "Keen",
  ],
  ru: [
    "Смелый",
    "Спокойный",
    "Умный",
    "Быстрый",
    "Яркий",
    "Тихий",
    "Везучий",
    "Бодрый",
    "Добрый",
    "Ловкий",
    "Весёлый",
    "Зоркий",
  ],
} as const;
const ANIMALS = {
  en: [
    "Otter",
    "Falcon",
    "Panda",
    "Fox",
    "Lynx",
    "Owl",
    "Badger",
    "Dolphin",
    "Heron",
    "Koala",
    "Wolf",
    "Hedgehog",
  ],
  ru: [
    "Ёж",
    "Сокол",
    "Панда",
    "Лис",
    "Рысь",
    "Филин",
    "Барсук",
    "Дельфин",
    "Кот",
    "Коала",
    "Волк",
    "Бобр",
  ],
} as const;

/** "Swift Otter" / "Быстрый Ёж": for a player who would rather not type a name. */
export function randomNickname(random: () => number, language: "en" | "ru"): string {
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length) % items.length]!;
  return `${pick(ADJECTIVES[language])} ${pick(ANIMALS[language])}`;
}
