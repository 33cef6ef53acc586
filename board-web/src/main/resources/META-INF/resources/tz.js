// Optional: offers the browser's own time zone when the visitor has not picked one. The board works without it.
(function () {
  var link = document.getElementById('use-my-zone');
  if (!link || document.cookie.indexOf('vigie_tz=') >= 0 || !window.Intl) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone === link.getAttribute('data-current')) { return; }
  link.href = '?tz=' + encodeURIComponent(zone);
  link.textContent = link.textContent + ' (' + zone + ')';
  link.hidden = false;
})();
