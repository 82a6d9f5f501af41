// Applies the screen's theme before the first paint, so a dark wall tablet never flashes white.
// A plain script (the page's CSP allows scripts from this origin only, not inline ones). It reads
// what src/config/settings.ts saves under hearth.settings.v1, defensively: missing, unreadable or
// unknown values mean "follow the system". src/app/theme.ts takes over once the app runs.
(() => {
  let theme = 'system';
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('theme');
    const saved = JSON.parse(window.localStorage.getItem('hearth.settings.v1') || '{}');
    const chosen =
      fromUrl !== null ? fromUrl : saved !== null && typeof saved === 'object' ? saved.theme : null;
    if (chosen === 'light' || chosen === 'dark') theme = chosen;
  } catch {
    theme = 'system';
  }
  const dark =
    theme === 'dark' ||
    (theme === 'system' &&
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-color-scheme: dark)').matches);
  const root = document.documentElement;
  root.classList.toggle('dark', dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
  const meta = document.querySelector('meta[name="theme-color"]');
  if (meta !== null) meta.setAttribute('content', dark ? '#0f172a' : '#f8fafc');
})();
