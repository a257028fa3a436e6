/**
 * The test's own reading of DESIGN.md §3 "Active time", independent of the extension's code: a second counts
 * for a portal when its page is in the active tab of the focused window and there was trusted input in it
 * within the idle threshold, or unmuted media is playing in it. The test logs what it does; this integrates.
 */
export class ActivityTimeline {
  private front: { at: number; portal: string | null }[] = [];
  private inputs = new Map<string, number[]>();
  private media: { at: number; portal: string; playing: boolean }[] = [];

  constructor(private readonly idleThresholdMs: number) {}

  /** Which portal's page is now the active tab of the focused window (null: none, e.g. another window). */
  setFront(portal: string | null, at = Date.now()) {
    this.front.push({ at, portal });
  }
  input(portal: string, at = Date.now()) {
    (this.inputs.get(portal) ?? this.inputs.set(portal, []).get(portal)!).push(at);
  }
  setMedia(portal: string, playing: boolean, at = Date.now()) {
    this.media.push({ at, portal, playing });
  }

  /** Counted milliseconds per portal between `from` and `to`, integrated in 50 ms steps. */
  activeMs(from: number, to: number): Record<string, number> {
    const out: Record<string, number> = {};
    const step = 50;
    for (let t = from; t < to; t += step) {
      const front = [...this.front].reverse().find((f) => f.at <= t)?.portal ?? null;
      if (!front) continue;
      const lastInput = Math.max(-Infinity, ...(this.inputs.get(front) ?? []).filter((i) => i <= t));
      const playing = [...this.media].reverse().find((m) => m.portal === front && m.at <= t)?.playing ?? false;
      if (t - lastInput <= this.idleThresholdMs || playing) out[front] = (out[front] ?? 0) + step;
    }
    return out;
  }
}
