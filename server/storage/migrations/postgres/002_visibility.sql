-- Who may find a match in the lists: "public" rooms everywhere, "private" rooms only by their room code,
-- "password" rooms in no list (their replay only by its link, which the players got in the match).
ALTER TABLE matches ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public';
CREATE INDEX matches_visibility ON matches (visibility, started_at DESC);
