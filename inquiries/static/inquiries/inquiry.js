/*
 * The inquiry page: the referral form shows the chosen section's public
 * phone and room as it is chosen, so the desk can tell the visitor at once.
 * Ctrl+Enter (⌘+Enter) submits the outcome form being typed in.
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-outcome-form]").forEach(function (form) {
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  });

  var contact = document.querySelector("[data-refer-contact]");
  var select = document.querySelector("[data-outcome-form=refer] select[name=refer_department]");
  if (!contact || !select) {
    return;
  }
  function update() {
    var option = select.options[select.selectedIndex];
    var phone = option ? option.getAttribute("data-phone") : null;
    var room = option ? option.getAttribute("data-room") : null;
    contact.hidden = !option || !option.value;
    contact.querySelector("[data-refer-phone]").textContent = phone || "—";
    contact.querySelector("[data-refer-room]").textContent = room || "—";
  }
  select.addEventListener("change", update);
  update();
})();
