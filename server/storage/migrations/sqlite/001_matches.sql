-- Match history and replays (SQLite). Times are ms since the epoch; lists are JSON text.
CREATE TABLE matches (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL,
  room_name TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  updated_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  score_red INTEGER NOT NULL,
  score_blue INTEGER NOT NULL,
  duration_seconds INTEGER NOT NULL,
  red_json TEXT NOT NULL,
  blue_json TEXT NOT NULL,
  scorers_json TEXT NOT NULL,
  replay_bytes INTEGER NOT NULL
);
CREATE INDEX matches_started ON matches (started_at DESC);
CREATE INDEX matches_room ON matches (room_id, started_at DESC);
CREATE INDEX matches_status ON matches (status, updated_at);

-- Who played, for "matches of this name".
CREATE TABLE match_players (
  match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (match_id, name)
);
CREATE INDEX match_players_name ON match_players (name);

-- The replay file in checkpoint chunks, joined in seq order.
CREATE TABLE replay_chunks (
  match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (match_id, seq)
);
