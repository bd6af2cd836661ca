-- Techniqual schema: a period's choices from one index (issue #16, goal 3).
-- Loading a period for the matching reads its 150,000 choices at 30,000
-- pupils; through an index of period_id alone every choice cost a look-up
-- of its row. This index holds what the matching and the lists read, in
-- the order they read it (by pupil, then rank), so they neither look up
-- rows nor sort. It replaces the index of period_id alone, which it
-- starts with.
DROP INDEX preferences_period;
CREATE INDEX preferences_period ON preferences (period_id, pupil_id, rank, offer_id);
