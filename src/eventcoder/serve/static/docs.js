// Starts Swagger UI from our own file: the page's Content-Security-Policy allows no inline script.
"use strict";
(function () {
  if (typeof window.SwaggerUIBundle !== "function") {
    document.getElementById("docs-missing").hidden = false;
    return;
  }
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the default validator is an online service
    tryItOutEnabled: false,
  });
})();
