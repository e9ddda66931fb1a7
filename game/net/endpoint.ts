// Where the game server is: the page's own origin in production; port 2567 beside Vite's dev server.
export function serverEndpoint(): string {
  if (import.meta.env.DEV) return `${location.protocol}//${location.hostname}:2567`;
  return location.origin;
}
