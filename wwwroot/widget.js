/*! ClubFinder widget loader: <script src="https://HOST/widget.js" data-district="8" data-lang="pl" async></script>
    or <div data-clubfinder data-district="8"></div> placeholders. See HOST/embed/docs. */
(function () {
  'use strict';
  // Everything is wrapped: whatever goes wrong here must never break the host page.
  try {
    var script = document.currentScript ||
      document.querySelector('script[data-clubfinder-loader]') ||
      document.querySelector('script[src$="/widget.js"]');
    if (!script || !script.src) return;
    var origin = new URL(script.src).origin;
    var TITLES = {
      pl: 'Wyszukiwarka klubów rodziców w Krakowie',
      en: 'Finder of parents\u2019 clubs in Krak\u00f3w',
      uk: '\u041f\u043e\u0448\u0443\u043a \u043a\u043b\u0443\u0431\u0456\u0432 \u0434\u043b\u044f \u0431\u0430\u0442\u044c\u043a\u0456\u0432 \u0443 \u041a\u0440\u0430\u043a\u043e\u0432\u0456'
    };
    // data-* attribute -> /embed parameter
    var PARAMS = { district: 'district', lang: 'lang', view: 'view', operatorType: 'operatorType', q: 'q' };
    var MIN = 150;
    var MAX = 20000;
    var frames = {};
    var prefix = 'cf' + Math.random().toString(36).slice(2, 8) + '-';
    var count = 0;

    var create = function (holder, data, before) {
      var id = prefix + (count++);
      var query = new URLSearchParams();
      for (var key in PARAMS) {
        if (Object.prototype.hasOwnProperty.call(PARAMS, key) && data[key]) query.set(PARAMS[key], String(data[key]).slice(0, 200));
      }
      if (data.remember === 'true') query.set('remember', '1');
      query.set('id', id);
      var frame = document.createElement('iframe');
      frame.src = origin + '/embed?' + query.toString();
      frame.title = data.title || TITLES[data.lang] || TITLES.pl;
      frame.loading = 'lazy';
      frame.setAttribute('allow', 'geolocation');
      frame.setAttribute('referrerpolicy', 'strict-origin');
      frame.setAttribute('data-clubfinder-frame', id);
      var initial = Number(data.height);
      frame.style.cssText = 'display:block;width:100%;border:0;height:' +
        (initial >= MIN && initial <= MAX ? Math.round(initial) : 640) + 'px';
      // Ask for the height once loaded, in case the first report came before the frame was in place.
      frame.addEventListener('load', function () {
        try { frame.contentWindow.postMessage({ type: 'clubfinder:measure' }, origin); } catch (e) { /* ignore */ }
      });
      frames[id] = frame;
      if (before) holder.parentNode.insertBefore(frame, holder);
      else holder.appendChild(frame);
    };

    // Only {type:'clubfinder:height', id, height} from one of this loader's own frames counts.
    var onMessage = function (event) {
      try {
        var data = event.data;
        if (event.origin !== origin || !data || typeof data !== 'object' ||
            data.type !== 'clubfinder:height' || typeof data.id !== 'string') return;
        var frame = Object.prototype.hasOwnProperty.call(frames, data.id) ? frames[data.id] : null;
        var height = data.height;
        if (!frame || event.source !== frame.contentWindow ||
            typeof height !== 'number' || !isFinite(height) || height <= 0) return;
        frame.style.height = Math.min(MAX, Math.max(MIN, Math.ceil(height))) + 'px';
      } catch (e) { /* ignore */ }
    };

    var run = function () {
      try {
        var holders = document.querySelectorAll('[data-clubfinder]:not(script):not([data-clubfinder-ready])');
        for (var i = 0; i < holders.length; i++) {
          holders[i].setAttribute('data-clubfinder-ready', '');
          create(holders[i], holders[i].dataset, false);
        }
        // Without placeholders, a loader tag in the body shows the finder where it stands.
        if (!holders.length && document.body && document.body.contains(script) &&
            !script.hasAttribute('data-clubfinder-ready')) {
          script.setAttribute('data-clubfinder-ready', '');
          create(script, script.dataset, true);
        }
        if (count) window.addEventListener('message', onMessage);
      } catch (e) {
        if (window.console) console.warn('ClubFinder widget:', e);
      }
    };

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
    else run();
  } catch (e) {
    if (window.console) console.warn('ClubFinder widget:', e);
  }
})();
