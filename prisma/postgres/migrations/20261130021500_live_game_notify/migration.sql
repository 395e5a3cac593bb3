-- PostgreSQL only (docs/decisions/013-several-instances.md): every change of a live game moves
-- its "version" on, so a NOTIFY on that column reaches every instance's listening connection.
-- It is sent at COMMIT of the transaction that made the change (never for a rolled-back one),
-- and PostgreSQL folds identical notifications of one transaction into one. The payload is the
-- game's id only: each instance reads the game itself. SQLite has no NOTIFY; its instance sees
-- other processes' changes by polling the versions (lib/server/live/game-signal.ts).
CREATE FUNCTION "LiveGame_notify_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('live_game', COALESCE(NEW."id", OLD."id"));
  RETURN NULL;
END $$;

CREATE TRIGGER "LiveGame_notify_changed" AFTER UPDATE OF "version" OR DELETE ON "LiveGame"
  FOR EACH ROW EXECUTE FUNCTION "LiveGame_notify_changed"();
