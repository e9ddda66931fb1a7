// Host moderation without accounts: kicked devices stay out, host chat mutes follow the device, hidden observers are capped.
import { MATCH_LIMITS } from "../../shared/constants.ts";

/**
 * Identity here is a random device id the browser keeps in localStorage and sends as a join option.
 * Not an IP address: friends on one LAN share one address, and banning it would ban them all.
 * The limit, said plainly: a kicked person who clears site data, opens a private window or uses another
 * browser gets a new id and can come back; a host who needs more can lock the room.
 */
export class Moderation {
  private readonly devices = new Map<string, string>();
  private readonly bannedDevices = new Set<string>();
  private readonly mutedDevices = new Set<string>();
  private readonly observers = new Set<string>();

  /** Remembers which device a session came from (nothing when the client sent none). */
  seat(sessionId: string, deviceId: string | undefined): void {
    if (deviceId) this.devices.set(sessionId, deviceId);
  }

  forget(sessionId: string): void {
    this.devices.delete(sessionId);
    this.observers.delete(sessionId);
  }

  isBanned(deviceId: string | undefined): boolean {
    return deviceId !== undefined && this.bannedDevices.has(deviceId);
  }

  /** Keeps the session's device out of this room; false when that client sent no device id. */
  ban(sessionId: string): boolean {
    const device = this.devices.get(sessionId);
    if (!device) return false;
    this.bannedDevices.add(device);
    return true;
  }

  /** A host mute sticks to the device, so leaving and joining again does not lift it. */
  setMuted(sessionId: string, muted: boolean): void {
    const device = this.devices.get(sessionId);
    if (!device) return;
    if (muted) this.mutedDevices.add(device);
    else this.mutedDevices.delete(device);
  }

  isMutedDevice(deviceId: string | undefined): boolean {
    return deviceId !== undefined && this.mutedDevices.has(deviceId);
  }

  isObserver(sessionId: string): boolean {
    return this.observers.has(sessionId);
  }

  hasObserverSeat(): boolean {
    return this.observers.size < MATCH_LIMITS.maxObservers;
  }

  addObserver(sessionId: string): void {
    this.observers.add(sessionId);
  }
}
