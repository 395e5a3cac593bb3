import type { Metadata } from "next";
import Link from "next/link";
import { LazyStatsBarChart } from "@/components/stats/lazy-bar-chart";
import { ReviewHeatmap } from "@/components/stats/review-heatmap";
import { TableDetails } from "@/components/stats/table-details";
import { recallRate, summarizeMonths, type RecallCounts } from "@/lib/core/stats";
import { formatMessage } from "@/lib/i18n/format-message";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { getLearnerStats } from "@/lib/server/stats/get-learner-stats";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.stats.title };
}

const CARD_STATES = ["new", "learning", "review", "relearning", "suspended"] as const;

export default async function StatsPage() {
  const { t, locale } = await getMessages();
  const s = t.stats;
  const stats = await getLearnerStats(db, { learnerId: await getLearnerId(), now: new Date() });
  if (!stats) {
    return (
      <section className="card">
        <h1>{s.title}</h1>
        <p>{s.empty}</p>
        <Link className="button primary" href="/study">
          {s.startStudy}
        </Link>
      </section>
    );
  }

  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const share = (counts: RecallCounts) => {
    const rate = recallRate(counts);
    return rate === null
      ? s.noData
      : `${percent.format(rate)} (${counts.recalled}/${counts.total})`;
  };
  const wholePercent = (counts: RecallCounts) => Math.round((recallRate(counts) ?? 0) * 100);
  const dayFormat = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const monthFormat = new Intl.DateTimeFormat(locale, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const dayLabel = (key: string) => dayFormat.format(new Date(`${key}T00:00:00Z`));
  const months = summarizeMonths(stats.heatmap);
  const dueToday = stats.forecast[0]?.due ?? 0;

  return (
    <>
      <h1>{s.title}</h1>
      <section className="card" aria-labelledby="stats-summary">
        <h2 id="stats-summary" className="visually-hidden">
          {s.summary}
        </h2>
        <dl className="summary-figures">
          <Figure label={s.reviewsToday} value={stats.reviewsToday} testId="stats-reviews-today" />
          <Figure label={s.streak} value={stats.streak.current} testId="stats-streak" />
          <Figure label={s.longestStreak} value={stats.streak.longest} testId="stats-longest" />
          <Figure label={s.dueToday} value={dueToday} testId="stats-due-today" />
          <Figure label={s.totalReviews} value={stats.totalReviews} testId="stats-total-reviews" />
        </dl>
        <p className="muted small">
          {formatMessage(s.timeZoneNote, {
            hour: String(stats.dayStartHour).padStart(2, "0"),
            zone: stats.timeZone,
          })}
        </p>
      </section>

      <section className="card" id="stats-heatmap" aria-labelledby="stats-heatmap-title">
        <h2 id="stats-heatmap-title">{s.heatmap}</h2>
        {/* Scrolls sideways on a phone: focusable, so the keyboard can scroll it too. */}
        <div
          className="heatmap-scroll"
          tabIndex={0}
          role="region"
          aria-labelledby="stats-heatmap-title"
        >
          <ReviewHeatmap
            days={stats.heatmap}
            today={stats.today}
            locale={locale}
            label={s.heatmapLabel}
            reviewsOn={s.reviewsOn}
          />
        </div>
        <p className="heatmap-legend muted small" aria-hidden="true">
          {s.less} <span className="heat-swatch heat-0" /> <span className="heat-swatch heat-1" />{" "}
          <span className="heat-swatch heat-2" /> <span className="heat-swatch heat-3" />{" "}
          <span className="heat-swatch heat-4" /> {s.more}
        </p>
        <TableDetails
          summary={s.showTable}
          caption={s.heatmap}
          head={[s.month, s.reviews, s.activeDays]}
          rows={months.map((m) => [
            monthFormat.format(new Date(`${m.month}-01T00:00:00Z`)),
            m.reviews,
            m.activeDays,
          ])}
          testId="heatmap-table"
        />
      </section>

      <section className="card" aria-labelledby="stats-forecast">
        <h2 id="stats-forecast">{s.forecast}</h2>
        <p className="muted small">{s.forecastNote}</p>
        <LazyStatsBarChart
          data={stats.forecast.map((d) => ({ label: dayLabel(d.key), value: d.due }))}
          valueName={s.due}
        />
        <TableDetails
          summary={s.showTable}
          caption={s.forecast}
          head={[s.day, s.due]}
          rows={stats.forecast.map((d) => [dayLabel(d.key), d.due])}
          testId="forecast-table"
        />
      </section>

      <section className="card" aria-labelledby="stats-retention">
        <h2 id="stats-retention">{s.retention}</h2>
        <p className="muted small">{s.retentionNote}</p>
        <div className="table-scroll">
          <table className="stats-table" data-testid="retention-table">
            <thead>
              <tr>
                <th scope="col">{s.period}</th>
                <th scope="col">{s.young}</th>
                <th scope="col">{s.mature}</th>
                <th scope="col">{s.all}</th>
              </tr>
            </thead>
            <tbody>
              {stats.retention.map((w) => (
                <tr key={w.days}>
                  <th scope="row">{formatMessage(s.lastDays, { days: w.days })}</th>
                  <td>{share(w.young)}</td>
                  <td>{share(w.mature)}</td>
                  <td>{share(w.all)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="stats-cards">
        <h2 id="stats-cards">{s.cards}</h2>
        <dl className="summary-figures">
          {CARD_STATES.map((state) => (
            <Figure
              key={state}
              label={s.states[state]}
              value={stats.cards[state]}
              testId={`cards-${state}`}
            />
          ))}
        </dl>
        <LazyStatsBarChart
          data={CARD_STATES.map((state) => ({ label: s.states[state], value: stats.cards[state] }))}
          valueName={s.count}
          height={200}
        />
      </section>

      <section className="card" aria-labelledby="stats-mastery">
        <h2 id="stats-mastery">{s.mastery}</h2>
        <p className="muted small">{s.masteryNote}</p>
        {stats.mastery.map((deck) => (
          <div key={deck.deckId} className="mastery-deck" data-testid={`mastery-${deck.deckId}`}>
            <h3>
              {deck.title}
              {deck.removed && <span className="badge">{s.deckRemoved}</span>}
            </h3>
            {deck.weakestAspect && !deck.removed && (
              <p className="weakest">
                {formatMessage(s.weakest, {
                  aspect: deck.weakestAspect.title,
                  share: share(deck.weakestAspect),
                })}{" "}
                <Link
                  className="button small primary"
                  href={`/study?deck=${encodeURIComponent(deck.deckId)}&aspect=${encodeURIComponent(deck.weakestAspect.key)}`}
                >
                  {formatMessage(s.studyWeakest, { aspect: deck.weakestAspect.title })}
                </Link>
              </p>
            )}
            <h4>{s.aspect}</h4>
            <LazyStatsBarChart
              data={deck.aspects.map((a) => ({ label: a.title, value: wholePercent(a) }))}
              valueName={s.share}
              percent
              horizontal
            />
            <TableDetails
              summary={s.showTable}
              caption={`${deck.title}: ${s.aspect}`}
              head={[s.aspect, s.answers, s.recalled, s.share]}
              rows={deck.aspects.map((a) => [a.title, a.total, a.recalled, share(a)])}
              testId={`mastery-aspects-${deck.deckId}`}
            />
            <h4>{s.concept}</h4>
            <LazyStatsBarChart
              data={deck.concepts.map((c) => ({ label: c.title, value: wholePercent(c) }))}
              valueName={s.share}
              percent
              horizontal
              height={120}
            />
            <TableDetails
              summary={s.showTable}
              caption={`${deck.title}: ${s.concept}`}
              head={[s.concept, s.answers, s.recalled, s.share]}
              rows={deck.concepts.map((c) => [c.title, c.total, c.recalled, share(c)])}
              testId={`mastery-concepts-${deck.deckId}`}
            />
          </div>
        ))}
      </section>

      <div className="stats-pair">
        <section className="card" aria-labelledby="stats-intervals">
          <h2 id="stats-intervals">{s.intervals}</h2>
          <LazyStatsBarChart
            data={stats.intervals.map((b) => ({ label: b.label, value: b.count }))}
            valueName={s.count}
          />
          <TableDetails
            summary={s.showTable}
            caption={s.intervals}
            head={[s.interval, s.count]}
            rows={stats.intervals.map((b) => [b.label, b.count])}
            testId="intervals-table"
          />
        </section>
        <section className="card" aria-labelledby="stats-difficulty">
          <h2 id="stats-difficulty">{s.difficulty}</h2>
          <LazyStatsBarChart
            data={stats.difficulty.map((b) => ({ label: b.label, value: b.count }))}
            valueName={s.count}
          />
          <TableDetails
            summary={s.showTable}
            caption={s.difficulty}
            head={[s.difficultyBucket, s.count]}
            rows={stats.difficulty.map((b) => [b.label, b.count])}
            testId="difficulty-table"
          />
        </section>
      </div>
    </>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
