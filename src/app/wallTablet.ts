import { useEffect, useState } from 'react';
import type { NightDim } from '../config/settings';
import { clockMinutes, isDark, isWithinSpan, sensorLux } from '../core/nightDim';
import { useHearthStore } from '../store/store';

/**
 * Holds a Screen Wake Lock while the page is visible. The browser releases the lock whenever
 * the page is hidden, so it is requested again on every return to visible.
 */
export function useWakeLock(enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let cancelled = false;
    const request = async () => {
      if (document.visibilityState !== 'visible' || (sentinel !== null && !sentinel.released)) return;
      try {
        sentinel = await navigator.wakeLock.request('screen');
        if (cancelled) void sentinel.release();
      } catch {
        // Denied (battery saver, no user activation yet): try again on the next visibility change.
      }
    };
    void request();
    document.addEventListener('visibilitychange', request);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', request);
      void sentinel?.release();
    };
  }, [enabled]);
}

/** How far and how often the kiosk layout drifts, so static pixels do not burn into the panel. */
const BURN_IN_STEP_MS = 2 * 60 * 1000;
const BURN_IN_MAX_PX = 4;

/** An offset that moves a few pixels every couple of minutes (0,0 when disabled). */
export function useBurnInShift(enabled: boolean): { x: number; y: number } {
  const [shift, setShift] = useState({ x: 0, y: 0 });
  useEffect(() => {
    if (!enabled) {
      setShift({ x: 0, y: 0 });
      return;
    }
    let step = 0;
    const timer = setInterval(() => {
      step++;
      // A slow square orbit: every position is visited, none is held for long.
      const path = [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [-1, 1],
        [-1, 0],
        [-1, -1],
        [0, -1],
      ] as const;
      const [x, y] = path[step % path.length] ?? [0, 0];
      setShift({ x: x * BURN_IN_MAX_PX, y: y * BURN_IN_MAX_PX });
    }, BURN_IN_STEP_MS);
    return () => clearInterval(timer);
  }, [enabled]);
  return shift;
}

/** The screen brightness to apply now: 1, or the dim level at night by schedule or by sensor. */
export function useNightDimLevel(nightDim: NightDim): number {
  const [scheduleNight, setScheduleNight] = useState(false);
  const [sensorDark, setSensorDark] = useState(false);
  const lux = useHearthStore((s) =>
    nightDim.mode === 'sensor' ? sensorLux(s.fleet, nightDim.sensorDevice) : null,
  );

  useEffect(() => {
    if (nightDim.mode !== 'schedule') return;
    const from = clockMinutes(nightDim.from);
    const to = clockMinutes(nightDim.to);
    const check = () => {
      const now = new Date();
      setScheduleNight(
        from !== null && to !== null && isWithinSpan(now.getHours() * 60 + now.getMinutes(), from, to),
      );
    };
    check();
    const timer = setInterval(check, 30_000);
    return () => clearInterval(timer);
  }, [nightDim.mode, nightDim.from, nightDim.to]);

  useEffect(() => {
    if (lux !== null) setSensorDark((was) => isDark(lux, nightDim.darkBelowLux, was));
  }, [lux, nightDim.darkBelowLux]);

  const night =
    nightDim.mode === 'schedule' ? scheduleNight : nightDim.mode === 'sensor' ? sensorDark : false;
  return night ? nightDim.level : 1;
}
