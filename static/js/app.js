/*
 * Small behaviours shared by every page. Pages work without this file;
 * it only spares staff double submissions and a few clicks.
 *
 *   <form data-confirm="Really refuse?">   asks before submitting
 *   <form data-allow-resubmit>             opts out of the double-submit guard
 *                                          (e.g. a POST that downloads a file)
 *   <select data-autosubmit>               submits its form on change
 *   [data-bs-toggle="tooltip"]             Bootstrap tooltips
 */
(function () {
  "use strict";

  // A second click while the first POST is on its way would act twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    var isPost = (form.getAttribute("method") || "get").toLowerCase() === "post";
    if (!isPost || form.hasAttribute("data-allow-resubmit")) {
      return;
    }
    if (form.dataset.submitting === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "1";
    // Disabled after this tick, so the clicked button's name/value is still sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // A page restored from the back/forward cache must be usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
      form.querySelectorAll("button[disabled], input[type=submit][disabled]").forEach(function (button) {
        button.disabled = false;
      });
    });
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.bootstrap) {
      document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (element) {
        window.bootstrap.Tooltip.getOrCreateInstance(element);
      });
    }
  });
})();
