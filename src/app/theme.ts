import type { Theme } from '../config/settings';
import { useHearthStore } from '../store/store';

/** The browser bar's colour in each theme: the page's own background. */
export const THEME_COLORS = { light: '#f8fafc', dark: '#0f172a' } as const;

/** Whether the page is dark: as chosen, or as the system is now when it follows the system. */
export function isDark(theme: Theme, systemDark: boolean): boolean {
  return theme === 'dark' || (theme === 'system' && systemDark);
}

/**
 * Keeps `<html class="dark">`, the form controls' colour scheme and `<meta name="theme-color">`
 * on the screen's theme setting, following the system live when the setting says so
 * (public/theme-boot.js applied the saved one before the first paint). Returns the stop function.
 */
export function startTheme(): () => void {
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const dark = isDark(useHearthStore.getState().settings.theme, system.matches);
    const root = document.documentElement;
    root.classList.toggle('dark', dark);
    root.style.colorScheme = dark ? 'dark' : 'light';
    document
      .querySelector('meta[name="theme-color"]')
      ?.setAttribute('content', dark ? THEME_COLORS.dark : THEME_COLORS.light);
  };
  apply();
  const unsubscribe = useHearthStore.subscribe((state, before) => {
    if (state.settings.theme !== before.settings.theme) apply();
  });
  system.addEventListener('change', apply);
  return () => {
    unsubscribe();
    system.removeEventListener('change', apply);
  };
}
