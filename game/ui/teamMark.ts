// Team marks that do not rely on colour alone: a shape per team, drawn on each disc and shown in the roster and chat.
export const TEAM_MARK: Record<string, string> = {
  red: "▲",
  blue: "■",
  spectator: "",
};
