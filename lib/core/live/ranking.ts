export interface Scored {
  id: string;
  nickname: string;
  score: number;
}

export type Ranked<T extends Scored> = T & { rank: number };

/**
 * Standard competition ranking ("1224"): equal scores share a rank and the next rank skips.
 * Ties are listed by nickname, then id, so every screen shows the same order.
 */
export function rankPlayers<T extends Scored>(players: readonly T[]): Ranked<T>[] {
  const sorted = [...players].sort(
    (a, b) =>
      b.score - a.score ||
      a.nickname.localeCompare(b.nickname, "und") ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((player, i) => {
    if (i === 0 || player.score !== sorted[i - 1]!.score) rank = i + 1;
    return { ...player, rank };
  });
}
