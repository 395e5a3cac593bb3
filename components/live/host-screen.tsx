"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { apiErrorOf } from "@/components/api-error";
import type { HostSnapshot } from "@/lib/core/live/snapshots";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import { timed, useLiveEvents, useSecondsLeft, type Timed } from "./live-hooks";
import { OptionMark, optionClass } from "./option-mark";

type T = Messages["live"];
type Command = "start" | "next" | "skip" | "pause" | "resume" | "end" | "lock" | "unlock";

/**
 * The host's screen, for a projector. It shows whatever the latest snapshot says (a reload, or
 * the same host on another laptop, gets the same screen); the buttons and keys only send
 * commands, and the next snapshot shows their effect.
 */
export function HostScreen(props: { initial: HostSnapshot; joinUrl: string; qrSvg: string; t: T }) {
  const { t, joinUrl, qrSvg } = props;
  const [current, setCurrent] = useState<Timed<HostSnapshot>>(() => timed(props.initial));
  const [error, setError] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const s = current.snapshot;
  const status = useLiveEvents<HostSnapshot>(
    `/api/live/games/${s.gameId}/host/events`,
    (snapshot) => setCurrent(timed(snapshot)),
  );
  const secondsLeft = useSecondsLeft(current);

  const send = useCallback(
    async (body: { command: Command } | { command: "kick"; playerId: string; ban: boolean }) => {
      setError(null);
      try {
        const response = await fetch(`/api/live/games/${s.gameId}/host`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        if (!response.ok) setError((await apiErrorOf(response)).message);
      } catch {
        setError(t.errors.network);
      }
    },
    [s.gameId, t.errors.network],
  );

  const finished = s.phase === "podium";
  const forward: Command | null =
    s.phase === "lobby"
      ? "start"
      : s.phase === "reveal" || s.phase === "leaderboard"
        ? "next"
        : null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select")) return;
      const key = event.key.toLowerCase();
      if (confirmEnd) {
        if (key === "enter") {
          event.preventDefault();
          setConfirmEnd(false);
          void send({ command: "end" });
        } else if (key === "escape") setConfirmEnd(false);
        return;
      }
      if (finished) return;
      // Space on a focused button clicks it already; only the page's own Space moves on.
      if ((key === " " && !target?.closest("button, a")) || key === "arrowright") {
        if (forward) {
          event.preventDefault();
          void send({ command: forward });
        }
      } else if (key === "p" && s.phase === "question") {
        void send({ command: s.paused ? "resume" : "pause" });
      } else if (key === "s" && s.phase === "question") {
        void send({ command: "skip" });
      } else if (key === "l") {
        void send({ command: s.lobbyLocked ? "unlock" : "lock" });
      } else if (key === "e") {
        setConfirmEnd(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [confirmEnd, finished, forward, s.phase, s.paused, s.lobbyLocked, send]);

  return (
    <div className="live-host">
      <p className="live-status" role="status">
        {status === "reconnecting" ? t.reconnecting : ""}
      </p>
      {s.phase === "lobby" && <Lobby s={s} joinUrl={joinUrl} qrSvg={qrSvg} t={t} send={send} />}
      {s.question && s.phase !== "podium" && <QuestionView s={s} secondsLeft={secondsLeft} t={t} />}
      {s.phase === "leaderboard" && s.leaderboard && <Leaderboard s={s} t={t} />}
      {finished && <Podium s={s} t={t} />}

      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {confirmEnd ? (
        <div className="live-confirm" role="alertdialog" aria-labelledby="live-end-confirm">
          <p id="live-end-confirm">{t.host.endConfirm}</p>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              setConfirmEnd(false);
              void send({ command: "end" });
            }}
          >
            {t.host.endYes}
          </button>{" "}
          <button type="button" className="button" onClick={() => setConfirmEnd(false)}>
            {t.host.endNo}
          </button>
        </div>
      ) : (
        !finished && (
          <div className="live-controls">
            {forward && (
              <button
                type="button"
                className="button primary"
                onClick={() => void send({ command: forward })}
              >
                {forward === "start" ? t.host.start : t.host.next}
              </button>
            )}
            {s.phase === "question" && (
              <>
                <button
                  type="button"
                  className="button"
                  onClick={() => void send({ command: s.paused ? "resume" : "pause" })}
                >
                  {s.paused ? t.host.resume : t.host.pause}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void send({ command: "skip" })}
                >
                  {t.host.skip}
                </button>
              </>
            )}
            <button
              type="button"
              className="button"
              onClick={() => void send({ command: s.lobbyLocked ? "unlock" : "lock" })}
            >
              {s.lobbyLocked ? t.host.unlock : t.host.lock}
            </button>
            <button type="button" className="button danger" onClick={() => setConfirmEnd(true)}>
              {t.host.end}
            </button>
            <p className="muted live-keys">{t.host.keys}</p>
          </div>
        )
      )}
    </div>
  );
}

type Send = (
  body: { command: Command } | { command: "kick"; playerId: string; ban: boolean },
) => Promise<void>;

function Lobby(props: { s: HostSnapshot; joinUrl: string; qrSvg: string; t: T; send: Send }) {
  const { s, joinUrl, qrSvg, t, send } = props;
  const [ban, setBan] = useState(false);
  return (
    <section className="live-lobby" aria-labelledby="live-lobby-title">
      <h1 id="live-lobby-title">
        <span className="live-pin-label">{t.host.pin}</span>{" "}
        <span className="live-pin">{s.pin}</span>
      </h1>
      <div className="live-join">
        <p className="live-join-url">{formatMessage(t.host.joinAt, { url: joinUrl })}</p>
        {/* Our own SVG, made on the server from the join link (no user text in it). */}
        <div
          className="live-qr"
          role="img"
          aria-label={t.host.qr}
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
      </div>
      {s.lobbyLocked && <p className="live-locked">{t.host.locked}</p>}
      <h2>
        {s.playerCount === 0
          ? t.host.waitingForPlayers
          : formatMessage(t.host.playersJoined, { count: s.playerCount })}
      </h2>
      <PlayerList s={s} t={t} send={send} ban={ban} />
      {s.playerCount > 0 && (
        <label className="live-ban">
          <input type="checkbox" checked={ban} onChange={(e) => setBan(e.target.checked)} />{" "}
          {t.host.ban}
        </label>
      )}
    </section>
  );
}

function PlayerList(props: { s: HostSnapshot; t: T; send: Send; ban: boolean }) {
  const { s, t, send, ban } = props;
  return (
    <ul className="live-players">
      {s.players.map((p) => (
        <li key={p.id}>
          <span>{p.nickname}</span>{" "}
          <button
            type="button"
            className="live-kick"
            aria-label={formatMessage(t.host.kick, { nickname: p.nickname })}
            title={formatMessage(t.host.kick, { nickname: p.nickname })}
            onClick={() => void send({ command: "kick", playerId: p.id, ban })}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function QuestionView({ s, secondsLeft, t }: { s: HostSnapshot; secondsLeft: number; t: T }) {
  const q = s.question!;
  const reveal = s.reveal;
  const max = reveal ? Math.max(1, ...Object.values(reveal.counts)) : 1;
  return (
    <section className="live-question" aria-labelledby="live-prompt">
      <p className="muted">
        {formatMessage(t.questionOf, { n: q.index + 1, total: s.questionCount })}
      </p>
      <h1 id="live-prompt" className="live-prompt">
        {q.prompt}
      </h1>
      {s.phase === "question" && (
        <div className="live-meta">
          <p className="live-timer" aria-live="off">
            {s.paused ? t.paused : formatMessage(t.timeLeft, { seconds: secondsLeft })}
          </p>
          <p className="live-answered" role="status">
            {formatMessage(t.host.answered, { count: s.answeredCount, total: s.playerCount })}
          </p>
        </div>
      )}
      {reveal && <h2>{t.host.histogram}</h2>}
      <ol className="live-options" aria-label={t.options}>
        {q.options.map((option, i) => {
          const right = reveal?.correctOptionId === option.id;
          const count = reveal?.counts[option.id] ?? 0;
          return (
            <li
              key={option.id}
              className={`${optionClass(i)}${reveal && !right ? " live-dim" : ""}${right ? " live-right" : ""}`}
            >
              <OptionMark index={i} />
              <span className="live-option-text">{option.text}</span>
              {reveal && (
                <span className="live-count">
                  {right && <span className="live-check">✓ {t.host.rightMark} · </span>}
                  <span
                    className="live-bar"
                    style={{ width: `${(count / max) * 100}%` }}
                    aria-hidden="true"
                  />
                  <strong>{count}</strong>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {reveal?.sourceQuote && <blockquote className="live-quote">{reveal.sourceQuote}</blockquote>}
    </section>
  );
}

function Leaderboard({ s, t }: { s: HostSnapshot; t: T }) {
  return (
    <section aria-labelledby="live-top">
      <h2 id="live-top">{t.host.topFive}</h2>
      <ol className="live-board">
        {s.leaderboard!.map((p) => {
          const moved = p.previousRank - p.rank;
          return (
            <li key={p.id}>
              <span className="live-rank">{p.rank}</span>
              <span className="live-name">{p.nickname}</span>
              <span className="live-score">{p.score}</span>
              <span className="live-move">
                {moved > 0
                  ? `▲ ${formatMessage(t.host.rankUp, { n: moved })}`
                  : moved < 0
                    ? `▼ ${formatMessage(t.host.rankDown, { n: -moved })}`
                    : ""}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Podium({ s, t }: { s: HostSnapshot; t: T }) {
  return (
    <section aria-labelledby="live-podium">
      <h1 id="live-podium">{t.host.podium}</h1>
      <ol className="live-podium">
        {(s.podium ?? []).map((p) => (
          <li key={p.id} className={`live-place-${p.rank}`}>
            <span className="live-rank">{p.rank}</span>
            <span className="live-name">{p.nickname}</span>
            <span className="live-score">{p.score}</span>
          </li>
        ))}
      </ol>
      <p>
        <Link className="button primary" href={`/live/host/${s.gameId}/report`}>
          {t.host.report}
        </Link>
      </p>
    </section>
  );
}
