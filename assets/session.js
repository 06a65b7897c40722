/* When the session has ended, Dash requests answer 401: go to the sign-in page and come back here. */
(function () {
  "use strict";
  var originalFetch = window.fetch;
  window.fetch = function (input, init) {
    return originalFetch.apply(this, arguments).then(function (response) {
      var url = typeof input === "string" ? input : (input && input.url) || "";
      if (response.status === 401 && url.indexOf("/_dash-") !== -1) {
        window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname + window.location.search));
      }
      return response;
    });
  };
})();
