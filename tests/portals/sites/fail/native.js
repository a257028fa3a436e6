(function () {
  'use strict';
  // Native (navigating) submit to /submit?mode=<?mode= of this page, default 500>.
  var params = new URLSearchParams(location.search);
  document.getElementById('native-form').action = '/submit?mode=' + encodeURIComponent(params.get('mode') || '500');
})();
