/*
 * The console's first request, before its JavaScript has arrived (web/index.html loads this tiny file
 * next to the app's chunks; the CSP allows scripts from this origin only, hence a file, not inline).
 * On a slow network (Fast 3G: 0.56 s a round trip) the app would otherwise wait for its ~200 KB of
 * script before exchanging the refresh cookie, and only then ask for the inspector's tasks: two round
 * trips after the download instead of beside it. The app takes these answers once (web/src/api/client.ts
 * `takeEarly`), or asks itself if they are absent. Nothing is kept: the answers live in this page only.
 */
(function () {
  if (typeof fetch !== 'function') return;
  var headers = { 'X-Requested-With': 'ssgk-console' };
  var early = {};
  early.refresh = fetch('/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: headers });
  // The inspector's 我的任务 (also the inspector's home, /console/): asked as soon as the token is known.
  if (/^\/console\/(tasks\/?)?$/.test(location.pathname)) {
    early.myTasks = early.refresh
      .then(function (res) {
        return res.ok ? res.clone().json() : null;
      })
      .then(function (session) {
        if (!session || !session.user || session.user.role !== 'inspector') return null;
        return fetch('/me/tasks?page=1&pageSize=100', { credentials: 'same-origin', headers: { Authorization: 'Bearer ' + session.accessToken } });
      })
      .catch(function () {
        return null;
      });
  }
  early.refresh.catch(function () {}); // a network failure is the app's to handle (offline mode)
  window.__ssgkEarly = early;
})();
