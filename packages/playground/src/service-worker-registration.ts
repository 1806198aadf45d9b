// The offline copy: the service worker (built by vite.config.ts) caches the page's own files.
if ('serviceWorker' in navigator && location.protocol !== 'file:')
  void navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { scope: './' }).catch(() => undefined);
