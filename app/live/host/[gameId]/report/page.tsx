import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveGameIdSchema } from "@/lib/core/live/api-schemas";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { getLiveGameReport } from "@/lib/server/live/report";
import { orNotFound } from "@/lib/server/not-found";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.live.report.title };
}

/** /live/host/<id>/report — per player and per question, for the host only (others: 404). */
export default async function LiveReportPage({ params }: { params: Promise<{ gameId: string }> }) {
  const id = LiveGameIdSchema.safeParse((await params).gameId);
  const user = await getCurrentUser();
  if (!id.success || !user) notFound();
  const { locale, t } = await getMessages();
  const r = t.live.report;
  const game = await orNotFound(getLiveGameReport(db, { gameId: id.data, hostUserId: user.id }));
  const { report } = game;
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  const secs = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <section className="live-report">
      <h1>{r.title}</h1>
      <p className="muted">
        {fillMessage(r.lead, {
          deck: game.deckTitle,
          date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(game.createdAt),
          count: report.players.length,
        })}
      </p>
      <p>
        <a className="button" href={`/api/live/games/${game.gameId}/report`} download>
          {r.csv}
        </a>{" "}
        {!game.finished && <Link href={`/live/host/${game.gameId}`}>{t.live.host.title}</Link>}
      </p>
      <h2>{r.players}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{r.rank}</th>
              <th scope="col">{r.nickname}</th>
              <th scope="col">{r.score}</th>
              <th scope="col">{r.right}</th>
              <th scope="col">{r.averageSeconds}</th>
            </tr>
          </thead>
          <tbody>
            {report.players.map((p) => (
              <tr key={`${p.rank}-${p.nickname}`}>
                <td>{p.rank}</td>
                <th scope="row">{p.nickname}</th>
                <td>{p.score}</td>
                <td>
                  {p.right} / {report.questionCount}
                </td>
                <td>{p.averageMs === null ? r.none : secs.format(p.averageMs / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{r.questions}</h2>
      <ol className="live-report-questions">
        {report.questions.map((q) => (
          <li key={q.index} className="card">
            <p>
              <strong>{q.prompt}</strong>
            </p>
            <p>
              {r.shareRight}: {percent.format(q.shareRight)} ({q.right} / {report.players.length}) ·{" "}
              {q.rightAnswer}
            </p>
            <p>
              {r.commonWrong}:{" "}
              {q.commonWrong ? `${q.commonWrong.text} (${q.commonWrong.count})` : r.none}
            </p>
            {q.commonWrong && q.sourceQuote && (
              <blockquote>
                {r.source}: {q.sourceQuote}
              </blockquote>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
