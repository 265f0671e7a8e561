/*
 * The refusal form's "copy the item's basis into the field": one click puts the
 * offered basis in the text, to edit there. Without it, picking the radio does
 * the same on the server.
 */
(function () {
  "use strict";
  document.querySelectorAll("[data-use-basis]").forEach(function (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var form = button.form;
      var basis = button.parentElement.querySelector("[data-basis]");
      var field = form.querySelector("textarea[name=legal_basis]");
      var own = form.querySelector("input[name=basis_source][value=own]");
      field.value = basis.innerText.trim();
      if (own) {
        own.checked = true;
      }
      field.focus();
    });
  });
})();
