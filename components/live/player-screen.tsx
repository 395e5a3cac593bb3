"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { apiErrorOf } from "@/components/api-error";
import { randomNickname } from "@/lib/core/live/random-name";
import type { PlayerSnapshot } from "@/lib/core/live/snapshots";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import { liveErrorMessage, sendLiveForm } from "./live-errors";
import { timed, useLiveEvents, useSecondsLeft, type Timed } from "./live-hooks";
import { LiveTextField } from "./live-text-field";
import { OptionMark, optionClass, optionLetter } from "./option-mark";

type T = Messages["live"];

interface PinInfo {
  gameId: string;
  deckTitle: string;
  me: { nickname: string } | null;
}

/**
 * The game this tab played under a PIN. The PIN is cleared when the game ends, so a reload at
 * the podium finds no game by it; the tab remembers the id and goes back in with its cookie
 * (the id alone opens nothing: the player's events need that cookie).
 */
const rememberKey = (pin: string) => `poddeck-live-${pin}`;
function rememberGame(pin: string, gameId: string) {
  try {
    sessionStorage.setItem(rememberKey(pin), gameId);
  } catch {
    // Storage off (private mode): a reload at the podium then shows the PIN's error.
  }
}
function rememberedGame(pin: string): string | null {
  try {
    return sessionStorage.getItem(rememberKey(pin));
  } catch {
    return null;
  }
}

/**
 * /live/<pin> on a phone. The PIN names the game; a browser that joined before (its HttpOnly
 * cookie) goes straight back in, to whatever screen the game is at, with its score, streak and
 * answer; otherwise it picks a nickname first.
 */
export function PlayerScreen({ pin, signedIn, t }: { pin: string; signedIn: boolean; t: T }) {
  const [info, setInfo] = useState<PinInfo | null>(null);
  const [joined, setJoined] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const response = await fetch(`/api/live/pins/${pin}`, { cache: "no-store" });
        if (cancelled) return;
        const played = rememberedGame(pin);
        if (response.status === 404 && played) {
          setInfo({ gameId: played, deckTitle: "", me: null });
          setJoined(true);
          return;
        }
        if (!response.ok) {
          setError(liveErrorMessage(await apiErrorOf(response), t));
          return;
        }
        const found = (await response.json()) as PinInfo;
        setInfo(found);
        setJoined(found.me !== null);
        if (found.me !== null) rememberGame(pin, found.gameId);
      } catch {
        if (!cancelled) setError(t.errors.network);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [pin, t]);

  if (error && !info) {
    return (
      <section className="live-player">
        <h1>{t.joinTitle}</h1>
        <p className="field-error" role="alert">
          {error}
        </p>
        <p>
          <Link href="/live">{t.pin}</Link>
        </p>
      </section>
    );
  }
  if (!info) {
    return (
      <section className="live-player">
        <h1>{t.joinTitle}</h1>
        <p className="muted">{t.checking}</p>
      </section>
    );
  }
  if (!joined) {
    const onJoined = () => {
      rememberGame(pin, info.gameId);
      setJoined(true);
    };
    return <NicknameForm pin={pin} info={info} t={t} onJoined={onJoined} />;
  }
  return <Game gameId={info.gameId} signedIn={signedIn} t={t} />;
}

function NicknameForm(props: { pin: string; info: PinInfo; t: T; onJoined: () => void }) {
  const { pin, info, t, onJoined } = props;
  const [nickname, setNickname] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function join(event: React.FormEvent) {
    event.preventDefault();
    await sendLiveForm({
      send: () =>
        fetch(`/api/live/pins/${pin}/players`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ nickname }),
        }),
      onOk: onJoined,
      setBusy,
      setError,
      t,
    });
  }

  return (
    <section className="live-player" aria-labelledby="live-nick-title">
      <h1 id="live-nick-title">{t.nicknameTitle}</h1>
      <p className="muted">{formatMessage(t.deck, { title: info.deckTitle })}</p>
      <form onSubmit={(e) => void join(e)} noValidate className="live-nick-form">
        <LiveTextField
          id="live-nickname"
          label={t.nickname}
          hint={t.nicknameHint}
          error={error}
          input={{
            autoComplete: "nickname",
            maxLength: 40,
            value: nickname,
            onChange: (e) => setNickname(e.target.value),
          }}
        >
          <button
            type="button"
            className="button live-big"
            onClick={() => setNickname(randomNickname(Math.random))}
          >
            {t.randomName}
          </button>
        </LiveTextField>
        <button type="submit" className="button primary live-big" disabled={busy}>
          {busy ? t.joining : t.joinButton}
        </button>
      </form>
    </section>
  );
}

function Game({ gameId, signedIn, t }: { gameId: string; signedIn: boolean; t: T }) {
  const [current, setCurrent] = useState<Timed<PlayerSnapshot> | null>(null);
  const status = useLiveEvents<PlayerSnapshot>(`/api/live/games/${gameId}/player/events`, (s) =>
    setCurrent(timed(s)),
  );
  if (!current) {
    return (
      <section className="live-player">
        <h1>{t.joinTitle}</h1>
        <p className="muted" role="status">
          {status === "closed" ? t.kicked : status === "reconnecting" ? t.reconnecting : t.checking}
        </p>
      </section>
    );
  }
  return <GameView current={current} status={status} signedIn={signedIn} t={t} />;
}

function GameView(props: {
  current: Timed<PlayerSnapshot>;
  status: string;
  signedIn: boolean;
  t: T;
}) {
  const { current, status, signedIn, t } = props;
  const s = current.snapshot;
  const secondsLeft = useSecondsLeft(current);
  const [sent, setSent] = useState<{ questionIndex: number; choice: string } | null>(null);
  const [error, setError] = useState<{ questionIndex: number; message: string } | null>(null);
  const me = s.me;
  const index = s.questionIndex;
  // What the server has stored wins; until its snapshot comes, what this phone sent.
  const chosen = s.myAnswer?.choice ?? (sent?.questionIndex === index ? sent.choice : null);

  async function answer(choice: string) {
    setSent({ questionIndex: index, choice });
    setError(null);
    try {
      const response = await fetch(`/api/live/games/${s.gameId}/answers`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ questionIndex: index, choice }),
      });
      if (!response.ok) {
        setSent(null);
        setError({
          questionIndex: index,
          message: liveErrorMessage(await apiErrorOf(response), t),
        });
      }
    } catch {
      setSent(null);
      setError({ questionIndex: index, message: t.errors.network });
    }
  }

  const header = me && (
    <p className="live-me">
      <span>{formatMessage(t.youAre, { nickname: me.nickname })}</span>{" "}
      <span>{formatMessage(t.score, { score: me.score })}</span>
    </p>
  );

  if (s.kicked) {
    return (
      <section className="live-player">
        <h1>{t.gameOver}</h1>
        <p role="alert">{t.kicked}</p>
      </section>
    );
  }

  return (
    <section className="live-player" aria-labelledby="live-player-title">
      <p className="live-status" role="status">
        {status === "reconnecting" ? t.reconnecting : ""}
      </p>
      {header}
      {s.phase === "lobby" && (
        <>
          <h1 id="live-player-title">{t.waiting}</h1>
          <p>{formatMessage(t.players, { count: s.playerCount })}</p>
        </>
      )}
      {s.question && (s.phase === "question" || s.phase === "reveal") && (
        <>
          <p className="muted">
            {formatMessage(t.questionOf, { n: s.questionIndex + 1, total: s.questionCount })}
          </p>
          <h1 id="live-player-title" className="live-prompt">
            {s.question.prompt}
          </h1>
          {s.phase === "question" && (
            <p className="live-timer">
              {s.paused ? t.paused : formatMessage(t.timeLeft, { seconds: secondsLeft })}
            </p>
          )}
          <ul className="live-options live-answers" aria-label={t.options}>
            {s.question.options.map((option, i) => {
              const mine = chosen === option.id;
              const right = s.reveal?.correctOptionId === option.id;
              return (
                <li key={option.id}>
                  <button
                    type="button"
                    className={`${optionClass(i)}${mine ? " live-chosen" : ""}${right ? " live-right" : ""}${s.reveal && !right ? " live-dim" : ""}`}
                    disabled={s.phase !== "question" || s.paused || chosen !== null}
                    aria-pressed={mine}
                    onClick={() => void answer(option.id)}
                  >
                    <OptionMark index={i} />
                    <span className="live-option-text">{option.text}</span>
                    {right && <span className="live-check"> ✓</span>}
                  </button>
                </li>
              );
            })}
          </ul>
          {error?.questionIndex === index && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )}
          {s.phase === "question" && chosen && (
            <p className="live-received" role="status">
              {t.answerReceived} ·{" "}
              {formatMessage(t.yourAnswer, {
                letter: optionLetter(s.question.options.findIndex((o) => o.id === chosen)),
              })}
            </p>
          )}
          {s.phase === "reveal" && <Result s={s} t={t} />}
        </>
      )}
      {s.phase === "leaderboard" && (
        <>
          <h1 id="live-player-title">{t.leaderboardWait}</h1>
          {me && <Standing s={s} t={t} />}
        </>
      )}
      {s.phase === "podium" && (
        <>
          <h1 id="live-player-title">{t.gameOver}</h1>
          {me && (
            <p className="live-final">
              {formatMessage(t.finalRank, { rank: me.rank, count: s.playerCount, score: me.score })}
            </p>
          )}
          {signedIn && <AddToReviews gameId={s.gameId} t={t} />}
          <h2>{t.podium}</h2>
          <ol className="live-podium">
            {(s.podium ?? []).map((p) => (
              <li key={`${p.rank}-${p.nickname}`} className={`live-place-${p.rank}`}>
                <span className="live-rank">{p.rank}</span>
                <span className="live-name">{p.nickname}</span>
                <span className="live-score">{p.score}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Result({ s, t }: { s: PlayerSnapshot; t: T }) {
  const a = s.myAnswer;
  const options = s.question?.options ?? [];
  const rightIndex = options.findIndex((o) => o.id === s.reveal?.correctOptionId);
  return (
    <div className={`live-result ${a?.correct ? "live-good" : "live-bad"}`} role="status">
      <p className="live-verdict">{!a ? t.noAnswer : a.correct ? t.right : t.wrong}</p>
      {a?.correct && <p>{formatMessage(t.points, { points: a.points ?? 0 })}</p>}
      {rightIndex >= 0 && (
        <p>
          {formatMessage(t.rightAnswer, {
            letter: optionLetter(rightIndex),
            text: options[rightIndex]!.text,
          })}
        </p>
      )}
      <Standing s={s} t={t} />
    </div>
  );
}

function Standing({ s, t }: { s: PlayerSnapshot; t: T }) {
  if (!s.me) return null;
  return (
    <p className="live-standing">
      <span>{formatMessage(t.streak, { streak: s.me.streak })}</span> ·{" "}
      <span>{formatMessage(t.rank, { rank: s.me.rank, count: s.playerCount })}</span>
    </p>
  );
}

/** After the game, a signed-in player sends the questions they answered to their reviews. */
function AddToReviews({ gameId, t }: { gameId: string; t: T }) {
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const [message, setMessage] = useState<string | null>(null);
  async function add() {
    setState("busy");
    try {
      const response = await fetch(`/api/live/games/${gameId}/reviews`, { method: "POST" });
      if (response.ok) {
        const { added, already } = (await response.json()) as { added: number; already: boolean };
        setMessage(already ? t.reviewsAlready : formatMessage(t.reviewsAdded, { n: added }));
        setState("done");
        return;
      }
      setMessage(liveErrorMessage(await apiErrorOf(response), t));
    } catch {
      setMessage(t.errors.network);
    }
    setState("idle");
  }
  return (
    <div className="live-reviews">
      {state !== "done" && (
        <button
          type="button"
          className="button live-big"
          disabled={state === "busy"}
          onClick={() => void add()}
        >
          {state === "busy" ? t.addingReviews : t.addReviews}
        </button>
      )}
      <p role="status">{message}</p>
    </div>
  );
}
