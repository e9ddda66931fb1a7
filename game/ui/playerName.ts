// The player's display name, remembered in localStorage between visits.
import { LIMITS } from "../../shared/constants.ts";

const STORAGE_KEY = "rebound.name";

export function rememberedName(): string {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && stored.trim()) return stored.trim().slice(0, LIMITS.nameLength);
  return `Player${Math.floor(1000 + Math.random() * 9000)}`;
}

export function rememberName(name: string): string {
  const clean = name.trim().slice(0, LIMITS.nameLength) || rememberedName();
  localStorage.setItem(STORAGE_KEY, clean);
  return clean;
}
