(function () {
  'use strict';
  // Query parameters: seconds (length of the generated WAV, default 30), freq (Hz, 0 = silence, default 440),
  // loop=1 to loop, autoplay=1 to call play() on load (needs --autoplay-policy=no-user-gesture-required headless).
  var params = new URLSearchParams(location.search);
  var src = '/media/tone.wav?seconds=' + encodeURIComponent(params.get('seconds') || '30') +
    '&freq=' + encodeURIComponent(params.get('freq') || '440');
  var state = document.getElementById('media-state');
  ['audio', 'video'].forEach(function (id) {
    var el = document.getElementById(id);
    el.src = src;
    el.loop = params.get('loop') === '1';
    ['playing', 'pause', 'ended', 'volumechange'].forEach(function (ev) {
      el.addEventListener(ev, function () {
        state.textContent = id + ':' + ev + (el.muted ? '(muted)' : '');
        el.setAttribute('data-state', ev);
      });
    });
    document.getElementById(id + '-play').addEventListener('click', function () { el.play(); });
    document.getElementById(id + '-pause').addEventListener('click', function () { el.pause(); });
    document.getElementById(id + '-mute').addEventListener('click', function () { el.muted = !el.muted; });
    if (params.get('autoplay') === '1' && id === 'audio') el.play().catch(function () { state.textContent = 'autoplay blocked'; });
  });
})();
